using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Contracts;

/// <summary>
/// The <c>--json</c> output of the real <c>baton</c> is a contract: fields may be added, none renamed or removed. Every
/// listing and every printed record is produced from one seeded home and its shape checked against
/// <c>Contracts/approved-json-shapes.txt</c> (see <see cref="JsonShape"/>).
/// </summary>
public sealed class JsonShapeApprovalTests : IDisposable
{
    private const string SessionId = "a5501000-0000-4000-8000-000000000001";
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public JsonShapeApprovalTests() => _baton = new BatonCli(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Every_approved_json_field_is_still_printed()
    {
        var project = _sandbox.CreateDirectory("project");
        var asSession = new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = SessionId };
        var start = new JsonObject { ["session_id"] = SessionId, ["hook_event_name"] = "SessionStart", ["cwd"] = project, ["transcript_path"] = "/tmp/t.jsonl" };
        (await _baton.RunAsync(["hook", "SessionStart"], start.ToJsonString())).EnsureSuccess("hook SessionStart");
        var shapes = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);

        async Task Shape(string name, string[] args, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
        {
            var result = (await _baton.RunAsync(args, workingDirectory: workingDirectory, environment: environment)).EnsureSuccess(name);
            shapes[name] = JsonShape.Paths(JsonNode.Parse(result.StdOut));
        }

        await Shape("state set", ["state", "set", "issue:1", "owner", "{\"by\": \"a\"}", "--json"]);
        await Shape("state get", ["state", "get", "issue:1", "owner", "--json"]);
        await Shape("state ls", ["state", "ls", "*", "--json"]);
        await Shape("lock acquire", ["lock", "acquire", "file:src/a.cs", "--ttl", "600", "--json"], asSession);
        await Shape("lock ls", ["lock", "ls", "*", "--json"]);
        await Shape("leases ls", ["leases", "ls", "--json"], workingDirectory: project);
        await Shape("queue add", ["queue", "add", "q", "{\"x\": 1}", "--json"]);
        await Shape("queue ls", ["queue", "ls", "q", "--json"]);
        await Shape("queue ls (queues)", ["queue", "ls", "--json"]);
        await Shape("progress set", ["progress", "build", "--phase", "compile", "--percent", "10", "--json"]);
        await Shape("send", ["send", SessionId[..8], "hello", "--json"]);
        await Shape("thread", ["thread", "1", "--json"]);
        await Shape("ls", ["ls", "--json"]);
        await Shape("current", ["current", "--json"], asSession);
        await Shape("conflicts", ["conflicts", "--json"]);
        await Shape("events", ["events", "--json"]);
        await Shape("gc", ["gc", "--dry-run", "--json"]);
        await Shape("inbox", ["inbox", "--session", SessionId[..8], "--json"]);
        (await _baton.RunAsync(["hook", "SessionEnd"], new JsonObject { ["session_id"] = SessionId, ["hook_event_name"] = "SessionEnd", ["reason"] = "other" }.ToJsonString())).EnsureSuccess("hook SessionEnd");
        await Shape("ls --all", ["ls", "--all", "--json"]);
        await Shape("history", ["history", "--json"]);
        await Shape("restore --dry-run", ["restore", "--dry-run", "--json"]);
        (await _baton.RunAsync(["config", "roots", "add", project])).EnsureSuccess("config roots add");
        await Shape("config roots ls", ["config", "roots", "ls", "--json"]);
        await Shape("store status", ["store", "status", "--json"]);

        var approved = Path.Combine(AppContext.BaseDirectory, "Contracts", "approved-json-shapes.txt");
        JsonShape.Missing(approved, shapes).ShouldBeEmpty($"fields were renamed or removed; what is printed now is in {Path.ChangeExtension(approved, ".received.txt")}");
    }
}
