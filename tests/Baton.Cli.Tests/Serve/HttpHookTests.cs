using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// Claude Code's HTTP hooks as the real resident server takes them on its loopback port: what it records and answers, what
/// it refuses, and what the wake hook makes up for when the server was not there to take a Stop. Requests are posted by
/// this test the way Claude Code posts them (the end-to-end tests post them from the real claude).
/// </summary>
public sealed class HttpHookTests : IAsyncLifetime
{
    private const string SessionId = "4177e000-0000-4000-8000-0000000000bb";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly HttpClient _http = new();
    private ResidentServerProcess? _server;

    public HttpHookTests() => _baton = new BatonCli(_sandbox);

    private LoopbackEndpoint Endpoint => LoopbackEndpoint.Read(new BatonHome(_sandbox.BatonHome)).ShouldNotBeNull("the server made its endpoint");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _sandbox.Dispose();
    }

    [Fact]
    public async Task A_posted_hook_is_recorded_and_answered_with_the_sessions_messages_once()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox);
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"), baton: "/bin/false")).EnsureSuccess("SessionStart");
        (await _baton.RunAsync("send", SessionId[..8], "Rebase onto main before you push.")).EnsureSuccess("baton send");

        using var first = await PostAsync("PostToolUse", Payload("PostToolUse"));
        using var second = await PostAsync("PostToolUse", Payload("PostToolUse"));
        using var stop = await PostAsync("Stop", Payload("Stop"));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var output = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        output["hookSpecificOutput"]!["hookEventName"]!.GetValue<string>().ShouldBe("PostToolUse");
        output["hookSpecificOutput"]!["additionalContext"]!.GetValue<string>().ShouldContain("Rebase onto main before you push.");
        (await second.Content.ReadAsStringAsync()).ShouldBe("{}", "a message is handed over once");
        Session()["status"]!.GetValue<string>().ShouldBe("waiting_input");
        var status = (await _server.StatusAsync())!;
        status["http_port"]!.GetValue<int>().ShouldBe(Endpoint.Port);
        status["hooks"]!.GetValue<long>().ShouldBe(4, "the relayed SessionStart and three HTTP hooks");
    }

    [Fact]
    public async Task The_forwarded_variables_arrive_as_headers()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox);
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"), baton: "/bin/false")).EnsureSuccess("SessionStart");

        using var response = await PostAsync("PostToolUse", Payload("PostToolUse"), request => request.Headers.Add("X-Baton-Env-TMUX-PANE", "%42"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Session()["tmux_pane"]!.GetValue<string>().ShouldBe("%42");
    }

    [Fact]
    public async Task A_session_with_BATON_DISABLE_set_is_answered_and_recorded_nowhere()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox);

        using var response = await PostAsync("UserPromptSubmit", Payload("UserPromptSubmit"), request => request.Headers.Add("X-Baton-Env-BATON-DISABLE", "1"));

        (await response.Content.ReadAsStringAsync()).ShouldBe("{}");
        JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).EnsureSuccess("ls").StdOut)!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("token", HttpStatusCode.Unauthorized)]
    [InlineData("host", HttpStatusCode.Forbidden)]
    [InlineData("type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("method", HttpStatusCode.MethodNotAllowed)]
    [InlineData("path", HttpStatusCode.NotFound)]
    public async Task A_request_that_is_not_a_hook_call_of_this_user_is_refused_and_records_nothing(string flaw, HttpStatusCode expected)
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox);
        var endpoint = Endpoint;
        using var request = new HttpRequestMessage(
            flaw == "method" ? HttpMethod.Put : HttpMethod.Post,
            $"{endpoint.BaseUrl}/baton/{(flaw == "path" ? "hook" : "hooks")}/SessionStart")
        {
            Content = new StringContent(Payload("SessionStart"), Encoding.UTF8, flaw == "type" ? "text/plain" : "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", flaw == "token" ? new string('0', 64) : endpoint.Token);
        if (flaw == "host")
        {
            request.Headers.Host = "attacker.example";
        }

        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
        JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).EnsureSuccess("ls").StdOut)!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wake_hook_that_runs_without_the_server_records_the_stop_the_http_hook_could_not_deliver()
    {
        var noServer = new Dictionary<string, string?> { ["BATON_SERVE_AUTOSTART"] = "0", ["BATON_WAKE_LIFETIME_SECONDS"] = "1" };
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"), environment: noServer)).EnsureSuccess("SessionStart");
        (await _baton.RelayAsync(["UserPromptSubmit"], Payload("UserPromptSubmit"), environment: noServer)).EnsureSuccess("UserPromptSubmit");
        Session()["status"]!.GetValue<string>().ShouldBe("running");

        (await _baton.RelayAsync(["Stop", "--wake"], Payload("Stop"), environment: noServer)).EnsureSuccess("Stop --wake");

        Session()["status"]!.GetValue<string>().ShouldBe("waiting_input");
    }

    private async Task<HttpResponseMessage> PostAsync(string eventName, string payload, Action<HttpRequestMessage>? change = null)
    {
        var endpoint = Endpoint;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint.BaseUrl}/baton/hooks/{eventName}")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        change?.Invoke(request);
        return await _http.SendAsync(request);
    }

    private JsonNode Session() =>
        JsonNode.Parse(_baton.RunAsync("ls", "--json").GetAwaiter().GetResult().EnsureSuccess("ls").StdOut)!.AsArray().ShouldHaveSingleItem()!;

    private string Payload(string eventName) => new JsonObject
    {
        ["session_id"] = SessionId,
        ["hook_event_name"] = eventName,
        ["cwd"] = _sandbox.Root,
        ["transcript_path"] = "/tmp/t.jsonl",
        ["tool_name"] = eventName.EndsWith("ToolUse", StringComparison.Ordinal) ? "Bash" : null,
    }.ToJsonString();
}
