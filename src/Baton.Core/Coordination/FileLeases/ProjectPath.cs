using Baton.Core.Repositories;
using Baton.Core.Sessions;

namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// Paths inside a project, as file leases name them: relative to the project root, <c>/</c> between segments, no empty,
/// <c>.</c> or <c>..</c> segment, no leading or trailing <c>/</c>; the empty string is the root itself. Everything here is
/// lexical (no file system access, symbolic links are not followed) but <see cref="RootOf"/>, <see cref="Physical"/> and
/// <see cref="RelativePhysical"/>, which resolve symbolic links.
/// </summary>
public static class ProjectPath
{
    /// <summary>Normalises a relative path or pattern: drops <c>.</c> and empty segments (<c>./a//b/</c> is <c>a/b</c>) and
    /// resolves <c>..</c> against the segment before it.</summary>
    /// <param name="path">A relative path; a leading <c>/</c> is ignored.</param>
    /// <returns>The normalised path, or null when a <c>..</c> climbs above the start.</returns>
    public static string? Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kept = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (kept.Count == 0)
                    {
                        return null;
                    }

                    kept.RemoveAt(kept.Count - 1);
                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        return string.Join('/', kept);
    }

    /// <summary>
    /// The path of <paramref name="path"/> relative to <paramref name="projectRoot"/>: an absolute path as it is, a relative
    /// one taken from <paramref name="cwd"/> (else from the root), both normalised (<see cref="Normalize"/>).
    /// </summary>
    /// <param name="path">The path a tool names.</param>
    /// <param name="projectRoot">The project root, absolute.</param>
    /// <param name="cwd">The folder relative paths start from, absolute; null for the root.</param>
    /// <returns>The relative path (empty for the root), or null when it is outside the project (or empty).</returns>
    public static string? Relative(string path, string projectRoot, string? cwd)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(projectRoot);
        if (Absolute(path, projectRoot, cwd) is not { } absolute)
        {
            return null;
        }

        var full = Normalize(absolute);
        var root = Normalize(projectRoot);
        if (full is null || root is null)
        {
            return null;
        }

        if (root.Length == 0)
        {
            return full;
        }

        if (Same(full, root))
        {
            return "";
        }

        return full.Length > root.Length && full[root.Length] == '/' && Same(full[..root.Length], root) ? full[(root.Length + 1)..] : null;
    }

    /// <summary>
    /// The path of <paramref name="path"/> relative to the project root as the file system sees it: the absolute path (a
    /// relative one taken from <paramref name="cwd"/>, else from the root) and the root both resolved through symbolic links
    /// first (<see cref="Physical"/>), so <c>link/app.cs</c> where <c>link</c> points at <c>src</c> is <c>src/app.cs</c>, and
    /// a link that leads out of the project leads outside it.
    /// </summary>
    /// <param name="path">The path a tool names.</param>
    /// <param name="projectRoot">The project root, absolute.</param>
    /// <param name="cwd">The folder relative paths start from, absolute; null for the root.</param>
    /// <returns>The relative path (empty for the root), or null when it is outside the project (or empty).</returns>
    public static string? RelativePhysical(string path, string projectRoot, string? cwd)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(projectRoot);
        return Absolute(path, projectRoot, cwd) is { } absolute ? Relative(Physical(absolute), Physical(projectRoot), null) : null;
    }

    /// <summary>
    /// An absolute path with every symbolic link along it resolved, as <c>realpath</c> does, except that a part that does not
    /// exist (a file about to be written) is kept as written; <c>.</c> and <c>..</c> are resolved on the way (<c>..</c> after a
    /// link goes up from where the link leads). A loop of links (more than 40) stops the resolution there.
    /// </summary>
    /// <param name="absolutePath">An absolute path.</param>
    /// <returns>The physical path, absolute, without a trailing <c>/</c> (<c>/</c> for the root).</returns>
    /// <exception cref="ArgumentException">The path is not absolute.</exception>
    public static string Physical(string absolutePath)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        if (!absolutePath.StartsWith('/'))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path.", nameof(absolutePath));
        }

        const int MaxLinks = 40;
        var pending = new LinkedList<string>(absolutePath.Split('/'));
        var resolved = new List<string>();
        var links = 0;
        while (pending.First is { } first)
        {
            var segment = first.Value;
            pending.RemoveFirst();
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = "/" + string.Join('/', [.. resolved, segment]);
            if (links >= MaxLinks || LinkTarget(candidate) is not { } target)
            {
                resolved.Add(segment);
                continue;
            }

            links++;
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var part in target.Split('/').Reverse())
            {
                pending.AddFirst(part);
            }
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>A path a tool names made absolute: as it is when absolute, else from <paramref name="cwd"/> (else the root).</summary>
    /// <returns>The absolute path (not normalised), or null when the path is empty or the root is not absolute.</returns>
    private static string? Absolute(string path, string projectRoot, string? cwd) =>
        path.Length == 0 || !projectRoot.StartsWith('/')
            ? null
            : path.StartsWith('/') ? path : (cwd is { Length: > 0 } && cwd.StartsWith('/') ? cwd : projectRoot) + "/" + path;

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The project root of a session for file leases: its recorded <see cref="Session.ProjectRoot"/>, except when git was
    /// never asked about it (no branch recorded: the first hook events don't ask), then the git top-level of its working
    /// directory found on disk (<see cref="GitWorkingTree.FindTopLevel"/>, the same rule the registry records), else the recorded root.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The absolute root without a trailing <c>/</c>, or null when the session has no working directory or root.</returns>
    public static string? RootOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var root = session.Branch is null && session.Cwd is { } cwd && cwd.StartsWith('/')
            ? GitWorkingTree.FindTopLevel(cwd) ?? session.ProjectRoot ?? cwd
            : session.ProjectRoot ?? session.Cwd;
        return root is null ? null : Path.TrimEndingDirectorySeparator(root);
    }

    /// <summary>Whether two absolute roots are the same folder (compared as text, after dropping a trailing <c>/</c>).</summary>
    /// <param name="a">A root.</param>
    /// <param name="b">Another.</param>
    /// <returns>True when the same.</returns>
    public static bool SameRoot(string? a, string? b) =>
        a is not null && b is not null && Same(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b));

    private static bool Same(string a, string b) =>
        string.Equals(a, b, FileGlob.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
