using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Baton.Storage;

namespace Baton.Cli.Tests.Tasks;

/// <summary><c>baton tasks ls</c> with a Claude Code native list under the user's <c>~/.claude/tasks/</c>.</summary>
public sealed class NativeTasksListTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";
    private const string Carol = "cccc3333-0000-4000-8000-000000000003";

    private readonly CliHarness _cli = new();

    public NativeTasksListTests()
    {
        WriteTask("1", """{"id": "1", "subject": "design the schema", "description": "", "status": "in_progress", "owner": "alice", "blocks": ["2"], "blockedBy": []}""");
        WriteTask("2", """{"id": "2", "subject": "write the migration", "description": "", "status": "pending", "owner": "bbbb2222", "blocks": [], "blockedBy": ["1"]}""");
        WriteTask("3", """{"id": "3", "subject": "update the docs", "description": "", "status": "pending", "blocks": [], "blockedBy": []}""");
        WriteTask("4", """{"id": "4", "subj""");
        OnList(Alice, "plan");
        OnList(Bob, "plan");
        OnList(Carol, null);
        using var store = StoreSelection.For(_cli.Home, TimeProvider.System).Open();
        store.AcquireLock(NativeTaskSettings.ClaimResource("plan", "1"), Alice, TimeSpan.FromHours(1), "native task owner 'alice'").Granted.ShouldBeTrue();
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_native_list_shows_its_tasks_with_owner_claim_and_blockers_and_the_sessions_on_it_with_what_each_owns()
    {
        var result = _cli.Run("tasks", "ls", "plan");

        result.ExitCode.ShouldBe(0, result.Error);
        var text = result.Output;
        text.ShouldContain("Claude Code's native list 'plan' (" + Path.Combine(_cli.UserHome, ".claude", "tasks", "plan") + "):");
        text.ShouldContain("#1 (in_progress, alice)");
        text.ShouldContain("1 ready, 2 pending, 1 in progress, 0 completed (native).");
        text.ShouldContain("Sessions on 'plan':");
        text.ShouldContain("aaaa1111  waiting_input  owns native #1");
        text.ShouldContain("bbbb2222  waiting_input  owns native #2");
        text.ShouldNotContain("cccc3333");
        Line(text, "#2").ShouldContain("blocked");
        Line(text, "#3").ShouldContain("ready");
        Line(text, "#1").ShouldContain("aaaa1111");
    }

    [Fact]
    public void The_json_marks_the_native_list_and_says_what_each_session_owns_of_it()
    {
        var result = _cli.Run("tasks", "ls", "plan", "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        var view = JsonNode.Parse(result.Output)!;
        view["tasks"]!.AsArray().ShouldBeEmpty("Baton has no list 'plan' of its own");
        var native = view["native_list"]!;
        native["native"]!.GetValue<bool>().ShouldBeTrue();
        native["list"]!.GetValue<string>().ShouldBe("plan");
        native["ready"]!.GetValue<int>().ShouldBe(1);
        var tasks = native["tasks"]!.AsArray();
        tasks.Select(t => t!["id"]!.GetValue<string>()).ShouldBe(["1", "2", "3"]);
        tasks[0]!["claimed_by"]!.GetValue<string>().ShouldBe(Alice);
        tasks[0]!["owner"]!.GetValue<string>().ShouldBe("alice");
        tasks[1]!["state"]!.GetValue<string>().ShouldBe("blocked");
        tasks[1]!["open_blockers"]!.AsArray().Select(b => b!.GetValue<string>()).ShouldBe(["1"]);
        tasks[2]!["owner"].ShouldBeNull();
        view["sessions"]!.AsArray().Select(s => (s!["session_id"]!.GetValue<string>(), string.Join(",", s["native_owns"]!.AsArray().Select(i => i!.GetValue<string>()))))
            .ShouldBe([(Alice, "1"), (Bob, "2")]);
    }

    [Fact]
    public void The_lists_show_a_native_list_beside_baton_ones_and_a_half_written_file_is_logged()
    {
        _cli.Run("tasks", "add", "build", "compile").ExitCode.ShouldBe(0);

        var json = JsonNode.Parse(_cli.Run("tasks", "ls", "--json").Output)!.AsArray();
        var table = _cli.Run("tasks", "ls").Output;

        json.Select(l => (l!["list"]!.GetValue<string>(), l["native"]!.GetValue<bool>())).ShouldBe([("build", false), ("plan", true)]);
        json[1]!["pending"]!.GetValue<int>().ShouldBe(2);
        Line(table, "plan").ShouldContain("native");
        Line(table, "build").ShouldContain("baton");
        File.ReadAllText(_cli.Home.LogPath).ShouldContain(Path.Combine("plan", "4.json") + ": not whole JSON (half-written?)");
    }

    [Fact]
    public void A_list_neither_baton_nor_claude_code_has_is_still_an_error()
    {
        var result = _cli.Run("tasks", "ls", "nothing");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("nothing");
    }

    private static string Line(string text, string start) =>
        text.Split('\n').First(l => l.TrimStart(' ', '│', '|').StartsWith(start + " ", StringComparison.Ordinal));

    private void WriteTask(string id, string json)
    {
        var folder = Path.Combine(_cli.UserHome, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, id + ".json"), json);
    }

    private void OnList(string sessionId, string? list) => _cli.Record(new HookObservation
    {
        SessionId = sessionId,
        EventName = HookEvents.SessionStart,
        Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HookEvents.SessionStart),
        Cwd = _cli.WorkingDirectory,
        TaskList = list,
        At = DateTimeOffset.UtcNow,
    });
}
