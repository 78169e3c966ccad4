using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>Two "machines" (two Baton homes with different host names, <c>BATON_HOST</c>) sharing one team store: the real
/// <c>baton</c> program on each, through <c>BATON_STORE_URL</c>.</summary>
public sealed class TeamStoreMachinesTests : IDisposable
{
    private const string AdaId = "a0a0a0a0-1111-4000-8000-000000000001";
    private const string BobId = "b0b0b0b0-2222-4000-8000-000000000002";

    private readonly TestSchema _schema = TestSchema.Create();
    private readonly BatonSandbox _alpha = BatonSandbox.Create();
    private readonly BatonSandbox _beta = BatonSandbox.Create();

    public void Dispose()
    {
        _alpha.Dispose();
        _beta.Dispose();
        _schema.Dispose();
    }

    [Fact]
    public async Task Each_machine_sees_the_others_sessions_with_their_host_and_a_lock_held_on_one_is_refused_on_the_other()
    {
        await Start(_alpha, "alpha", AdaId);
        await Start(_beta, "beta", BobId);

        var listed = await Run(_alpha, "alpha", null, "ls", "--json");
        var table = await Run(_beta, "beta", null, "ls");
        var held = await Run(_alpha, "alpha", AdaId, "lock", "acquire", "file:src/app.cs", "--ttl", "600", "--json");
        var refused = await Run(_beta, "beta", BobId, "lock", "acquire", "file:src/app.cs", "--ttl", "600");
        var kill = await Run(_beta, "beta", null, "kill", AdaId[..8]);

        var sessions = JsonNode.Parse(listed.EnsureSuccess("ls on alpha").StdOut)!.AsArray();
        sessions.Select(s => ((string?)s!["session_id"], (string?)s["host"])).ShouldBe([(AdaId, "alpha"), (BobId, "beta")], ignoreOrder: true);
        table.EnsureSuccess("ls on beta").StdOut.ShouldContain("HOST");
        table.StdOut.ShouldContain("alpha");
        table.StdOut.ShouldContain("beta");
        held.EnsureSuccess("lock on alpha");
        refused.ExitCode.ShouldBe(1);
        refused.StdErr.ShouldContain($"is held by {AdaId} on host alpha");
        kill.ExitCode.ShouldBe(2);
        kill.StdErr.ShouldContain("runs on host alpha, not on this one (beta)");
    }

    [Fact]
    public async Task One_machine_alone_lists_no_host_column()
    {
        await Start(_alpha, "alpha", AdaId);

        var table = await Run(_alpha, "alpha", null, "ls");

        table.EnsureSuccess("ls").StdOut.ShouldNotContain("HOST");
    }

    private async Task Start(BatonSandbox machine, string host, string sessionId)
    {
        var project = machine.CreateDirectory("project");
        var start = new JsonObject { ["session_id"] = sessionId, ["hook_event_name"] = "SessionStart", ["cwd"] = project, ["transcript_path"] = "/tmp/t.jsonl" };
        (await new BatonCli(machine).RunAsync(["hook", "SessionStart"], start.ToJsonString(), environment: Machine(host, sessionId))).EnsureSuccess("hook SessionStart on " + host);
    }

    private Task<ProcessResult> Run(BatonSandbox machine, string host, string? sessionId, params string[] args) =>
        new BatonCli(machine).RunAsync(args, environment: Machine(host, sessionId));

    private Dictionary<string, string?> Machine(string host, string? sessionId) => new(StringComparer.Ordinal)
    {
        ["BATON_STORE_URL"] = _schema.Url,
        ["BATON_HOST"] = host,
        ["CLAUDE_CODE_SESSION_ID"] = sessionId,
    };
}
