using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Storage.Postgres;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>The team store's server goes away while sessions run: the real <c>baton hook</c> processes exit 0, spool their
/// events, remember the outage, and the first hook after the server is back replays them in order, each once.</summary>
public sealed class TeamStoreOutageTests : IDisposable
{
    private const string First = "f1f1f1f1-1111-4000-8000-000000000001";
    private const string Second = "f2f2f2f2-2222-4000-8000-000000000002";

    private readonly TestSchema _schema = TestSchema.Create();
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly TcpProxy _server;

    public TeamStoreOutageTests()
    {
        var direct = PostgresUrl.Parse(TestSchema.ServerUrl);
        _server = TcpProxy.Start(direct.Host!, direct.Port);
    }

    private string Url => _schema.Url.Replace(
        $"@{PostgresUrl.Parse(TestSchema.ServerUrl).Host}:{PostgresUrl.Parse(TestSchema.ServerUrl).Port}/",
        $"@127.0.0.1:{_server.Port}/",
        StringComparison.Ordinal);

    private BatonHome Home => new(_sandbox.BatonHome);

    public void Dispose()
    {
        _server.Dispose();
        _sandbox.Dispose();
        _schema.Dispose();
    }

    [Fact]
    public async Task Hooks_spool_while_the_server_is_down_and_the_first_hook_after_it_is_back_replays_them_in_order_once()
    {
        (await Hook(First, "SessionStart")).ExitCode.ShouldBe(0, "the store is up");
        // On a loaded machine that hook may run out of its budget with its event written ahead: a command replays it.
        (await Baton("ls", "--all")).EnsureSuccess("a command while the store is up");
        _server.Pause();

        var down = await Hook(First, "UserPromptSubmit");
        var remembered = await Hook(First, "Stop");

        down.ExitCode.ShouldBe(0);
        down.StdOut.ShouldBeEmpty();
        remembered.ExitCode.ShouldBe(0);
        var log = File.ReadAllText(Home.LogPath);
        log.ShouldContain("event spooled, 1 waiting");
        log.ShouldContain("store unreachable (the store was unreachable moments ago); event spooled, 2 waiting");
        _schema.Scalar("SELECT count(*) FROM journal WHERE subject = @s", ("@s", "session:" + First)).ShouldBe(1L, "only the SessionStart reached the store");

        _server.Resume();
        var back = await Hook(Second, "SessionStart", new() { ["BATON_STORE_OUTAGE_SECONDS"] = "0" });

        back.ExitCode.ShouldBe(0);
        Directory.GetFiles(Path.Combine(Home.Root, "spool"), "*.event").ShouldBeEmpty();
        File.ReadAllText(Home.LogPath).ShouldContain("replayed 2 spooled hook event(s)");
        var events = _schema.Scalar("SELECT string_agg(data, ' | ' ORDER BY seq) FROM journal WHERE subject = @s", ("@s", "session:" + First)) as string;
        var count = (long)_schema.Scalar("SELECT count(*) FROM journal WHERE subject = @s", ("@s", "session:" + First))!;
        count.ShouldBe(3L, "SessionStart, then the spooled UserPromptSubmit and Stop, each once: " + events);
        ((string?)_schema.Scalar("SELECT status FROM sessions WHERE session_id = @s", ("@s", First))).ShouldBe("waiting_input", "the Stop, replayed last, decides the status");
        ((long)_schema.Scalar("SELECT count(*) FROM sessions WHERE session_id = @s", ("@s", Second))!).ShouldBe(1L);
    }

    private Task<ProcessResult> Baton(params string[] args) =>
        new BatonCli(_sandbox).RunAsync(args, environment: new Dictionary<string, string?>(StringComparer.Ordinal) { ["BATON_STORE_URL"] = Url });

    private Task<ProcessResult> Hook(string sessionId, string eventName, Dictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["BATON_STORE_URL"] = Url };
        foreach (var (name, value) in more ?? [])
        {
            environment[name] = value;
        }

        var input = new JsonObject { ["session_id"] = sessionId, ["hook_event_name"] = eventName, ["cwd"] = _sandbox.Root, ["transcript_path"] = "/tmp/t.jsonl", ["prompt"] = "go" };
        return new BatonCli(_sandbox).RunAsync(["hook", eventName], input.ToJsonString(), environment: environment);
    }
}
