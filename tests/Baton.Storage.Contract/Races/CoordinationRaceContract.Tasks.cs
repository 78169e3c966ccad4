using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract.Races;

public abstract partial class CoordinationRaceContract
{
    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_working_one_task_list_claim_every_task_once_and_start_none_before_its_blockers_completed()
    {
        const int count = 2000;
        var blockers = new Dictionary<long, List<long>>();
        using (var store = OpenStore())
        {
            // A layered plan: each task waits for up to three earlier ones, so most of the list is blocked at any time.
            var board = new TaskBoard(store);
            var random = new Random(12);
            for (var i = 1; i <= count; i++)
            {
                var waits = i <= 8 ? [] : Enumerable.Range(0, random.Next(0, 4)).Select(_ => (long)random.Next(Math.Max(1, i - 40), i)).Distinct().ToList();
                blockers[board.Add("plan", $"step {i}", null, random.Next(-2, 3), null, [.. waits.Select(w => w.ToString(CultureInfo.InvariantCulture))], "human").Id] = waits;
            }
        }

        var outputs = await RaceAsync(_ => ["tasks", "plan"]);

        var claims = outputs.SelectMany(lines => lines.Where(l => l.StartsWith("claimed ", StringComparison.Ordinal)).Select(l => long.Parse(l[8..], CultureInfo.InvariantCulture))).ToList();
        claims.Count.ShouldBe(count, "every claim took a task no other process took");
        claims.ToHashSet().SetEquals(blockers.Keys).ShouldBeTrue("every task was claimed exactly once");
        using var check = OpenStore();
        AssertIntact(check);
        check.GetTaskList("plan").ShouldBe(new TaskListSummary("plan", 0, 0, count, 0, 0, check.GetTaskList("plan")!.CreatedAt));
        var journal = check.QueryJournal(new JournalQuery(0, "task.*", null, 100_000));
        journal.Count(e => e.Type == TaskJournalTypes.Claimed).ShouldBe(count);

        // The journal's order is the order the store committed in: each start must come after its blockers' completions.
        var started = new Dictionary<long, long>();
        var completed = new Dictionary<long, long>();
        foreach (var entry in journal.Where(e => e.Type == TaskJournalTypes.StatusChanged))
        {
            var data = JsonNode.Parse(entry.Data!)!;
            var id = data["id"]!.GetValue<long>();
            (data["to"]!.GetValue<string>() == "in_progress" ? started : completed).Add(id, entry.Sequence);
        }

        started.Count.ShouldBe(count);
        completed.Count.ShouldBe(count);
        foreach (var (id, waits) in blockers)
        {
            foreach (var blocker in waits)
            {
                completed[blocker].ShouldBeLessThan(started[id], $"task {id} started before its blocker {blocker} completed");
            }
        }

        output.WriteLine($"claims per process: {string.Join(", ", outputs.Select(lines => lines.Count(l => l.StartsWith("claimed ", StringComparison.Ordinal))))}");
    }

    /// <summary>A race.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Eight_processes_claiming_the_same_tasks_by_id_have_one_winner_each_who_is_named_to_every_loser()
    {
        const int count = 300;
        using (var store = OpenStore())
        {
            var board = new TaskBoard(store);
            for (var i = 1; i <= count; i++)
            {
                board.Add("plan", $"step {i}", null, 0, null, [], "human");
            }
        }

        var outputs = await RaceAsync(_ => ["claim-tasks", "plan", $"{count}"]);

        var attempts = outputs.SelectMany((lines, p) => lines.Select(l => l.Split(' ')).Where(f => f[0] is "claimed" or "lost").Select(f => (Process: $"r{p}", Won: f[0] == "claimed", Id: long.Parse(f[1], CultureInfo.InvariantCulture), Owner: f.Length > 2 ? f[2] : null))).ToList();
        var winners = attempts.Where(l => l.Won).ToDictionary(l => l.Id, l => l.Process);
        attempts.Count(l => l.Won).ShouldBe(count, "no task was won twice");
        winners.Keys.Order().ShouldBe(Enumerable.Range(1, count).Select(id => (long)id), "every task was won once");
        attempts.Where(l => !l.Won).ShouldAllBe(l => l.Owner == winners[l.Id], "a loser is told the winner");
        attempts.Count.ShouldBe(Processes * count);
        using var check = OpenStore();
        AssertIntact(check);
        check.ListTasks("plan", new TaskFilter(Limit: count)).ShouldAllBe(t => t.Owner == winners[t.Id]);
        check.QueryJournal(new JournalQuery(0, TaskJournalTypes.Claimed, null, 100_000)).Count.ShouldBe(count);
        output.WriteLine($"wins per process: {string.Join(", ", winners.Values.CountBy(p => p).OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {w.Value}"))}");
    }
}
