using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Claude Code 2.1.332 offers its Task tools to the default model only with <c>CLAUDE_CODE_ENABLE_TODO_TOOLS=1</c>; a
/// session <c>baton new --task-list</c> starts gets them (deferred: named in a system reminder for ToolSearch to load),
/// one started without does not.
/// </summary>
public sealed class TaskToolsEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly SupervisedWorkspace _workspace;

    public TaskToolsEndToEndTests(ITestOutputHelper output) => _workspace = new SupervisedWorkspace(output);

    [Fact]
    public async Task A_session_on_a_task_list_is_offered_task_create_on_the_default_model_and_one_without_is_not()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready."), ModelStep.Text("Ready.")]);

        await _workspace.StartSession(model, "planner", "PLANNER-TASK: plan the work.", ["--task-list", "plan"]);
        await _workspace.StartSession(model, "loner", "LONER-TASK: work alone.", []);

        var planner = await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("PLANNER-TASK", StringComparison.Ordinal), Patience);
        var loner = await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("LONER-TASK", StringComparison.Ordinal), Patience);

        // 2.1.332 defers the Task tools: their names are listed in a system reminder for ToolSearch to load
        planner.Body.ShouldContain("\\nTaskCreate\\nTaskGet\\nTaskList\\n", Case.Sensitive, "the Task tools are offered to the planner");
        loner.Body.ShouldNotContain("TaskCreate", Case.Sensitive, "a session on no task list is offered no Task tools");
    }

    public void Dispose() => _workspace.Dispose();
}
