using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// The conflict notice at start (issue 15): a session that starts, with the real claude in real tmux, in a working tree
/// where another live session works gets one line naming it and its task in its context, and <c>baton new</c> prints the
/// same warning with <c>--worktree</c> as the fix.
/// </summary>
public sealed class SharedWorkingTreeEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public SharedWorkingTreeEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task A_second_session_in_a_working_tree_learns_of_the_first_and_its_task_in_its_first_request()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready.")], _output.WriteLine);

        // Given a live session with a task in the repository
        (await _workspace.Run(model, "new", "--detach", "--name", "first", "--task", "Refactor the billing module", _workspace.Repo.Path)).EnsureSuccess("baton new first");
        await Eventually.Until(async () => (await _workspace.Session("first"))?["session_id"]?.GetValue<string>() is { } id && !id.StartsWith("launch-", StringComparison.Ordinal), Patience, "SessionStart bound first");

        // When a second session starts there
        var second = await _workspace.Run(model, "new", "--detach", "--name", "second", "--prompt", "Hello there", _workspace.Repo.Path);

        // Then baton new warns naming the first and suggesting a worktree
        second.EnsureSuccess("baton new second");
        second.StdErr.ShouldContain("1 other live session works in this working tree");
        second.StdErr.ShouldContain("first (task: Refactor the billing module)");
        second.StdErr.ShouldContain("--worktree");

        // And the second session's first model request carries the same line
        var request = await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("Hello there", StringComparison.Ordinal), Patience);
        request.Body.ShouldContain("first (task: Refactor the billing module)");
    }

    public void Dispose() => _workspace.Dispose();
}
