using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Xunit.Abstractions;

namespace Baton.Storage.Contract.Races;

/// <summary>
/// Message delivery decided inside the store, checked with separate OS processes (Baton.Storage.Sqlite.Racer) released
/// together on one store: senders and drainers (what the hooks will do: take, hand over, confirm) race on one inbox.
/// The assertions are about correctness only; the time-outs only bound a hung run. A derived class names the store.
/// </summary>
/// <param name="output">The test's output.</param>
public abstract class MessageRaceContract(ITestOutputHelper output) : IDisposable
{
    private const string Recipient = "e0e0e0e0-0000-4000-8000-00000000000e";
    private const int Senders = 8;
    private const int Drainers = 2;
    private const int PerSender = 250;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private readonly List<CoordinationRacer> _racers = [];

    /// <summary>The store the racers open: a SQLite file's path, or a <c>postgres://</c> URL.</summary>
    protected abstract string RacerStore { get; }

    /// <summary>Opens the store the racers race on, in the test's process.</summary>
    /// <returns>The store.</returns>
    protected abstract IBatonStore OpenStore();

    /// <summary>Asserts the store is whole after the race; by default nothing more than that it opens.</summary>
    /// <param name="store">The store.</param>
    protected virtual void AssertIntact(IBatonStore store)
    {
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_sending_while_two_drain_deliver_every_message_exactly_once_in_send_order_per_sender()
    {
        using (var store = OpenStore())
        {
            store.UpdateSession(Recipient, _ => new SessionChange(
                new Session { SessionId = Recipient, Status = SessionStatus.Running, StartedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow },
                "session.status",
                Recipient,
                null));
        }

        var senders = Enumerable.Range(0, Senders).Select(p => Track(CoordinationRacer.Start(RacerStore, $"s{p}", "send", Recipient, $"{PerSender}"))).ToList();
        var drainers = Enumerable.Range(0, Drainers).Select(p => Track(CoordinationRacer.Start(RacerStore, $"d{p}", "drain", Recipient, $"{Senders * PerSender}"))).ToList();
        await CoordinationRacer.GoTogetherAsync([.. senders, .. drainers], StartTimeout);
        var sent = await Task.WhenAll(senders.Select(r => r.ShouldSucceedAsync(RunTimeout)));
        var drained = await Task.WhenAll(drainers.Select(r => r.ShouldSucceedAsync(RunTimeout)));

        // Who sent what: each sender's ids increase with its own sequence number.
        var origin = new Dictionary<long, (string Sender, int N)>();
        for (var p = 0; p < Senders; p++)
        {
            var own = sent[p].Where(l => l.StartsWith("sent ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(f => (Id: Long(f[1]), N: int.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
            own.Select(s => s.N).ShouldBe(Enumerable.Range(0, PerSender));
            own.Zip(own.Skip(1)).ShouldAllBe(pair => pair.First.Id < pair.Second.Id);
            foreach (var (id, n) in own)
            {
                origin.Add(id, ($"s{p}", n));
            }
        }

        // Every message was handed over exactly once, and each drainer saw its messages in id order.
        var got = drained.Select(lines => lines.Where(l => l.StartsWith("got ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(f => (Id: Long(f[1]), Body: $"{f[2]} {f[3]}")).ToList()).ToList();
        var all = got.SelectMany(g => g).ToList();
        all.Count.ShouldBe(Senders * PerSender, "every message delivered, none twice");
        all.Select(g => g.Id).ToHashSet().SetEquals(origin.Keys).ShouldBeTrue("exactly the messages sent were delivered");
        all.ShouldAllBe(g => g.Body == $"{origin[g.Id].Sender} {origin[g.Id].N}");
        foreach (var own in got)
        {
            own.Zip(own.Skip(1)).ShouldAllBe(pair => pair.First.Id < pair.Second.Id);
        }

        // Across drainers, the store's own order of delivery (the journal) keeps each sender's send order.
        using var check = OpenStore();
        AssertIntact(check);
        var deliveries = check.QueryJournal(new JournalQuery(0, MessageJournalTypes.Delivered, null, 100_000))
            .SelectMany(e => JsonNode.Parse(e.Data!)!["ids"]!.AsArray().Select(n => n!.GetValue<long>()))
            .ToList();
        deliveries.Count.ShouldBe(Senders * PerSender);
        foreach (var group in deliveries.GroupBy(id => origin[id].Sender))
        {
            group.Select(id => origin[id].N).ShouldBe(Enumerable.Range(0, PerSender), $"{group.Key}'s messages were delivered in the order sent");
        }

        check.CountInbox(Recipient).ShouldBe(new InboxCounts(Senders * PerSender, 0));
        check.QueryJournal(new JournalQuery(0, MessageJournalTypes.Sent, null, 100_000)).Count.ShouldBe(Senders * PerSender);
        var full = sent.Sum(lines => int.Parse(lines.Single(l => l.StartsWith("full ", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture));
        output.WriteLine($"drainers delivered {string.Join(" + ", got.Select(g => g.Count))}; {full} sends retried on a full inbox");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var racer in _racers)
        {
            racer.Dispose();
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the derived class holds (a folder, a schema) after the racers are gone.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private CoordinationRacer Track(CoordinationRacer racer)
    {
        _racers.Add(racer);
        return racer;
    }
}
