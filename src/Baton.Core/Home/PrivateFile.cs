namespace Baton.Core.Home;

/// <summary>
/// The one way Baton writes a file it owns or merges: with Unix modes, a new file created exclusively, and an atomic
/// replacement (a temp file in the same folder, flushed to disk, then renamed over the target), so a crash leaves the old
/// content or the new, never half. Used for Claude Code's settings files, <c>.mcp.json</c> and Baton's <c>config.json</c>.
/// </summary>
public static class PrivateFile
{
    /// <summary>Read and write for the owner only (0600).</summary>
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Read, write and search for the owner only (0700).</summary>
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/>, which must not exist, with mode 0600.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">Its bytes.</param>
    /// <exception cref="IOException">The file already exists, or it cannot be written.</exception>
    public static void CreateNew(string path, ReadOnlySpan<byte> content)
    {
        using var stream = OpenNew(path);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Creates <paramref name="path"/>, which must not exist, with mode 0600, and returns it open for writing under
    /// an exclusive lock (<see cref="FileShare.None"/>: another open with any sharing fails until it is closed, or its
    /// process ends).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="IOException">The file already exists, or it cannot be created.</exception>
    public static FileStream OpenNew(string path) => new(path, Options(FileMode.CreateNew));

    /// <summary>Opens <paramref name="path"/> under an exclusive lock, creating it (0600) when missing: a lock file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="IOException">Another open of it holds it (or it cannot be created).</exception>
    public static FileStream OpenExclusive(string path) => new(path, Options(FileMode.OpenOrCreate));

    /// <summary>Creates a directory (and its missing parents) with mode 0700 and makes sure the last one has that mode.</summary>
    /// <param name="path">The directory.</param>
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
    /// folder, flushes it to disk, gives it the mode of the existing file (or <paramref name="newFileMode"/> for a new one,
    /// or for any when <paramref name="keepMode"/> is false)
    /// and renames it over the target. With <paramref name="followLink"/> a symbolic link is followed, so the link stays and
    /// its target is replaced; without, a link is replaced by the file. The folder is created (0700) when missing.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="content">Its new bytes.</param>
    /// <param name="newFileMode">The mode of a file that did not exist; 0600 when null.</param>
    /// <param name="keepMode">Whether an existing file keeps its mode (the user's own files); false for Baton's files, which
    /// are made private again.</param>
    /// <param name="followLink">Whether a symbolic link at <paramref name="path"/> is followed (the user's own links to
    /// their settings); false for files in Baton's home, where a link is never followed.</param>
    /// <exception cref="IOException">The file cannot be written or renamed.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission is denied.</exception>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content, UnixFileMode? newFileMode = null, bool keepMode = true, bool followLink = true)
    {
        var target = followLink ? FinalTarget(path) : Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            CreateDirectory(directory);
        }
        var mode = keepMode && !OperatingSystem.IsWindows() && File.Exists(target) ? File.GetUnixFileMode(target) : newFileMode ?? OwnerReadWrite;
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
