using System.Runtime.InteropServices;
using System.Text;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;
using Baton.Storage;

namespace Baton.Cli.Hooks;

/// <summary>
/// <c>baton hook &lt;Event&gt;</c>, the command Claude Code's hooks run when they do not go through the resident server
/// (<c>baton-relay</c> runs it when the server cannot be reached, and hooks installed without the relay run it directly):
/// reads the hook input JSON from stdin and handles it in this process (<see cref="HookHandler"/>). It runs before (and
/// without) the command-line parser to start fast, finishes within <see cref="Budget"/>, and exits 0 whatever happens:
/// Baton's own failures go to <c>$BATON_HOME/logs/baton.log</c>. <c>BATON_DISABLE=1</c> makes it a no-op.
/// Whenever Baton fails or runs out of time it prints nothing: the tool call goes ahead as if Baton were not there.
/// <c>baton hook Stop --wake</c> is another program: the wake hook (<see cref="WakeHook"/>).
/// When the store cannot be reached (a team store's server down: the connection is given <see cref="ConnectTimeout"/>)
/// or cannot take the event in time (its write lock held past <see cref="WriteLockWait"/>, or by a stopped process), the
/// event goes to the local spool (<see cref="HookSpool"/>); an unreachable store is remembered (<see cref="StoreOutage"/>)
/// so the next hooks spool at once instead of waiting again, a busy one is tried again by the next hook. The first hook
/// that reaches the store replays the spool in order (within its budget) before it records its own event.
/// Claude Code sends SIGTERM to background (<c>async</c>) hooks still running when it exits (seen in print mode) and a
/// closing terminal sends SIGHUP; the hook ignores both so an event it has read is recorded, bounded by <see cref="Budget"/>.
/// </summary>
internal static class HookEntryPoint
{
    /// <summary>The longest a hook runs before it gives up (and exits 0), well inside the 10 s Claude Code allows it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>The longest a hook waits for a team store's connection to open: 2 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest a hook waits for the store's write lock held by another process before it spools its event: 1.5 s
    /// (a writer waits about 200 ms at p99 with 8 writers busy; a stopped holder ends the wait at once).</summary>
    public static readonly TimeSpan WriteLockWait = TimeSpan.FromSeconds(1.5);

    /// <summary>What a hook keeps of its budget for its own event after replaying the spool: 2 s.</summary>
    private static readonly TimeSpan OwnEventReserve = TimeSpan.FromSeconds(2);

    /// <summary>Runs the hook.</summary>
    /// <param name="args">The arguments after <c>hook</c>: the event name, and <c>--wake</c> for the wake hook.</param>
    /// <param name="stdin">The hook input.</param>
    /// <returns>0, or 2 from a wake hook that wakes its session.</returns>
    public static int Run(string[] args, Stream stdin)
    {
        if (Environment.GetEnvironmentVariable(RelayRequest.DisableVariable) == "1")
        {
            return 0;
        }

        var call = CurrentProcessCall.Request(args.Length > 0 ? args[0] : "?", args.Length > 1 ? args[1] : null);
        var home = BatonHome.FromEnvironment();
        var log = new BatonLog(home);
        if (args is [HookEvents.Stop or HookEvents.StopFailure or HookEvents.SessionStart, BatonHooks.WakeOption])
        {
            return WakeHook.Run(call, stdin, home, log);
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, static signal => signal.Cancel = true);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, static signal => signal.Cancel = true);
        var area = "hook " + call.EventName;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var spool = new HookSpool(home);
        ReadOnlyMemory<byte> input;
        SpooledHookEvent? ahead;
        try
        {
            if (args.Length != 1)
            {
                throw new ArgumentException("usage: baton hook <Event> (the hook input JSON on stdin)");
            }

            // Read and written ahead first, before the budget can run out: from here on the event is not lost.
            input = ReadInput(stdin);
            ahead = WriteAhead(spool, call, input, log, area);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            log.Write(area, $"{e.GetType().Name}: {e.Message}");
            return 0;
        }

        var work = Task.Run(() => Record(call, input, ahead, spool, home, log, area, started));
        try
        {
            if (!work.Wait(Max(Budget - started.Elapsed, TimeSpan.Zero)))
            {
                // The process ends now, and the worker with it; the lock on the written-ahead event goes too.
                log.Write(area, ahead is not null
                    ? $"gave up after {started.Elapsed.TotalSeconds:0} s; the event waits in the spool for the next replay"
                    : $"gave up after {started.Elapsed.TotalSeconds:0} s; nothing recorded for this event");
            }
        }
        catch (AggregateException e)
        {
            var cause = e.InnerException ?? e;
            log.Write(area, $"{cause.GetType().Name}: {cause.Message}");
        }

        return 0;
    }

    /// <summary>Records the event in the store, replaying the spool first; spools it when the store cannot take it.</summary>
    private static void Record(RelayRequest call, ReadOnlyMemory<byte> input, SpooledHookEvent? ahead, HookSpool spool, BatonHome home, BatonLog log, string area, System.Diagnostics.Stopwatch started)
    {
        using (ahead)
        {
            var stores = StoreSelection.For(home, TimeProvider.System, ConnectTimeout, WriteLockWait);
            var outage = new StoreOutage(home, TimeProvider.System);
            if (outage.IsRemembered(stores.Description))
            {
                spool.Keep(call, input, log, area, "the store was unreachable moments ago", ahead);
                return;
            }

            IBatonStore store;
            try
            {
                store = stores.Open();
            }
            catch (StoreException e)
            {
                outage.Remember(stores.Description);
                spool.Keep(call, input, log, area, e.Message, ahead);
                return;
            }

            using (store)
            {
                outage.Forget();
                try
                {
                    spool.ReplayInto(store, home, log, area, () => started.Elapsed < Budget - OwnEventReserve);
                    HookHandler.Handle(call, input, store, home, output => Print(Console.OpenStandardOutput(), output, log, area), gitAfterAnswer: false, spoolId: ahead?.Id);
                    ahead?.Recorded();
                }
                catch (StoreException e)
                {
                    if (!e.IsTransient)
                    {
                        outage.Remember(stores.Description);
                    }

                    spool.Keep(call, input, log, area, e.Message, ahead);
                }
            }
        }
    }

    /// <summary>Writes the event ahead to the spool; null (logged) when the spool is full or cannot be written, and the
    /// event is then recorded without it.</summary>
    private static SpooledHookEvent? WriteAhead(HookSpool spool, RelayRequest call, ReadOnlyMemory<byte> input, BatonLog log, string area)
    {
        try
        {
            return spool.WriteAhead(call, input) ?? throw new IOException($"the spool is full ({HookSpool.MaxEvents} events)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Write(area, $"event not written ahead ({e.Message}); recording it without");
            return null;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Prints a hook's output and a line break to <paramref name="stream"/> (stdout, or stderr for the wake hook),
    /// then closes it; false, logged, when the stream is gone (Claude Code stopped reading).</summary>
    /// <param name="stream">The standard stream, as <see cref="Console.OpenStandardOutput()"/> opens it.</param>
    /// <param name="output">The text.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">The hook, for the log.</param>
    /// <returns>Whether it was written.</returns>
    internal static bool Print(Stream stream, string output, BatonLog log, string area)
    {
        try
        {
            using (stream)
            {
                stream.Write(Encoding.UTF8.GetBytes(output + "\n"));
                stream.Flush();
            }

            return true;
        }
        catch (IOException e)
        {
            log.Write(area, $"could not print the hook output: {e.Message}");
            return false;
        }
    }

    /// <summary>Reads all of stdin (so Claude Code never writes into a closed pipe), keeping at most <see cref="HookInput.MaxBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The input is larger than that.</exception>
    internal static ReadOnlyMemory<byte> ReadInput(Stream stdin)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total <= HookInput.MaxBytes)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        if (total > HookInput.MaxBytes)
        {
            throw new InvalidDataException($"hook input of {total} bytes is larger than the {HookInput.MaxBytes} allowed; not recorded");
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
