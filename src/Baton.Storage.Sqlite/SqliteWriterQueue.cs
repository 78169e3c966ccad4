using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.Sqlite;

/// <summary>
/// A writer's turn at a SQLite store, taken before <c>BEGIN IMMEDIATE</c> and kept until the transaction ends: an exclusive
/// <c>flock(2)</c> on the file <see cref="PathOf"/> beside the store. SQLite itself only lets a waiter poll for its write
/// lock, so under load a waiter can lose every window to writers that are on a CPU when the lock is freed (seen: one of 8
/// racing processes gave up after 10 s on 2 saturated cores). A writer blocked in <c>flock</c> costs no CPU and the kernel
/// wakes it the moment the turn is given back, so a waiter is not starved by writers that happen to be running.
/// <para>The turn only orders Baton's writers; it decides nothing. SQLite's write lock still guards every transaction, and a
/// writer that has no turn (another program, the <c>sqlite3</c> shell, a file system without <c>flock</c>) waits at that lock
/// as before. Linux only (the descriptor is opened with Linux's flags); elsewhere <see cref="Open"/> gives null.</para>
/// <para>The file is opened with <c>open(2)</c> directly, not through .NET: .NET puts its own shared <c>flock</c> on every file
/// it opens for sharing, which would keep any writer from ever having the exclusive one.</para>
/// </summary>
internal sealed class SqliteWriterQueue : IDisposable
{
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int PrivateFileMode = 0x180; // 0600
    private const int Exclusive = 2;
    private const int NonBlocking = 4;
    private const int Unlock = 8;
    private const int Interrupted = 4; // EINTR

    private readonly SafeFileHandle _file;
    private readonly SemaphoreSlim _asked = new(0);
    private TaskCompletionSource<bool>? _pending;
    private Thread? _waiter;
    private volatile bool _disposed;

    private SqliteWriterQueue(SafeFileHandle file) => _file = file;

    /// <summary>The file whose lock is the turn: the store's path with <c>-writers</c> appended, beside its <c>-wal</c>.</summary>
    /// <param name="databasePath">The store file's full path.</param>
    /// <returns>The path.</returns>
    public static string PathOf(string databasePath) => databasePath + "-writers";

    /// <summary>Opens the turn file (creating it 0600), holding no turn yet. One queue serves one connection, one
    /// transaction at a time.</summary>
    /// <param name="databasePath">The store file's full path.</param>
    /// <returns>The queue, or null on a system other than Linux or when the file cannot be opened: the writer then waits at
    /// SQLite's lock alone.</returns>
    public static SqliteWriterQueue? Open(string databasePath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = NativeOpen(PathOf(databasePath), ReadWrite | Create | CloseOnExec, PrivateFileMode);
        return fd < 0 ? null : new SqliteWriterQueue(new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Takes the turn if no other writer has it.</summary>
    /// <returns>Whether this writer has the turn now.</returns>
    public bool TryTake() => Lock(Exclusive | NonBlocking) == 0;

    /// <summary>
    /// Asks for the turn, to be waited for by the queue's own thread (a blocked <c>flock</c> cannot be cancelled, so the
    /// writer waits on the request, which it can give up on).
    /// </summary>
    /// <returns>The request: its result is true when the turn is had, false when <c>flock</c> failed. A writer that stops
    /// waiting withdraws it with <see cref="TaskCompletionSource{TResult}.TrySetCanceled()"/>; when that returns false the
    /// turn came first and is the writer's. A turn taken for a withdrawn request is given back at once.</returns>
    public TaskCompletionSource<bool> Ask()
    {
        var request = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending, request);
        _waiter ??= StartWaiter();
        _asked.Release();
        return request;
    }

    /// <summary>Gives the turn back.</summary>
    public void GiveBack() => Lock(Unlock);

    /// <summary>Closes the file (which gives back a turn still held) once the queue's thread no longer waits on it.</summary>
    public void Dispose()
    {
        _disposed = true;
        _asked.Release();
        _file.Dispose();
    }

    private Thread StartWaiter()
    {
        var waiter = new Thread(WaitForTurns) { IsBackground = true, Name = "SQLite writer queue" };
        waiter.Start();
        return waiter;
    }

    private void WaitForTurns()
    {
        var added = false;
        _file.DangerousAddRef(ref added);
        try
        {
            while (true)
            {
                _asked.Wait();
                if (_disposed)
                {
                    return;
                }

                if (Interlocked.Exchange(ref _pending, null) is not { Task.IsCompleted: false } request)
                {
                    continue; // withdrawn before it was waited for
                }

                var taken = Lock(Exclusive) == 0;
                if (!request.TrySetResult(taken) && taken)
                {
                    // Withdrawn while it was waited for. Should the writer have taken the turn meanwhile through TryTake (the
                    // same lock: one descriptor), this gives that back too, which costs it only its place in the queue:
                    // SQLite's lock still guards its transaction.
                    GiveBack();
                }
            }
        }
        finally
        {
            _file.DangerousRelease();
        }
    }

    private int Lock(int operation)
    {
        int rc;
        do
        {
            rc = NativeFlock((int)_file.DangerousGetHandle(), operation);
        }
        while (rc != 0 && Marshal.GetLastPInvokeError() == Interrupted);

        return rc;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int NativeFlock(int fd, int operation);
}
