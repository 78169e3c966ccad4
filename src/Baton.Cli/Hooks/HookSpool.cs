using System.Globalization;
using System.Text.Json;
using Baton.ClaudeCode.Hooks;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Cli.Hooks;

/// <summary>
/// Hook events that could not be recorded in time (a team store unreachable, the SQLite store's write lock held by another
/// process past a hook's wait, or by a stopped one), kept on this machine and replayed in order by the next Baton process
/// that reaches the store (a <c>baton hook</c>, the resident server, a command): nothing is lost, and each is recorded once.
/// One file per event in <c>$BATON_HOME/spool</c> (0700; files 0600), named by the hook's start
/// (<see cref="RelayRequest.HookStart"/>, so the names sort in the order the hooks ran) and a unique suffix, which is the
/// event's id; each holds the call as <see cref="RelayJsonContext"/> JSON on the first line, then the hook's input bytes.
/// A <c>.event</c> file was not recorded; a <c>.replaying</c> file may have been: a <c>baton hook</c> process writes its
/// event ahead as one (<see cref="WriteAhead"/>) and a replayer renames an event so before recording it. Whoever works on a
/// file holds it under an exclusive lock, which the system lets go when that process dies; the record carries the event's
/// id (<c>spool_id</c> in its journal entry, in the same transaction), so a <c>.replaying</c> file nobody holds is
/// recorded only when the journal does not have it. One replayer at a time (an exclusive lock on <c>spool/.lock</c>);
/// replay stops at the first store failure, so the rest keep their order for the next try. At most
/// <see cref="MaxEvents"/> events are kept: past that new ones are dropped (and logged).
/// </summary>
internal sealed class HookSpool
{
    /// <summary>The most events the spool holds (about an hour of a busy session's hooks).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>How many of a session's latest journal entries are searched for a <c>.replaying</c> event's id.</summary>
    private const int RecordedSearchDepth = 500;

    private const string Suffix = ".event";

    private const string ReplayingSuffix = ".replaying";

    private readonly BatonHome _home;
    private readonly string _directory;

    /// <summary>The spool of a home.</summary>
    /// <param name="home">Baton's home.</param>
    public HookSpool(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        _home = home;
        _directory = Path.Combine(home.Root, "spool");
    }

    /// <summary>How many events wait in the spool.</summary>
    public int Count => EventFiles().Count();

    /// <summary>When the oldest waiting event was spooled (its file's last write, UTC), or null when none waits: how long
    /// the store has at least been out of the hooks' reach.</summary>
    public DateTimeOffset? OldestAt => EventFiles().Order(StringComparer.Ordinal).FirstOrDefault() is { } oldest
        ? new DateTimeOffset(File.GetLastWriteTimeUtc(oldest), TimeSpan.Zero)
        : null;

    /// <summary>Whether any event waits (cheaper than <see cref="Count"/>: it stops at the first).</summary>
    public bool HasEvents => EventFiles().Any();

    /// <summary>Keeps an event for later, logging why and how many wait.</summary>
    /// <param name="call">The hook call.</param>
    /// <param name="input">The hook's input.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">The hook, for the log.</param>
    /// <param name="why">Why it could not be recorded now.</param>
    /// <param name="ahead">The event as written ahead (<see cref="WriteAhead"/>), deferred instead of written again; null
    /// when it was not.</param>
    public void Keep(RelayRequest call, ReadOnlyMemory<byte> input, BatonLog log, string area, string why, SpooledHookEvent? ahead = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ahead?.Deferred();
        log.Write(area, ahead is not null || Append(call, input)
            ? $"store unreachable ({why}); event spooled, {Count} waiting"
            : $"store unreachable ({why}); the spool is full ({MaxEvents} events), event dropped");
    }

    /// <summary>Keeps an event for later.</summary>
    /// <param name="call">The hook call.</param>
    /// <param name="input">The hook's input.</param>
    /// <returns>False when the spool is full and the event was dropped.</returns>
    public bool Append(RelayRequest call, ReadOnlyMemory<byte> input)
    {
        using var written = Write(call, input, Suffix);
        return written is not null;
    }

    /// <summary>Writes an event ahead of recording it (<see cref="SpooledHookEvent"/>): whatever becomes of the hook's
    /// process, the event is recorded once.</summary>
    /// <param name="call">The hook call.</param>
    /// <param name="input">The hook's input.</param>
    /// <returns>The written event, or null when the spool is full (the hook then records without it).</returns>
    public SpooledHookEvent? WriteAhead(RelayRequest call, ReadOnlyMemory<byte> input)
    {
        var file = Write(call, input, ReplayingSuffix);
        if (file is null)
        {
            return null;
        }

        var id = Path.GetFileNameWithoutExtension(file.Name);
        return new SpooledHookEvent(id, file, Path.Combine(_directory, id + Suffix));
    }

    /// <summary>Writes an event's file (0600), named as the class says with the given extension, and keeps it open with an
    /// exclusive lock; null when the spool is full.</summary>
    private FileStream? Write(RelayRequest call, ReadOnlyMemory<byte> input, string suffix)
    {
        ArgumentNullException.ThrowIfNull(call);
        _home.EnsureCreated(); // refuses a home that is a link or another user's, and makes a missing one 0700.
        PrivateFile.CreateDirectory(_directory);
        if (Count >= MaxEvents)
        {
            return null;
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(call with { InputLength = input.Length }, RelayJsonContext.Default.RelayRequest);
        var name = string.Create(CultureInfo.InvariantCulture, $"{call.HookStart:D20}-{Guid.NewGuid():N}{suffix}");
        var file = PrivateFile.OpenNew(Path.Combine(_directory, name));
        file.Write(header);
        file.WriteByte((byte)'\n');
        file.Write(input.Span);
        file.Flush();
        return file;
    }

    /// <summary>Replays the spooled events into a store, in order, as their hooks would have recorded them (nothing is printed
    /// to a session: a replayed event delivers no messages), and logs how many.</summary>
    /// <param name="store">The store, open.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">The hook that replays, for the log.</param>
    /// <param name="more">Asked before each event: false stops (the rest wait for the next replay, in order).</param>
    /// <returns>How many events were recorded.</returns>
    public int ReplayInto(IBatonStore store, BatonHome home, BatonLog log, string area, Func<bool> more)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(log);
        var replayed = Replay(
            (call, input, id) => HookHandler.Handle(call, input, store, home, static _ => false, gitAfterAnswer: false, spoolId: id, replay: true),
            (input, id) => IsRecorded(store, input, id),
            more);
        if (replayed > 0)
        {
            log.Write(area, $"replayed {replayed} spooled hook event(s)");
        }

        return replayed;
    }

    /// <summary>Replays the spooled events in order, unless another process is replaying them now.</summary>
    /// <param name="record">Records one event (the call, its input, its id) in the store; throws <see cref="StoreException"/>
    /// when it cannot (the event then stays).</param>
    /// <param name="isRecorded">Whether the event of a <c>.replaying</c> file (its input, its id) is in the store already.</param>
    /// <param name="more">Asked before each event: false stops (the rest wait for the next replay, in order).</param>
    /// <returns>How many events were recorded.</returns>
    public int Replay(Action<RelayRequest, ReadOnlyMemory<byte>, string> record, Func<ReadOnlyMemory<byte>, string, bool> isRecorded, Func<bool> more)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(isRecorded);
        ArgumentNullException.ThrowIfNull(more);
        if (!Directory.Exists(_directory))
        {
            return 0;
        }

        FileStream gate;
        try
        {
            gate = PrivateFile.OpenExclusive(Path.Combine(_directory, ".lock"));
        }
        catch (IOException)
        {
            return 0; // another process replays now.
        }

        using (gate)
        {
            var replayed = 0;
            var files = EventFiles().Order(StringComparer.Ordinal).ToList();
            foreach (var file in files)
            {
                if (!more())
                {
                    break;
                }

                var id = Path.GetFileNameWithoutExtension(file);
                var replaying = Path.ChangeExtension(file, ReplayingSuffix);
                var leftOver = file == replaying;
                FileStream handle;
                try
                {
                    handle = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
                }
                catch (IOException)
                {
                    continue; // in flight in its own hook's process (it holds the lock), or gone meanwhile.
                }

                using (handle)
                {
                    var bytes = new byte[handle.Length];
                    handle.ReadExactly(bytes);
                    var newline = Array.IndexOf(bytes, (byte)'\n');
                    try
                    {
                        var call = newline < 0 ? null : JsonSerializer.Deserialize(bytes.AsSpan(0, newline), RelayJsonContext.Default.RelayRequest);
                        var input = bytes.AsMemory(newline + 1);
                        if (call is not null && !(leftOver && isRecorded(input, id)))
                        {
                            if (!leftOver)
                            {
                                File.Move(file, replaying);
                            }

                            record(call, input, id);
                            replayed++;
                        }
                    }
                    catch (StoreException)
                    {
                        if (!leftOver && File.Exists(replaying))
                        {
                            File.Move(replaying, file);
                        }

                        break; // the store failed again: this event and the rest wait, in order.
                    }
                    catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or JsonException)
                    {
                        // An event the handler refuses (not hook input) would block the spool forever: it is dropped.
                    }

                    File.Delete(file);
                    File.Delete(replaying);
                }
            }

            return replayed;
        }
    }

    /// <summary>The events' files, <c>.event</c> and <c>.replaying</c> (not the replay gate), in no order; none without a spool.</summary>
    private IEnumerable<string> EventFiles() => Directory.Exists(_directory)
        ? Directory.EnumerateFiles(_directory).Where(f => f.EndsWith(Suffix, StringComparison.Ordinal) || f.EndsWith(ReplayingSuffix, StringComparison.Ordinal))
        : [];

    /// <summary>Whether a session's latest journal entries hold an event's id (<c>spool_id</c>).</summary>
    private static bool IsRecorded(IBatonStore store, ReadOnlyMemory<byte> input, string id)
    {
        var sessionId = HookInput.Parse(input).SessionId;
        var quoted = JsonSerializer.Serialize(id);
        return store.QueryJournal(new JournalQuery(TypePattern: "session.*", Actor: sessionId, Limit: RecordedSearchDepth))
            .Any(entry => entry.Data?.Contains($"\"{HookObservation.SpoolIdField}\":{quoted}", StringComparison.Ordinal) == true);
    }
}
