namespace Baton.Testing;

/// <summary>Well-known paths of this repository, found by walking up to the folder holding Baton.slnx.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding Baton.slnx).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Where <c>./test.sh</c> installs test tools such as the claude CLI.</summary>
    public static string Tools => Path.Combine(Root, ".tools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Baton.slnx found above {AppContext.BaseDirectory}.");
    }
}
