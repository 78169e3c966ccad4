namespace Baton.ClaudeCode.Settings;

/// <summary>File writes with Unix modes: a new file created exclusively, and an atomic replacement (temp file + rename).</summary>
internal static class PrivateFile
{
    /// <summary>Read and write for the owner only (0600).</summary>
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Read, write and search for the owner only (0700).</summary>
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/>, which must not exist, with mode 0600.</summary>
    /// <exception cref="IOException">The file already exists, or it cannot be written.</exception>
    public static void CreateNew(string path, ReadOnlySpan<byte> content)
    {
        using var stream = new FileStream(path, Options(FileMode.CreateNew));
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Creates a directory (and its missing parents) with mode 0700 and makes sure the last one has that mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnlyDirectory);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
    }

    /// <summary>
    /// Replaces the content of <paramref name="path"/> atomically: writes a temp file in the same
    /// folder, gives it the mode of the existing file (or 0600 for a new one) and renames it over
    /// the target. A symbolic link is followed, so the link stays and its target is replaced.
    /// The folder is created (0700) when missing.
    /// </summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content)
    {
        var target = FinalTarget(path);
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            CreateDirectory(directory);
        }
        var mode = !OperatingSystem.IsWindows() && File.Exists(target) ? File.GetUnixFileMode(target) : OwnerReadWrite;
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, Options(FileMode.CreateNew)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, mode);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static string FinalTarget(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.FullName : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }
}
