namespace Baton.Testing;

/// <summary>A fresh directory under the system temp folder, deleted (best effort) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    /// <summary>Absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>Creates a new empty directory whose name starts with <paramref name="prefix"/>.</summary>
    public static TempDirectory Create(string prefix = "baton-test-") =>
        new(Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>Combines the directory with relative parts.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates (if needed) and returns a subdirectory.</summary>
    public string CreateSubdirectory(params string[] parts) => Directory.CreateDirectory(Combine(parts)).FullName;

    /// <inheritdoc/>
    public override string ToString() => Path;

    /// <inheritdoc/>
    public void Dispose()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Something (a dying child process) may still write here; try again shortly, then give up.
                Thread.Sleep(100);
            }
        }
    }
}
