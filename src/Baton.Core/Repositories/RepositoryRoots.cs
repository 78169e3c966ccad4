using Baton.Core.Home;

namespace Baton.Core.Repositories;

/// <summary>
/// The folders <c>baton new NAME</c> looks for repositories in (<c>baton config roots add|ls|remove</c>), kept as
/// <see cref="BatonSettings.Roots"/> in <c>$BATON_HOME/config.json</c> (0600), and the lookup itself: a git repository
/// named NAME directly under a root, or one level further down (<c>~/src/NAME</c> or <c>~/src/github/NAME</c>).
/// </summary>
public sealed class RepositoryRoots
{
    private readonly BatonHome _home;

    /// <summary>Creates the roots of a Baton home.</summary>
    /// <param name="home">The home whose settings hold them.</param>
    public RepositoryRoots(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        _home = home;
    }

    /// <summary>The configured roots, in the order they were added.</summary>
    /// <returns>Absolute folder paths.</returns>
    /// <exception cref="UserErrorException">The settings file is malformed.</exception>
    public IReadOnlyList<string> List() => BatonSettings.Load(_home).Roots;

    /// <summary>Adds a root; adding one already there changes nothing.</summary>
    /// <param name="directory">An existing folder; made absolute (a trailing separator dropped).</param>
    /// <returns>The root as stored, absolute.</returns>
    /// <exception cref="UserErrorException">The folder does not exist, or the settings file is malformed.</exception>
    public string Add(string directory)
    {
        var root = Normalize(directory);
        if (!Directory.Exists(root))
        {
            throw new UserErrorException($"No folder '{directory}'.");
        }

        var settings = BatonSettings.Load(_home);
        if (!settings.Roots.Contains(root, StringComparer.Ordinal))
        {
            settings.Roots.Add(root);
            settings.Save(_home);
        }

        return root;
    }

    /// <summary>Removes a root (given as it was added, or as any path naming the same folder).</summary>
    /// <param name="directory">The root.</param>
    /// <returns>The root removed, absolute.</returns>
    /// <exception cref="UserErrorException">It is not a configured root (the message lists them), or the settings file is malformed.</exception>
    public string Remove(string directory)
    {
        var root = Normalize(directory);
        var settings = BatonSettings.Load(_home);
        if (!settings.Roots.Remove(root))
        {
            throw new UserErrorException($"'{root}' is not a repository root; the roots are: {Described(settings.Roots)}.");
        }

        settings.Save(_home);
        return root;
    }

    /// <summary>Finds the repository a bare name means: a git repository (a folder holding <c>.git</c>) named
    /// <paramref name="name"/> directly under a root or one level further down.</summary>
    /// <param name="name">A repository name: no path separators.</param>
    /// <returns>Its absolute path, or null when no root holds one.</returns>
    /// <exception cref="UserErrorException">Several repositories have that name (the message lists them), or the settings file is malformed.</exception>
    public string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || name is "." or "..")
        {
            return null;
        }

        var found = List()
            .Where(Directory.Exists)
            .SelectMany(root => (IEnumerable<string>)[Path.Combine(root, name), .. Subfolders(root).Select(folder => Path.Combine(folder, name))])
            .Where(candidate => Directory.Exists(Path.Combine(candidate, ".git")) || File.Exists(Path.Combine(candidate, ".git")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new UserErrorException(
                $"'{name}' names {found.Count} repositories under the roots: {string.Join(", ", found)}; give the folder instead."),
        };
    }

    private static IEnumerable<string> Subfolders(string root)
    {
        try
        {
            return Directory.GetDirectories(root).Where(folder => !Path.GetFileName(folder).StartsWith('.'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Normalize(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
    }

    private static string Described(List<string> roots) => roots.Count == 0 ? "none (add one: baton config roots add DIR)" : string.Join(", ", roots);
}
