using System.Globalization;
using Baton.Core.Storage;
using Baton.Platform.Processes;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Tells which process holds a SQLite store's write lock, from outside SQLite and without opening any of its files (a
/// process that closes a descriptor of a file loses every POSIX lock it holds on it, SQLite's too). In WAL mode the write
/// lock is a POSIX write lock on byte 120 of the <c>-shm</c> file (SQLite's <c>WAL_WRITE_LOCK</c> at
/// <c>UNIX_SHM_BASE</c>, <c>os_unix.c</c>); Linux lists every such lock in <c>/proc/locks</c>
/// (<c>N: POSIX ADVISORY WRITE PID MAJ:MIN:INODE START END</c>), and a process listed there whose open descriptors
/// (<c>/proc/PID/fd</c>) include the store's <c>-shm</c> file is its holder. So is a process holding the writers' turn in
/// front of that lock (<see cref="SqliteWriterQueue"/>, a <c>flock</c> listed as <c>FLOCK ADVISORY WRITE PID … 0 EOF</c>) when
/// nobody holds SQLite's lock itself.
/// Linux only; elsewhere the holder is not told.
/// </summary>
internal static class SqliteWriteLock
{
    /// <summary>The byte of the <c>-shm</c> file SQLite's WAL write lock covers.</summary>
    private const string WriteLockByte = "120";

    /// <summary>The process holding the store's write lock now.</summary>
    /// <param name="databasePath">The store file's full path.</param>
    /// <returns>The holder, or null when the lock is free, is held by this very process, or cannot be told.</returns>
    public static StoreLockHolder? FindHolder(string databasePath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var shm = databasePath + "-shm";
        var queue = SqliteWriterQueue.PathOf(databasePath);
        int? turnHolder = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/locks"))
            {
                // "1: POSIX  ADVISORY  WRITE 8656 fe:00:11657400 120 120" (SQLite's lock) or "2: FLOCK  ADVISORY  WRITE 8656
                // fe:00:11657401 0 EOF" (the writers' turn); a waiter's line has "->" after the number.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var file = fields switch
                {
                    [_, "POSIX", _, "WRITE", _, _, WriteLockByte, WriteLockByte] => shm,
                    [_, "FLOCK", _, "WRITE", _, _, "0", "EOF"] => queue,
                    _ => null,
                };
                if (file is null
                    || !int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || pid == Environment.ProcessId
                    || !HasOpen(pid, file))
                {
                    continue;
                }

                if (file == shm)
                {
                    return ProcessTable.LockHolder(pid);
                }

                turnHolder ??= pid;
            }

            // The turn's holder counts only when nobody holds SQLite's lock: it may itself be waiting for that lock.
            return turnHolder is { } holder ? ProcessTable.LockHolder(holder) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not told
        }
    }

    /// <summary>Whether a process has a file open (one of its <c>/proc/PID/fd</c> links points at it).</summary>
    private static bool HasOpen(int pid, string path)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos()
                .Any(link => string.Equals(link.LinkTarget, path, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another user's process, or it ended meanwhile.
        }
    }
}
