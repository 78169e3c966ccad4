using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// The repository shortcut (issue 15) with the real claude in real tmux: once a folder of repositories is a root
/// (<c>baton config roots add</c>), <c>baton new NAME</c> starts the session in the repository of that name.
/// </summary>
public sealed class RepositoryShortcutEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public RepositoryShortcutEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task New_with_a_repository_name_starts_the_session_in_that_repository_under_a_root()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready.")], _output.WriteLine);
        (await _workspace.Baton.RunAsync("config", "roots", "add", Path.GetDirectoryName(_workspace.Repo.Path)!)).EnsureSuccess("baton config roots add");
        var elsewhere = _workspace.Sandbox.CreateDirectory("elsewhere");

        var started = await _workspace.Baton.RunAsync(["new", "--detach", "--name", "by-name", "shop"], workingDirectory: elsewhere, environment: _workspace.ClaudeEnvironment(model));

        started.EnsureSuccess("baton new shop");
        await Eventually.Until(async () => (await _workspace.Session("by-name"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "by-name is at its prompt");
        var session = (await _workspace.Session("by-name"))!;
        session["cwd"]!.GetValue<string>().ShouldBe(_workspace.Repo.Path);
        session["project"]!.GetValue<string>().ShouldBe("shop");
    }

    public void Dispose() => _workspace.Dispose();
}
