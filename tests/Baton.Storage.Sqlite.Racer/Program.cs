// Races other processes on one store through Baton's Coordinator, from its own OS process. <dbPath> is a SQLite file, or
// a team store's postgres:// URL (its schema in options=-c search_path=...).
//   Baton.Storage.Sqlite.Racer <dbPath> <name> claim <queue> <count>
//       <count> times claim_next on <queue> (lease 1 h) as <name>; prints "claimed <id>" or "empty" for each.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> lock <resource> <seconds>
//       for <seconds>, acquire_lock on <resource> (ttl 1 h) as <name>, hold it ~1 ms, release it; prints
//       "held <token> <acquiredAt> <releasedAt>" per hold and "refused <n>" at the end. The times are ticks of the system-wide
//       monotonic clock (Stopwatch.GetTimestamp, CLOCK_MONOTONIC on Linux), taken after the acquire returned and before the
//       release began, so a correct store never lets two processes' intervals overlap. They order events; nothing is timed.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> cas <scope> <key> <attempts>
//       <attempts> times: read the key (an integer), store it plus one with expected_version = the version read; prints
//       "ok <version>" or "conflict" for each.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> write <scope> <key> <count>
//       <count> times, with no pause between: store <count>'s index in the key without a version check; prints "wrote <ms>"
//       for each, the milliseconds the write took (waiting for the store's write lock included), three decimals.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> hold <resource> <queue> <claims>
//       acquires <resource> (ttl 60 s) and claims <claims> items of <queue> (lease 60 s), prints "holding <token> <id,...>",
//       then writes key "ticks" of scope "racer:<name>" over and over printing "tick <n>" until killed.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> send <recipient> <count>
//       <count> times send the message "<name> <i>" (i from 0) to session <recipient> as <name>; prints "sent <id> <i>" for
//       each; a full inbox (retryable) is retried after a pause; prints "full <n>" (how many retries) at the end.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> drain <recipient> <expected>
//       takes <recipient>'s messages for delivery (a new token per take, stale after 60 s) and confirms them, printing
//       "got <id> <body>" for each confirmed, until <expected> messages were received and none is unread.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> tasks <list>
//       until the list has no pending or started task: claims the next ready task of <list> as <name>, starts it and completes
//       it, printing "claimed <id>" for each; when none is ready (the rest wait for blockers others hold) it tries again.
//   Baton.Storage.Sqlite.Racer <dbPath> <name> claim-tasks <list> <count>
//       claims tasks 1 to <count> of <list> by id, in order, as <name>; prints "claimed <id>", or "lost <id> <owner>" when
//       the store refuses the claim naming the owner who won it.
// Each opens the store, warms up its code paths, prints "ready" and waits for a line on stdin, so the test can release all
// racers at once. Prints "done" at the end. Exits 0, 2 on bad arguments, 1 on a store or coordination error.
using System.Diagnostics;
using System.Globalization;
using Baton.Core.Coordination;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core;
using Baton.Platform.Processes;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;

if (args.Length < 3)
{
    return Usage();
}

var (path, name, mode) = (args[0], args[1], args[2]);
try
{
    using IBatonStore store = PostgresUrl.IsPostgresUrl(path) ? PostgresStore.Open(PostgresUrl.Parse(path).ConnectionString) : SqliteStore.Open(path);
    var coordinator = new Coordinator(store, TimeProvider.System);
    var result = mode switch
    {
        "claim" when args.Length == 5 && Number(args[4]) is { } count => Claim(coordinator, name, args[3], count),
        "lock" when args.Length == 5 && Number(args[4]) is { } seconds => Lock(coordinator, name, args[3], TimeSpan.FromSeconds(seconds)),
        "cas" when args.Length == 6 && Number(args[5]) is { } attempts => Cas(coordinator, name, args[3], args[4], attempts),
        "write" when args.Length == 6 && Number(args[5]) is { } count => Write(coordinator, name, args[3], args[4], count),
        "hold" when args.Length == 6 && Number(args[5]) is { } claims => Hold(coordinator, name, args[3], args[4], claims),
        "send" when args.Length == 5 && Number(args[4]) is { } count => Send(Messenger(store), name, args[3], count),
        "drain" when args.Length == 5 && Number(args[4]) is { } expected => Drain(Messenger(store), name, args[3], expected),
        "tasks" when args.Length == 4 => WorkTasks(new TaskBoard(store), name, args[3]),
        "claim-tasks" when args.Length == 5 && Number(args[4]) is { } count => ClaimTasks(new TaskBoard(store), name, args[3], count),
        _ => Usage(),
    };
    if (result == 0)
    {
        Console.WriteLine("done");
    }

    return result;
}
catch (Exception e) when (e is StoreException or UserErrorException or CoordinationConflictException)
{
    Console.Error.WriteLine($"{e.GetType().Name}: {e.Message}");
    return 1;
}

static int Claim(Coordinator coordinator, string name, string queue, int count)
{
    coordinator.ListQueue(queue, QueueItemStatus.Pending, 1);
    Ready();
    for (var i = 0; i < count; i++)
    {
        var item = coordinator.ClaimNext(queue, name, TimeSpan.FromHours(1));
        Console.WriteLine(item is null ? "empty" : string.Create(CultureInfo.InvariantCulture, $"claimed {item.Id}"));
        Pause();
    }

    return 0;
}

static int Lock(Coordinator coordinator, string name, string resource, TimeSpan duration)
{
    coordinator.ListLocks(resource);
    Ready();
    var refused = 0;
    var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < until)
    {
        var attempt = coordinator.AcquireLock(resource, TimeSpan.FromHours(1), name, "race");
        if (!attempt.Granted)
        {
            refused++;
            Pause();
            continue;
        }

        var acquiredAt = Stopwatch.GetTimestamp();
        Thread.Sleep(1);
        var releasedAt = Stopwatch.GetTimestamp();
        coordinator.ReleaseLock(resource, attempt.Lock.Token, name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held {attempt.Lock.Token} {acquiredAt} {releasedAt}"));
        Pause();
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refused {refused}"));
    return 0;
}

static int Write(Coordinator coordinator, string name, string scope, string key, int count)
{
    coordinator.StoreData(scope, key, "0", null, name);
    Ready();
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        coordinator.StoreData(scope, key, i.ToString(CultureInfo.InvariantCulture), null, name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.000}"));
    }

    return 0;
}

static int Cas(Coordinator coordinator, string name, string scope, string key, int attempts)
{
    coordinator.RetrieveData(scope, key);
    Ready();
    for (var i = 0; i < attempts; i++)
    {
        var read = coordinator.RetrieveData(scope, key) ?? throw new InvalidOperationException($"The key {scope}/{key} is missing.");
        var next = long.Parse(read.ValueJson, CultureInfo.InvariantCulture) + 1;
        try
        {
            var written = coordinator.StoreData(scope, key, next.ToString(CultureInfo.InvariantCulture), read.Version, name);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok {written.Version}"));
        }
        catch (VersionConflictException)
        {
            Console.WriteLine("conflict");
        }

        Pause();
    }

    return 0;
}

static int Hold(Coordinator coordinator, string name, string resource, string queue, int claims)
{
    Ready();
    var held = coordinator.AcquireLock(resource, TimeSpan.FromSeconds(60), name, "held until killed");
    if (!held.Granted)
    {
        Console.Error.WriteLine($"The lock is held by {held.Lock.Holder}.");
        return 1;
    }

    var ids = Enumerable.Range(0, claims).Select(_ => coordinator.ClaimNext(queue, name, TimeSpan.FromSeconds(60))!.Id).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"holding {held.Lock.Token} {string.Join(',', ids)}"));
    for (var tick = 1; ; tick++)
    {
        coordinator.StoreData("racer:" + name, "ticks", tick.ToString(CultureInfo.InvariantCulture), null, name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tick {tick}"));
    }
}

static int WorkTasks(TaskBoard board, string name, string list)
{
    board.Summary(list);
    Ready();
    while (true)
    {
        if (board.Claim(list, null, null, name) is not { } task)
        {
            var left = board.Summary(list);
            if (left.Pending + left.InProgress == 0)
            {
                return 0;
            }

            Pause();
            continue;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"claimed {task.Id}"));
        board.Start(list, task.Id, name);
        board.Complete(list, task.Id, null, name);
        Pause();
    }
}

static int ClaimTasks(TaskBoard board, string name, string list, int count)
{
    board.Summary(list);
    Ready();
    for (var id = 1L; id <= count; id++)
    {
        try
        {
            board.Claim(list, id, null, name);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"claimed {id}"));
        }
        catch (TaskConflictException e)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lost {id} {e.Current.Owner}"));
        }

        Pause();
    }

    return 0;
}

static Messenger Messenger(IBatonStore store) =>
    new(store, new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System), TimeProvider.System);

static int Send(Messenger messenger, string name, string recipient, int count)
{
    messenger.Counts(recipient);
    Ready();
    var full = 0;
    for (var i = 0; i < count; i++)
    {
        while (true)
        {
            try
            {
                var sent = messenger.Send(recipient, string.Create(CultureInfo.InvariantCulture, $"{name} {i}"), name);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent.Id} {i}"));
                break;
            }
            catch (InboxFullException)
            {
                full++;
                Thread.Sleep(5);
            }
        }

        Pause();
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full {full}"));
    return 0;
}

static int Drain(Messenger messenger, string name, string recipient, int expected)
{
    messenger.Counts(recipient);
    Ready();
    for (var take = 0; ; take++)
    {
        var token = string.Create(CultureInfo.InvariantCulture, $"{name}-{take}");
        var taken = messenger.TakeForDelivery(recipient, token, TimeSpan.FromSeconds(60), limit: 50);
        if (taken.Count > 0)
        {
            var confirmed = messenger.ConfirmDelivered(recipient, token).ToHashSet();
            foreach (var message in taken.Where(m => confirmed.Contains(m.Id)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"got {message.Id} {message.Body}"));
            }

            Pause();
            continue;
        }

        var counts = messenger.Counts(recipient);
        if (counts.Received >= expected && counts.Unread == 0)
        {
            return 0;
        }

        Thread.Sleep(1);
    }
}

// SQLite's write lock is not fair: a process that commits and begins again at once keeps it while the others back off. A
// short pause between operations, as between a real agent's tool calls, lets the racers take turns.
static void Pause() => Thread.Sleep(Random.Shared.Next(0, 2));

static void Ready()
{
    Console.WriteLine("ready");
    Console.In.ReadLine();
}

static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

static int Usage()
{
    Console.Error.WriteLine(
        "usage: Baton.Storage.Sqlite.Racer <dbPath> <name> (claim <queue> <count> | lock <resource> <seconds> | " +
        "cas <scope> <key> <attempts> | write <scope> <key> <count> | hold <resource> <queue> <claims> | send <recipient> <count> | drain <recipient> <expected> | " +
        "tasks <list> | claim-tasks <list> <count>)");
    return 2;
}
