using System.Globalization;
using Baton.Core.Coordination;
using Baton.Core.Storage;
using Xunit.Abstractions;

namespace Baton.Storage.Contract.Races;

/// <summary>
/// Coordination decided inside the store, checked with separate OS processes (Baton.Storage.Sqlite.Racer) released
/// together on one store. The assertions are about correctness only (who won, which tokens, what the store holds),
/// never about how long anything took; the time-outs only bound a hung run. A derived class names the store (every store
/// passes the same races) and opens it in the test.
/// </summary>
/// <param name="output">The test's output.</param>
public abstract partial class CoordinationRaceContract(ITestOutputHelper output) : IDisposable
{
    private const int Processes = 8;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    // How long a racer may take to finish: a bound for a hung racer, not for speed. On this 2-core machine at a load of 17
    // (other work), eight racers had made 1,897 of the 2,000 task claims after 90 s.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly List<CoordinationRacer> _racers = [];

    /// <summary>The store the racers open: a SQLite file's path, or a <c>postgres://</c> URL (see the racer's Program.cs).</summary>
    protected abstract string RacerStore { get; }

    /// <summary>Opens the store the racers race on, in the test's process.</summary>
    /// <param name="clock">The clock that decides expiry; null for the store's own.</param>
    /// <returns>The store.</returns>
    protected abstract IBatonStore OpenStore(TimeProvider? clock = null);

    /// <summary>Asserts the store is whole after the race (SQLite: its integrity check); by default nothing more than
    /// that it opens.</summary>
    /// <param name="store">The store.</param>
    protected virtual void AssertIntact(IBatonStore store)
    {
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_claiming_from_one_queue_get_every_item_exactly_once()
    {
        const int perProcess = 500;
        var enqueued = new HashSet<long>();
        using (var store = OpenStore())
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            for (var i = 0; i < Processes * perProcess; i++)
            {
                enqueued.Add(coordinator.Enqueue("work", i.ToString(CultureInfo.InvariantCulture), "human", priority: i % 3).Id);
            }
        }

        var outputs = await RaceAsync(p => ["claim", "work", $"{perProcess}"]);

        var claims = outputs.Select(lines => lines.Where(l => l.StartsWith("claimed ", StringComparison.Ordinal)).Select(l => long.Parse(l[8..], CultureInfo.InvariantCulture)).ToList()).ToList();
        claims.ShouldAllBe(ids => ids.Count == perProcess, "every claim_next found an item");
        var all = claims.SelectMany(ids => ids).ToList();
        all.Count.ShouldBe(enqueued.Count);
        all.ToHashSet().SetEquals(enqueued).ShouldBeTrue("every item was claimed exactly once");
        using var check = OpenStore();
        AssertIntact(check);
        check.ListQueue("work", QueueItemStatus.Pending, 10_000).ShouldBeEmpty();
        var stored = check.ListQueue("work", QueueItemStatus.Claimed, 10_000);
        stored.Count.ShouldBe(enqueued.Count);
        stored.ShouldAllBe(item => item.Attempts == 1);
        for (var p = 0; p < Processes; p++)
        {
            stored.Where(item => item.Claimer == $"r{p}").Select(item => item.Id).Order().ShouldBe(claims[p].Order());
        }

        check.QueryJournal(new JournalQuery(0, CoordinationJournalTypes.QueueClaimed, null, 100_000)).Count.ShouldBe(enqueued.Count);
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_hammering_one_lock_never_hold_it_at_once_and_get_strictly_increasing_tokens()
    {
        const int seconds = 10;

        var outputs = await RaceAsync(_ => ["lock", "deploy", $"{seconds}"]);

        var holds = outputs.SelectMany((lines, p) => lines
                .Where(l => l.StartsWith("held ", StringComparison.Ordinal))
                .Select(l => l.Split(' '))
                .Select(f => (Process: p, Token: long.Parse(f[1], CultureInfo.InvariantCulture), Acquired: long.Parse(f[2], CultureInfo.InvariantCulture), Released: long.Parse(f[3], CultureInfo.InvariantCulture))))
            .OrderBy(h => h.Token)
            .ToList();
        holds.Select(h => h.Token).ShouldBe(Enumerable.Range(1, holds.Count).Select(t => (long)t), "each acquisition got the next token, once");
        foreach (var (earlier, later) in holds.Zip(holds.Skip(1)))
        {
            earlier.Released.ShouldBeLessThanOrEqualTo(later.Acquired, $"token {later.Token} (r{later.Process}) was granted while token {earlier.Token} (r{earlier.Process}) was held");
        }

        for (var p = 0; p < Processes; p++)
        {
            var own = holds.Where(h => h.Process == p).ToList();
            own.Zip(own.Skip(1)).ShouldAllBe(pair => pair.First.Acquired < pair.Second.Acquired);
        }

        var refused = outputs.Sum(lines => int.Parse(lines.Single(l => l.StartsWith("refused ", StringComparison.Ordinal))[8..], CultureInfo.InvariantCulture));
        var holders = holds.Select(h => h.Process).Distinct().Count();
        output.WriteLine($"{holds.Count} holds by {holders} processes, {refused} attempts refused");
        holders.ShouldBeGreaterThan(1, "more than one process got the lock, so they raced");
        refused.ShouldBeGreaterThan(0, "some attempts found the lock held, so they raced");
        using var check = OpenStore();
        check.GetLock("deploy").ShouldBeNull();
        check.QueryJournal(new JournalQuery(0, CoordinationJournalTypes.LockAcquired, null, 1_000_000)).Count.ShouldBe(holds.Count);
        check.QueryJournal(new JournalQuery(0, CoordinationJournalTypes.LockReleased, null, 1_000_000)).Count.ShouldBe(holds.Count);
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_doing_compare_and_set_increments_end_with_the_number_of_successful_writes()
    {
        const int attempts = 150;
        using (var store = OpenStore())
        {
            new Coordinator(store, TimeProvider.System).StoreData("race", "counter", "0", expectedVersion: 0, "human");
        }

        var outputs = await RaceAsync(_ => ["cas", "race", "counter", $"{attempts}"]);

        var successes = outputs.Sum(lines => lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        var conflicts = outputs.Sum(lines => lines.Count(l => l == "conflict"));
        output.WriteLine($"{successes} successful compare-and-set writes, {conflicts} conflicts");
        (successes + conflicts).ShouldBe(Processes * attempts);
        var versions = outputs.SelectMany(lines => lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).Select(l => long.Parse(l[3..], CultureInfo.InvariantCulture))).Order().ToList();
        versions.ShouldBe(Enumerable.Range(2, successes).Select(v => (long)v), "each successful write took the next version, once");
        using var check = OpenStore();
        var counter = check.GetState("race", "counter").ShouldNotBeNull();
        counter.ValueJson.ShouldBe(successes.ToString(CultureInfo.InvariantCulture));
        counter.Version.ShouldBe(successes + 1);
        check.QueryJournal(new JournalQuery(0, CoordinationJournalTypes.StateSet, null, 100_000)).Count.ShouldBe(successes + 1);
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_holder_killed_with_sigkill_leaves_a_whole_store_and_loses_its_lock_and_claims_at_expiry()
    {
        using (var store = OpenStore())
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            for (var i = 0; i < 5; i++)
            {
                coordinator.Enqueue("work", "{}", "human");
            }
        }

        var victim = Track(CoordinationRacer.Start(RacerStore, "victim", "hold", "deploy", "work", "3"));
        await CoordinationRacer.GoTogetherAsync([victim], StartTimeout);
        var holding = (await victim.WaitForLineAsync(l => l.StartsWith("holding ", StringComparison.Ordinal), StartTimeout, "it holds the lock")).Split(' ');
        await victim.WaitForLineAsync(l => l == "tick 50", RunTimeout, "it wrote 50 times");
        victim.Kill();

        var claimed = holding[2].Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        var later = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(2));
        using var store2 = OpenStore(later);
        AssertIntact(store2);
        var ticks = store2.GetState("racer:victim", "ticks").ShouldNotBeNull();
        ticks.Version.ShouldBe(long.Parse(ticks.ValueJson, CultureInfo.InvariantCulture));
        store2.QueryJournal(new JournalQuery(0, CoordinationJournalTypes.StateSet, "victim", 100_000)).Count.ShouldBe((int)ticks.Version, "every committed write has its journal entry");

        var coordinator2 = new Coordinator(store2, later);
        coordinator2.ListLocks().ShouldBeEmpty();
        var taken = coordinator2.AcquireLock("deploy", TimeSpan.FromMinutes(1), "survivor");
        taken.Outcome.ShouldBe(LockOutcome.TakenOver);
        taken.Previous.ShouldNotBeNull().Holder.ShouldBe("victim");
        taken.Lock.Token.ShouldBe(long.Parse(holding[1], CultureInfo.InvariantCulture) + 1);
        var reclaimed = Enumerable.Range(0, 5).Select(_ => coordinator2.ClaimNext("work", "survivor")).ToList();
        reclaimed.ShouldAllBe(item => item != null);
        reclaimed.Select(item => item!.Id).Intersect(claimed).Order().ShouldBe(claimed.Order());
        reclaimed.Where(item => claimed.Contains(item!.Id)).ShouldAllBe(item => item!.Attempts == 2);
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

    /// <summary>Starts <see cref="Processes"/> racers named r0…r7 with the arguments given for each, lets them go
    /// together, and returns each one's output once all succeeded.</summary>
    private async Task<List<IReadOnlyList<string>>> RaceAsync(Func<int, string[]> arguments)
    {
        var racers = Enumerable.Range(0, Processes).Select(p => Track(CoordinationRacer.Start(RacerStore, $"r{p}", arguments(p)))).ToList();
        await CoordinationRacer.GoTogetherAsync(racers, StartTimeout);
        var outputs = await Task.WhenAll(racers.Select(r => r.ShouldSucceedAsync(RunTimeout)));
        return [.. outputs];
    }

    private CoordinationRacer Track(CoordinationRacer racer)
    {
        _racers.Add(racer);
        return racer;
    }
}
