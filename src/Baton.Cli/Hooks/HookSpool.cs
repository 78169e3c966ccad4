using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Core.Storage;

namespace Baton.Cli.Hooks;

/// <summary>
/// Hook events that could not reach the store (a team store unreachable), kept on this machine and replayed in order by the
/// next <c>baton hook</c> that reaches it: nothing is lost, and each is recorded once. One file per event in
/// <c>$BATON_HOME/spool</c> (0700; files 0600), named by the hook's start (<see cref="RelayRequest.HookStart"/>, so the
/// names sort in the order the hooks ran) and a unique suffix; each holds the call as <see cref="RelayJsonContext"/> JSON on
/// the first line, then the hook's input bytes. One replayer at a time (an exclusive lock on <c>spool/.lock</c>); a file is
/// deleted once its event is recorded (or refused as not hook input), and replay stops at the first store failure, so the
/// rest keep their order for the next try. At most <see cref="MaxEvents"/> events are kept: past that new ones are dropped (and logged).
/// </summary>
internal sealed class HookSpool
{
    /// <summary>The most events the spool holds (about an hour of a busy session's hooks).</summary>
    public const int MaxEvents = 10_000;

    private const string Suffix = ".event";

    private readonly string _directory;

    /// <summary>The spool of a home.</summary>
    /// <param name="home">Baton's home.</param>
    public HookSpool(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        _directory = Path.Combine(home.Root, "spool");
    }

    /// <summary>How many events wait in the spool.</summary>
    public int Count => Directory.Exists(_directory) ? Directory.GetFiles(_directory, "*" + Suffix).Length : 0;

    /// <summary>Keeps an event for later.</summary>
    /// <param name="call">The hook call.</param>
    /// <param name="input">The hook's input.</param>
    /// <returns>False when the spool is full and the event was dropped.</returns>
    public bool Append(RelayRequest call, ReadOnlyMemory<byte> input)
    {
        ArgumentNullException.ThrowIfNull(call);
        PrivateFile.CreateDirectory(_directory);
        if (Count >= MaxEvents)
        {
            return false;
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(call with { InputLength = input.Length }, RelayJsonContext.Default.RelayRequest);
        var content = new byte[header.Length + 1 + input.Length];
        header.CopyTo(content, 0);
        content[header.Length] = (byte)'\n';
        input.Span.CopyTo(content.AsSpan(header.Length + 1));
        var name = string.Create(CultureInfo.InvariantCulture, $"{call.HookStart:D20}-{Guid.NewGuid():N}{Suffix}");
        PrivateFile.CreateNew(Path.Combine(_directory, name), content);
        return true;
    }

    /// <summary>Replays the spooled events in order, unless another process is replaying them now.</summary>
    /// <param name="record">Records one event in the store; throws when it cannot (the event then stays).</param>
    /// <param name="more">Asked before each event: false stops (the rest wait for the next replay, in order).</param>
    /// <returns>How many events were recorded.</returns>
    public int Replay(Action<RelayRequest, ReadOnlyMemory<byte>> record, Func<bool> more)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(more);
        if (!Directory.Exists(_directory))
        {
            return 0;
        }

        FileStream gate;
        try
        {
            gate = new FileStream(Path.Combine(_directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return 0; // another process replays now.
        }

        using (gate)
        {
            var replayed = 0;
            foreach (var file in Directory.GetFiles(_directory, "*" + Suffix).Order(StringComparer.Ordinal))
            {
                if (!more())
                {
                    break;
                }

                var bytes = File.ReadAllBytes(file);
                var newline = Array.IndexOf(bytes, (byte)'\n');
                var call = newline < 0 ? null : JsonSerializer.Deserialize(bytes.AsSpan(0, newline), RelayJsonContext.Default.RelayRequest);
                try
                {
                    if (call is not null)
                    {
                        record(call, bytes.AsMemory(newline + 1));
                        replayed++;
                    }
                }
                catch (StoreException)
                {
                    break; // the store failed again: this event and the rest wait, in order.
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or JsonException)
                {
                    // An event the handler refuses (not hook input) would block the spool forever: it is dropped.
                }

                File.Delete(file);
            }

            return replayed;
        }
    }
}
