using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Storage.Contract;
using Baton.Storage.Contract.Races;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// Message delivery through the real hook program: a recipient registered by a real <c>baton hook SessionStart</c> (so this
/// test process is its live claude), sender racers (Baton.Storage.Sqlite.Racer <c>send</c>) in their own OS processes, and
/// <c>baton hook PostToolUse</c> / <c>UserPromptSubmit</c> processes handing the messages over as <c>additionalContext</c>.
/// The assertions are about correctness only; the time-outs only bound a hung run.
/// </summary>
public sealed partial class HookDeliveryRaceTests : IDisposable
{
    private const string Recipient = "d0d0d0d0-0000-4000-8000-00000000000d";
    private const int Senders = 8;
    private const int HookLoops = 2;
    private const int PerSender = 250;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly List<CoordinationRacer> _racers = [];
    private readonly BatonCli _baton;

    public HookDeliveryRaceTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
    }

    private string DatabasePath => new BatonHome(_sandbox.BatonHome).DatabasePath;

    [Fact]
    public async Task Eight_processes_sending_while_two_loops_run_the_PostToolUse_hook_deliver_every_message_exactly_once_in_send_order_per_sender()
    {
        // Given a live recipient, and 8 sender processes released together
        await StartRecipientAsync();
        var senders = Enumerable.Range(0, Senders).Select(p => Track(CoordinationRacer.Start(DatabasePath, $"s{p}", "send", Recipient, $"{PerSender}"))).ToList();
        await CoordinationRacer.GoTogetherAsync(senders, StartTimeout);

        // When two loops run the real PostToolUse hook of the recipient over and over while they send, until all arrived
        var sending = Task.WhenAll(senders.Select(r => r.ShouldSucceedAsync(RunTimeout)));
        using var stop = new CancellationTokenSource();
        var readFile = HookInput(HookEvents.PostToolUse, _sandbox.Root, new JsonObject
        {
            ["tool_name"] = "Read",
            ["tool_input"] = new JsonObject { ["file_path"] = Path.Combine(_sandbox.Root, "README.md") },
            ["tool_response"] = new JsonObject { ["type"] = "text" },
        });
        var drain = new HookDrain(_baton, readFile, Senders * PerSender, RunTimeout, stop.Token);
        var draining = Task.WhenAll(Enumerable.Range(0, HookLoops).Select(loop => Task.Run(() => drain.RunLoopAsync(loop))));
        var first = await Task.WhenAny(sending, draining);
        if (first.IsFaulted)
        {
            // A sender failed (the hooks would wait for its messages) or a hook misbehaved (the senders would wait for room in
            // the inbox): stop the loops and report that failure at once; Dispose kills the racers.
            await stop.CancelAsync();
            await first;
        }

        var sent = await sending;
        await draining;

        // Then: who sent what (each sender's ids grow with its own sequence number)
        var origin = new Dictionary<long, (string Sender, int N)>();
        for (var p = 0; p < Senders; p++)
        {
            var own = sent[p].Where(l => l.StartsWith("sent ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(f => (Id: Long(f[1]), N: int.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
            own.Select(s => s.N).ShouldBe(Enumerable.Range(0, PerSender));
            foreach (var (id, n) in own)
            {
                origin.Add(id, ($"s{p}", n));
            }
        }

        // Every message was handed to the agent exactly once, as sent, each hook's own in id order and at most 20 at a time.
        var deliveries = drain.Deliveries;
        var all = deliveries.SelectMany(d => d.Messages).ToList();
        all.Count.ShouldBe(Senders * PerSender, "every message delivered, none twice");
        all.Select(m => m.Id).ToHashSet().SetEquals(origin.Keys).ShouldBeTrue("exactly the messages sent were delivered");
        all.ShouldAllBe(m => m.Body == $"{origin[m.Id].Sender} {origin[m.Id].N}" && m.From == origin[m.Id].Sender);
        foreach (var delivery in deliveries)
        {
            delivery.Messages.Count.ShouldBeInRange(1, MessageDeliveryText.MaxMessages);
            delivery.Messages.Zip(delivery.Messages.Skip(1)).ShouldAllBe(pair => pair.First.Id < pair.Second.Id);
        }

        // Each hook confirmed exactly what it printed (one message.delivered entry per hook output), and the store's order
        // of delivery (the journal) keeps each sender's send order across both loops.
        using var check = SqliteStore.Open(DatabasePath);
        check.CheckIntegrity(full: true).ShouldBeEmpty();
        var confirmed = check.QueryJournal(new JournalQuery(0, MessageJournalTypes.Delivered, null, 100_000))
            .Select(e => JsonNode.Parse(e.Data!)!["ids"]!.AsArray().Select(n => n!.GetValue<long>()).ToList())
            .ToList();
        confirmed.Count.ShouldBe(deliveries.Count, "one confirmation per hook that printed messages");
        var printed = deliveries.ToDictionary(d => d.Messages[0].Id, d => d.Messages.Select(m => m.Id).ToList());
        confirmed.ShouldAllBe(ids => printed.ContainsKey(ids[0]) && printed[ids[0]].SequenceEqual(ids));
        foreach (var group in confirmed.SelectMany(ids => ids).GroupBy(id => origin[id].Sender))
        {
            group.Select(id => origin[id].N).ShouldBe(Enumerable.Range(0, PerSender), $"{group.Key}'s messages were delivered in the order sent");
        }

        check.CountInbox(Recipient).ShouldBe(new InboxCounts(Senders * PerSender, 0));
        var retaken = check.QueryJournal(new JournalQuery(0, MessageJournalTypes.Taken, null, 100_000)).Count(e => JsonNode.Parse(e.Data!)!["retaken"] is not null);
        var full = sent.Sum(lines => int.Parse(lines.Single(l => l.StartsWith("full ", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture));
        _output.WriteLine(
            $"{drain.Runs} hook runs, {deliveries.Count} delivered ({string.Join(" + ", deliveries.GroupBy(d => d.Loop).OrderBy(g => g.Key).Select(g => g.Sum(d => d.Messages.Count)))} messages per loop), " +
            $"{drain.Runs - deliveries.Count} found nothing to take; {retaken} takes of stale claims; {full} sends retried on a full inbox");
    }

    [Fact]
    public async Task Messages_a_hook_took_but_never_confirmed_are_delivered_by_the_next_UserPromptSubmit_hook_once_the_claim_is_stale()
    {
        // Given a live recipient with three messages, the first two taken by a hook that died before confirming, longer ago
        // than the stale time (its store's clock stands that far back, so the claim carries that time)
        await StartRecipientAsync();
        var ids = Send("first", "second", "third");
        const string deadToken = "hook-dead-1";
        var tookAt = DateTimeOffset.UtcNow - Messenger.DefaultStaleAfter - TimeSpan.FromSeconds(5);
        using (var dead = SqliteStore.Open(DatabasePath, new ManualClock(tookAt)))
        {
            MessengerOn(dead).TakeForDelivery(Recipient, deadToken, limit: 2).Select(m => m.Id).ShouldBe(ids[..2]);
        }

        // When the real UserPromptSubmit hook runs
        var delivered = Parse(await RunHookAsync(HookEvents.UserPromptSubmit, new JsonObject { ["prompt"] = "go on" }), HookEvents.UserPromptSubmit);

        // Then it hands over all three in order and confirms them under its own token: the dead hook's late confirm finds nothing
        delivered.ShouldNotBeNull("the hook printed the messages").Select(m => (m.Id, m.Body)).ShouldBe([(ids[0], "first"), (ids[1], "second"), (ids[2], "third")]);
        delivered.ShouldAllBe(m => m.From == "a person (human)");
        using var check = SqliteStore.Open(DatabasePath);
        var take = JsonNode.Parse(check.QueryJournal(new JournalQuery(0, MessageJournalTypes.Taken, null, 100)).Last().Data!)!;
        take["retaken"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldBe(ids[..2]);
        take["token"]!.GetValue<string>().ShouldNotBe(deadToken);
        MessengerOn(check).ConfirmDelivered(Recipient, deadToken).ShouldBeEmpty();
        check.CountInbox(Recipient).ShouldBe(new InboxCounts(3, 0));
        Parse(await RunHookAsync(HookEvents.UserPromptSubmit, new JsonObject { ["prompt"] = "again" }), HookEvents.UserPromptSubmit).ShouldBeNull("nothing is left to deliver");
    }

    [Fact]
    public async Task Messages_another_hook_has_just_taken_are_left_to_it_by_the_UserPromptSubmit_hook()
    {
        // Given a live recipient with two messages, just taken by another hook that has not confirmed them yet
        await StartRecipientAsync();
        var ids = Send("first", "second");
        const string otherToken = "hook-other-1";
        using (var other = SqliteStore.Open(DatabasePath))
        {
            MessengerOn(other).TakeForDelivery(Recipient, otherToken).Select(m => m.Id).ShouldBe(ids);
        }

        // When the real UserPromptSubmit hook runs
        var result = await RunHookAsync(HookEvents.UserPromptSubmit, new JsonObject { ["prompt"] = "go on" });

        // Then it hands over nothing, and the other hook still confirms both
        Parse(result, HookEvents.UserPromptSubmit).ShouldBeNull("a live claim is not taken over");
        using var check = SqliteStore.Open(DatabasePath);
        check.CountInbox(Recipient).ShouldBe(new InboxCounts(2, 2));
        MessengerOn(check).ConfirmDelivered(Recipient, otherToken).ShouldBe(ids);
    }

    public void Dispose()
    {
        foreach (var racer in _racers)
        {
            racer.Dispose();
        }

        var log = new BatonHome(_sandbox.BatonHome).LogPath;
        if (File.Exists(log))
        {
            _output.WriteLine($"--- {log} ---\n{File.ReadAllText(log)}");
        }

        _sandbox.Dispose();
    }

    /// <summary>The hook input Claude Code sends for the recipient: the common fields, then <paramref name="fields"/>.</summary>
    private static string HookInput(string eventName, string cwd, JsonObject fields)
    {
        var input = new JsonObject
        {
            ["session_id"] = Recipient,
            ["hook_event_name"] = eventName,
            ["cwd"] = cwd,
            ["transcript_path"] = "/tmp/recipient.jsonl",
        };
        foreach (var (name, value) in fields)
        {
            input[name] = value?.DeepClone();
        }

        return input.ToJsonString();
    }

    /// <summary>
    /// The messages a hook handed over, parsed from its stdout: null when it printed nothing, else its one line of hook
    /// output for <paramref name="eventName"/>, whose <c>additionalContext</c> holds one block per message (<see cref="MessageDeliveryText"/>).
    /// </summary>
    private static List<DeliveredMessage>? Parse(ProcessResult result, string eventName)
    {
        result.EnsureSuccess($"baton hook {eventName}");
        if (result.StdOut.Length == 0)
        {
            return null;
        }

        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, $"a hook prints one line:\n{result.StdOut}");
        var hook = JsonNode.Parse(lines[0])!["hookSpecificOutput"]!;
        hook["hookEventName"]!.GetValue<string>().ShouldBe(eventName);
        var context = hook["additionalContext"]!.GetValue<string>();
        var messages = MessageBlock().Matches(context)
            .Select(m => new DeliveredMessage(Long(m.Groups["id"].Value), m.Groups["from"].Value, m.Groups["body"].Value))
            .ToList();
        var count = Summary().Match(context);
        count.Success.ShouldBeTrue($"the context starts with how many messages it holds:\n{context}");
        int.Parse(count.Groups["count"].Value, CultureInfo.InvariantCulture).ShouldBe(messages.Count, $"every message block was parsed:\n{context}");
        return messages;
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static Messenger MessengerOn(SqliteStore store) =>
        new(store, new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System), TimeProvider.System);

    /// <summary>The head of one message in <see cref="MessageDeliveryText"/>, then its (one-line) body.</summary>
    [GeneratedRegex(@"^\[message #(?<id>\d+) · thread #\d+ · from (?<from>.+?) · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\]\n(?<body>.*)$", RegexOptions.Multiline)]
    private static partial Regex MessageBlock();

    [GeneratedRegex(@"\ABaton: (?<count>\d+) new messages? from another session or a person\.\n")]
    private static partial Regex Summary();

    /// <summary>Registers the recipient as Claude Code would: a real SessionStart hook run by this process, its live claude.</summary>
    private async Task StartRecipientAsync()
    {
        var started = await RunHookAsync(HookEvents.SessionStart, new JsonObject { ["source"] = "startup" });
        Parse(started, HookEvents.SessionStart).ShouldBeNull("there is nothing to deliver yet");
        using var store = SqliteStore.Open(DatabasePath);
        var session = store.GetSession(Recipient).ShouldNotBeNull("the SessionStart hook recorded the recipient");
        session.Pid.ShouldBe(Environment.ProcessId, "the hook's parent, this test, is the recipient's claude");
    }

    private Task<ProcessResult> RunHookAsync(string eventName, JsonObject fields) =>
        _baton.RunAsync(["hook", eventName], HookInput(eventName, _sandbox.Root, fields));

    /// <summary>Sends messages to the recipient as a person, one after another.</summary>
    private long[] Send(params string[] bodies)
    {
        using var store = SqliteStore.Open(DatabasePath);
        var messenger = MessengerOn(store);
        return [.. bodies.Select(body => messenger.Send(Recipient, body, SessionRegistry.HumanActor).Id)];
    }

    private CoordinationRacer Track(CoordinationRacer racer)
    {
        _racers.Add(racer);
        return racer;
    }

    /// <summary>One message as a hook handed it over.</summary>
    private sealed record DeliveredMessage(long Id, string From, string Body);

    /// <summary>What one hook run handed over: its loop and the messages, in the order printed.</summary>
    private sealed record Delivery(int Loop, IReadOnlyList<DeliveredMessage> Messages);

    /// <summary>Runs the recipient's PostToolUse hook with <c>input</c> (a Read, so no git) in loops until <c>expected</c>
    /// distinct messages arrived, <c>stop</c> is cancelled, or <c>timeout</c> passed.</summary>
    private sealed class HookDrain(BatonCli baton, string input, int expected, TimeSpan timeout, CancellationToken stop)
    {
        private readonly List<Delivery> _deliveries = [];
        private readonly HashSet<long> _seen = [];
        private readonly DateTime _deadline = DateTime.UtcNow + timeout;
        private int _runs;

        /// <summary>Every hook run that printed messages.</summary>
        public IReadOnlyList<Delivery> Deliveries
        {
            get
            {
                lock (_deliveries)
                {
                    return [.. _deliveries];
                }
            }
        }

        /// <summary>How many hook runs there were.</summary>
        public int Runs => Volatile.Read(ref _runs);

        public async Task RunLoopAsync(int loop)
        {
            while (!Done())
            {
                stop.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > _deadline)
                {
                    throw new TimeoutException($"After {timeout.TotalSeconds:0} s and {Runs} hook runs, {Seen()} of {expected} messages were delivered.");
                }

                var result = await baton.RunAsync(["hook", HookEvents.PostToolUse], input);
                Interlocked.Increment(ref _runs);
                if (Parse(result, HookEvents.PostToolUse) is { } messages)
                {
                    lock (_deliveries)
                    {
                        _deliveries.Add(new Delivery(loop, messages));
                        _seen.UnionWith(messages.Select(m => m.Id));
                    }
                }
            }
        }

        private int Seen()
        {
            lock (_deliveries)
            {
                return _seen.Count;
            }
        }

        private bool Done() => Seen() >= expected;
    }
}
