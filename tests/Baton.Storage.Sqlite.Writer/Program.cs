// Writes to a SQLite store from its own OS process:
//   Baton.Storage.Sqlite.Writer <dbPath> <sessionPrefix> <count> [--wait-before-open | --wait-before-writing]
// Opens the store, then <count> times: increments ActiveSubagents of the session "shared" (read-modify-write) and
// creates the session "<sessionPrefix>-<i>", each change one transaction with its journal entry. With a --wait option
// it prints "waiting" and waits for a line on stdin, either before opening the store (so several processes open a new
// file at once) or once the store is open and its code warmed up (so several processes write at once). It prints
// "<i>" after each pair of changes and "done" at the end. Exits 0, or 2 on bad arguments, 1 on a store error.
using System.Globalization;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;

var wait = args.Length == 4 ? args[3] : null;
if (args.Length is < 3 or > 4
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
    || wait is not (null or "--wait-before-open" or "--wait-before-writing"))
{
    Console.Error.WriteLine("usage: Baton.Storage.Sqlite.Writer <dbPath> <sessionPrefix> <count> [--wait-before-open | --wait-before-writing]");
    return 2;
}

var (path, prefix) = (args[0], args[1]);
if (wait == "--wait-before-open")
{
    Barrier();
}

try
{
    using var store = SqliteStore.Open(path);
    if (wait == "--wait-before-writing")
    {
        // Runs the read and write paths once without changing anything, so the writers start writing at once.
        store.GetSession(Writer.SharedSession);
        store.UpdateSession(Writer.SharedSession, _ => null);
        store.CheckWritable();
        Barrier();
    }

    for (var i = 0; i < count; i++)
    {
        store.UpdateSession(Writer.SharedSession, current =>
        {
            var now = DateTimeOffset.UtcNow;
            var next = (current ?? new Session { SessionId = Writer.SharedSession, StartedAt = now }) with
            {
                ActiveSubagents = (current?.ActiveSubagents ?? 0) + 1,
                UpdatedAt = now,
                LastEvent = prefix,
            };
            return new SessionChange(next, JournalTypes.SessionActivity, prefix, null);
        });

        var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}");
        store.UpdateSession(id, current => current is not null ? null : new SessionChange(
            new Session { SessionId = id, Task = prefix, Status = SessionStatus.Running, StartedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow },
            JournalTypes.SessionStatus,
            prefix,
            null));
        Console.WriteLine((i + 1).ToString(CultureInfo.InvariantCulture));

        // SQLite's lock is not fair: a writer that commits and begins again at once keeps it while the others back off.
        // A pause between pairs, as between real hook events, lets the writers take turns, so their changes interleave.
        Thread.Sleep(1);
    }

    Console.WriteLine("done");
    return 0;
}
catch (StoreException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static void Barrier()
{
    Console.WriteLine("waiting");
    Console.In.ReadLine();
}

/// <summary>Names shared with the tests.</summary>
internal static class Writer
{
    /// <summary>The session every writer increments.</summary>
    public const string SharedSession = "shared";
}
