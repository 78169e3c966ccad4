using System.Text.Json.Nodes;
using Baton.Storage.Sqlite;
using Baton.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tests;

/// <summary>
/// Baton's MCP server over stdio, as Claude Code starts it: the real <c>baton mcp</c> process; <c>baton-relay … mcp</c>
/// opening a session on a real resident server (its own fallback pointed at <c>/bin/false</c>, so only the server can
/// answer); and <c>baton-relay … mcp</c> with no server, which runs <c>baton mcp</c> itself.
/// </summary>
public sealed class StdioTests : IDisposable
{
    private const string SessionId = "dddddddd-4444-4444-8444-000000000004";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();

    [Theory]
    [InlineData("baton mcp")]
    [InlineData("relay to the server")]
    [InlineData("relay, no server")]
    public async Task Baton_mcp_answers_tool_calls_over_stdio_as_the_session_in_its_environment(string route)
    {
        var project = _sandbox.CreateDirectory("project");
        var stderr = new List<string>();
        await using var server = route == "relay to the server" ? await ResidentServerProcess.StartAsync(_sandbox) : null;
        var (command, arguments) = route switch
        {
            "baton mcp" => (BatonCli.ExecutablePath, new[] { "mcp" }),
            "relay to the server" => (BatonCli.RelayPath, new[] { "--baton", "/bin/false", "mcp" }),
            _ => (BatonCli.RelayPath, new[] { "--baton", BatonCli.ExecutablePath, "mcp" }),
        };
        var transport = Transport(command, arguments, project, line =>
        {
            lock (stderr)
            {
                stderr.Add(line);
            }
        });

        await using (var client = await McpClient.CreateAsync(transport))
        {
            client.ServerInfo!.Name.ShouldBe("baton");
            (await client.ListToolsAsync()).Count.ShouldBe(38);
            var result = await client.CallToolAsync("store_data", new Dictionary<string, object?> { ["scope"] = "issue:42", ["key"] = "plan", ["value"] = "ship it" });
            result.IsError.ShouldNotBe(true);
            JsonNode.Parse(((TextContentBlock)result.Content[0]).Text)!["writer"]!.GetValue<string>().ShouldBe(SessionId);
            var me = await client.CallToolAsync("whoami");
            JsonNode.Parse(((TextContentBlock)me.Content[0]).Text)!["signed_on"]!.GetValue<bool>().ShouldBeTrue();
            if (server is not null)
            {
                (await server.StatusAsync())!["mcp_sessions"]!.GetValue<int>().ShouldBe(1);
            }
        }

        if (server is not null)
        {
            await Eventually.Until(async () => (await server.StatusAsync())?["mcp_sessions"]?.GetValue<int>() == 0, TimeSpan.FromSeconds(45), "the server ended the session with its client");
        }

        using var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        var entry = store.GetState("issue:42", "plan").ShouldNotBeNull();
        entry.Writer.ShouldBe(SessionId);
        entry.ValueJson.ShouldBe("\"ship it\"");
        lock (stderr)
        {
            stderr.ShouldNotContain(line => line.Contains("fail:", StringComparison.Ordinal), string.Join('\n', stderr));
        }
    }

    [Fact]
    public async Task When_the_server_stops_mid_session_the_relay_reopens_the_session_and_the_client_keeps_its_tools()
    {
        var project = _sandbox.CreateDirectory("project");
        var baton = new BatonCli(_sandbox);
        await using var server = await ResidentServerProcess.StartAsync(_sandbox);
        var transport = Transport(BatonCli.RelayPath, ["--baton", BatonCli.ExecutablePath, "mcp"], project);

        await using var client = await McpClient.CreateAsync(transport);
        (await client.CallToolAsync("store_data", new Dictionary<string, object?> { ["scope"] = "issue:7", ["key"] = "step", ["value"] = 1 })).IsError.ShouldNotBe(true);
        (await server.StatusAsync())!["mcp_sessions"]!.GetValue<int>().ShouldBe(1);

        (await baton.RunAsync("serve", "stop")).EnsureSuccess("serve stop");
        await server.WaitForExitAsync();

        var after = await client.CallToolAsync("store_data", new Dictionary<string, object?> { ["scope"] = "issue:7", ["key"] = "step", ["value"] = 2 });
        after.IsError.ShouldNotBe(true, string.Join(' ', after.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        JsonNode.Parse(((TextContentBlock)after.Content[0]).Text)!["writer"]!.GetValue<string>().ShouldBe(SessionId);
        using var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        store.GetState("issue:7", "step").ShouldNotBeNull().ValueJson.ShouldBe("2");
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The SDK's stdio client transport for a server command, as the sandbox's session in <paramref name="project"/>.</summary>
    private StdioClientTransport Transport(string command, string[] arguments, string project, Action<string>? stderr = null) =>
        StdioServer.Transport(_sandbox, command, arguments, project, SessionId, stderr);
}
