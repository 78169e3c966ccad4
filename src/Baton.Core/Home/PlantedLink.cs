namespace Baton.Core.Home;

/// <summary>
/// Refuses symbolic links where Baton keeps its own files (the home, the store, the log): a link planted there by another
/// process would make Baton write where that process chose. Checked before each open, without following the link.
/// </summary>
public static class PlantedLink
{
    /// <summary>Whether a path is a symbolic link (a dangling one too); false when nothing is there.</summary>
    /// <param name="path">The path.</param>
    /// <returns>True for a link.</returns>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Throws when <paramref name="path"/> is a symbolic link.</summary>
    /// <param name="path">The path.</param>
    /// <param name="what">What Baton keeps there, for the message: <c>Baton's home</c>, <c>the store</c>.</param>
    /// <exception cref="UnauthorizedAccessException">The path is a symbolic link; the one-line message names it.</exception>
    public static void Refuse(string path, string what)
    {
        if (IsLink(path))
        {
            throw new UnauthorizedAccessException($"{what} {path} is a symbolic link; Baton does not follow links there (make it a real {(Directory.Exists(path) ? "folder" : "file")} of yours)");
        }
    }
}
