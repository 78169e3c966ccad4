using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Tasks;

public sealed class TasksCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";

    private readonly CliHarness _cli = new();

    [Fact]
    public void A_task_goes_from_blocked_to_ready_when_its_blocker_is_done_and_the_table_says_by_what_it_is_blocked()
    {
        _cli.Run("tasks", "add", "plan", "design the schema").ExitCode.ShouldBe(0);
        var added = _cli.Run("tasks", "add", "plan", "write the migration", "--blocked-by", "1", "--priority", "3");
        _cli.CurrentSessionId = Alice;
        var claimed = _cli.Run("tasks", "claim", "plan");
        _cli.Run("tasks", "start", "plan", "1").ExitCode.ShouldBe(0);

        var whileBlocked = _cli.Run("tasks", "ls", "plan");
        var ready = _cli.Run("tasks", "ls", "plan", "--ready", "--json");
        var done = _cli.Run("tasks", "done", "plan", "#1", "--result", "schema.sql");
        var afterDone = JsonNode.Parse(_cli.Run("tasks", "ls", "plan", "--ready", "--json").Output)!;

        added.Output.ShouldBe("Added task #2 'write the migration' of plan, blocked by #1.\n");
        claimed.Output.ShouldBe("Claimed task #1 'design the schema' of plan.\n");
        whileBlocked.Output.ShouldContain("blocked");
        whileBlocked.Output.ShouldContain("#1 (in_progress, aaaa1111)");
        JsonNode.Parse(ready.Output)!["tasks"]!.AsArray().ShouldBeEmpty();
        done.Output.ShouldBe("Completed task #1 'design the schema' of plan; it blocked #2.\n");
        afterDone["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldBe([2L]);
        afterDone["ready"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void A_lost_claim_exits_1_with_one_line_naming_the_owner_and_a_claim_with_nothing_ready_exits_1()
    {
        _cli.Run("tasks", "add", "plan", "a");
        _cli.CurrentSessionId = Alice;
        _cli.Run("tasks", "claim", "plan", "1").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Bob;

        var lost = _cli.Run("tasks", "claim", "plan", "1");
        var notOwner = _cli.Run("tasks", "done", "plan", "1");
        var none = _cli.Run("tasks", "claim", "plan", "--json");

        lost.ExitCode.ShouldBe(1);
        lost.Error.ShouldContain($"owned by {Alice}");
        lost.Error.TrimEnd().ShouldNotContain("\n");
        notOwner.ExitCode.ShouldBe(1);
        notOwner.Error.ShouldContain($"Cannot complete task #1 'a' of list 'plan' as {Bob}: it is owned by {Alice}");
        none.ExitCode.ShouldBe(1);
        none.Output.Trim().ShouldBe("null");
        none.Error.ShouldContain("List 'plan' has no ready task");
    }

    [Fact]
    public void Bad_input_exits_2_with_one_line_and_changes_nothing()
    {
        _cli.Run("tasks", "add", "plan", "a");
        _cli.Run("tasks", "add", "plan", "b", "-b", "1");
        _cli.Run("tasks", "add", "other", "c");
        var before = _cli.Run("tasks", "ls", "plan", "--json").Output;

        var unknownList = _cli.Run("tasks", "ls", "nope");
        var unknownTask = _cli.Run("tasks", "show", "plan", "9");
        var cycle = _cli.Run("tasks", "block", "plan", "1", "--by", "2");
        var crossList = _cli.Run("tasks", "block", "plan", "1", "--by", "other#1");
        var tooLong = _cli.Run("tasks", "add", "plan", new string('x', 201));
        var notAnId = _cli.Run("tasks", "start", "plan", "first");

        foreach (var refused in new[] { unknownList, unknownTask, cycle, crossList, tooLong, notAnId })
        {
            refused.ExitCode.ShouldBe(2, refused.Error);
            refused.Error.TrimEnd().ShouldNotContain("\n");
            refused.Error.ShouldStartWith("baton: ");
        }

        unknownList.Error.ShouldContain("There is no task list 'nope'");
        unknownTask.Error.ShouldContain("List 'plan' has no task #9");
        cycle.Error.ShouldContain("would close a cycle in list 'plan': #1 -> #2 -> #1");
        crossList.Error.ShouldContain("another list");
        tooLong.Error.ShouldContain("at most 200");
        _cli.Run("tasks", "ls", "plan", "--json").Output.ShouldBe(before);
    }

    [Fact]
    public void A_claim_of_a_completed_task_exits_1_naming_its_status()
    {
        _cli.Run("tasks", "add", "plan", "a");
        _cli.Run("tasks", "start", "plan", "1");
        _cli.Run("tasks", "done", "plan", "1");

        var refused = _cli.Run("tasks", "claim", "plan", "1");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("it is completed");
    }

    [Fact]
    public void Ls_of_a_list_shows_the_live_sessions_working_it_with_what_they_own()
    {
        _cli.Record(Alice, HookEvents.SessionStart);
        _cli.Record(Bob, HookEvents.SessionStart);
        JoinList(Bob, "plan");
        _cli.Run("tasks", "add", "plan", "a");
        _cli.Run("tasks", "add", "plan", "b");
        _cli.CurrentSessionId = Alice;
        _cli.Run("tasks", "claim", "plan", "2");
        _cli.CurrentSessionId = null;

        var json = JsonNode.Parse(_cli.Run("tasks", "ls", "plan", "--json").Output)!;
        var text = _cli.Run("tasks", "ls", "plan").Output;
        var lists = JsonNode.Parse(_cli.Run("tasks", "ls", "--json").Output)!.AsArray();
        var sessions = JsonNode.Parse(_cli.Run("ls", "--json").Output)!.AsArray();

        var members = json["sessions"]!.AsArray();
        members.Select(m => (m!["session_id"]!.GetValue<string>(), m["owns"]!.AsArray().Count)).ShouldBe([(Alice, 1), (Bob, 0)]);
        members[0]!["owns"]![0]!.GetValue<long>().ShouldBe(2);
        json["tasks"]![0]!.AsObject().Select(p => p.Key).ShouldBe(
            ["list", "id", "subject", "description", "status", "owner", "ready", "blocked_by", "open_blockers", "blocks", "priority", "role",
             "created_at", "created_by", "updated_at", "updated_by", "result"]);
        text.ShouldContain("Sessions on 'plan':");
        text.ShouldContain("aaaa1111  waiting_input  owns #2");
        text.ShouldContain("bbbb2222  waiting_input  owns nothing");
        lists.Single()!["list"]!.GetValue<string>().ShouldBe("plan");
        sessions.Single(s => s!["session_id"]!.GetValue<string>() == Bob)!["task_list"]!.GetValue<string>().ShouldBe("plan");
    }

    [Fact]
    public void Release_and_rm_by_another_need_force_and_unblock_frees_a_task()
    {
        _cli.Run("tasks", "add", "plan", "a");
        _cli.Run("tasks", "add", "plan", "b", "-b", "1");
        _cli.CurrentSessionId = Alice;
        _cli.Run("tasks", "start", "plan", "1");
        _cli.CurrentSessionId = null;

        var refused = _cli.Run("tasks", "release", "plan", "1");
        var forced = JsonNode.Parse(_cli.Run("tasks", "release", "plan", "1", "--force", "--json").Output)!;
        var unblocked = JsonNode.Parse(_cli.Run("tasks", "unblock", "plan", "2", "--by", "1", "--json").Output)!;
        var removed = _cli.Run("tasks", "rm", "plan", "1");

        refused.ExitCode.ShouldBe(1);
        forced["owner"].ShouldBeNull();
        forced["status"]!.GetValue<string>().ShouldBe("pending");
        unblocked["ready"]!.GetValue<bool>().ShouldBeTrue();
        removed.Output.ShouldBe("Removed task #1 'a' of plan.\n");
    }

    [Fact]
    public void Guard_shows_warn_by_default_and_sets_a_native_lists_mode()
    {
        var shown = _cli.Run("tasks", "guard", "plan");
        var set = _cli.Run("tasks", "guard", "plan", "enforce");
        var bad = _cli.Run("tasks", "guard", "plan", "strict");

        shown.Output.ShouldBe("Native task list 'plan': warn.\n");
        set.Output.ShouldBe("Native task list 'plan': enforce.\n");
        _cli.Run("tasks", "guard", "plan").Output.ShouldBe("Native task list 'plan': enforce.\n");
        bad.ExitCode.ShouldBe(2);
    }

    public void Dispose() => _cli.Dispose();

    private void JoinList(string sessionId, string list)
    {
        using var store = SqliteStore.Open(_cli.Home.DatabasePath);
        ((IStore)store).UpdateSession(sessionId, s => new SessionChange(s! with { TaskList = list }, JournalTypes.SessionStatus, sessionId, null));
    }
}
