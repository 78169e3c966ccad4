using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Testing;

namespace Baton.Cli.Tests.Watch;

/// <summary>
/// The task pane of the real <c>baton watch --once</c> over sessions recorded by the real <c>baton hook</c>: it shows every
/// list a live session works, not only one joined through Baton: the native list claude was started on
/// (<c>CLAUDE_CODE_TASK_LIST_ID</c>), and a Baton list a session only owns a task of.
/// </summary>
public sealed class TaskPaneProcessTests : IDisposable
{
    private const string Alice = "a11ce000-0000-4000-8000-000000000001";
    private const string Bob = "b0b00000-0000-4000-8000-000000000002";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public TaskPaneProcessTests() => _baton = new BatonCli(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Watch_once_shows_the_native_list_a_session_was_started_on_and_a_baton_list_a_session_owns_a_task_of()
    {
        // Given alice started by a claude on the native list "plan", and bob on no list who claimed a task of Baton's "review"
        var folder = Path.Combine(_sandbox.Home, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "1.json"), """{"id":"1","subject":"design the schema","status":"in_progress","owner":"alice","blocks":["2"],"blockedBy":[]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "2.json"), """{"id":"2","subject":"write the migration","status":"pending","blocks":[],"blockedBy":["1"]}""");
        await Hook(Alice, new Dictionary<string, string?> { ["CLAUDE_CODE_TASK_LIST_ID"] = "plan" });
        await Hook(Bob, []);
        (await _baton.RunAsync("tasks", "add", "review", "read the diff")).EnsureSuccess("tasks add");
        (await _baton.RunAsync(["tasks", "claim", "review", "1"], environment: new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = Bob })).EnsureSuccess("tasks claim");

        // When a person looks
        var lines = (await _baton.RunAsync("watch", "--once")).EnsureSuccess("watch --once").StdOut.TrimEnd('\n').Split('\n');

        // Then both lists are in the pane with state, owner and blocked-by
        lines.ShouldContain("TASKS plan (Claude Code native)");
        lines.ShouldContain(l => Regex.IsMatch(l, @"^  #1 +in_progress +alice +- +design the schema$"));
        lines.ShouldContain(l => Regex.IsMatch(l, @"^  #2 +blocked +- +blocked by #1 +write the migration$"));
        lines.ShouldContain("TASKS review (baton)");
        lines.ShouldContain(l => Regex.IsMatch(l, @"^  #1 +claimed +b0b00000 +- +read the diff$"));
    }

    /// <summary>Records a session with the real <c>baton hook UserPromptSubmit</c>, its environment given.</summary>
    private async Task Hook(string session, Dictionary<string, string?> environment)
    {
        var input = new JsonObject { ["session_id"] = session, ["hook_event_name"] = "UserPromptSubmit", ["prompt"] = "go", ["cwd"] = _sandbox.Root };
        (await _baton.RunAsync(["hook", "UserPromptSubmit"], input.ToJsonString(), environment: environment)).EnsureSuccess("hook UserPromptSubmit");
    }
}
