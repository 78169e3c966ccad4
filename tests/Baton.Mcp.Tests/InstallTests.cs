using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary><c>baton mcp install|uninstall</c> with a throwaway HOME: the user scope through the real claude CLI, the project
/// scope by merging <c>.mcp.json</c>.</summary>
public sealed class InstallTests : IDisposable
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public InstallTests() => _baton = new BatonCli(_sandbox);

    [Fact]
    public async Task Project_scope_merges_baton_into_mcp_json_keeping_other_servers_and_is_idempotent()
    {
        var project = _sandbox.CreateDirectory("shop");
        var file = Path.Combine(project, ".mcp.json");
        await File.WriteAllTextAsync(file, """
            {
              "mcpServers": {
                "other": { "command": "/usr/bin/other", "args": ["serve"], "env": { "TOKEN": "x" } }
              },
              "keep": true
            }
            """);

        var install = await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: project);
        var after = await File.ReadAllTextAsync(file);
        var again = await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: project);

        install.EnsureSuccess("baton mcp install --scope project");
        install.StdOut.ShouldContain("Registered Baton's MCP server");
        install.StdOut.ShouldContain("backup: ");
        var json = JsonNode.Parse(after)!;
        json["mcpServers"]!["baton"]!["command"]!.GetValue<string>().ShouldBe(_baton.InstalledRelayPath);
        json["mcpServers"]!["baton"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--baton", BatonCli.ExecutablePath, "mcp"]);
        json["mcpServers"]!["other"]!.ToJsonString().ShouldBe("""{"command":"/usr/bin/other","args":["serve"],"env":{"TOKEN":"x"}}""");
        json["keep"]!.GetValue<bool>().ShouldBeTrue();
        again.EnsureSuccess().StdOut.ShouldContain("Nothing to change");
        (await File.ReadAllTextAsync(file)).ShouldBe(after);
        Directory.GetFiles(Path.Combine(_sandbox.BatonHome, "backups"), ".mcp.json.*.bak").Length.ShouldBe(1);

        var uninstall = await _baton.RunAsync(["mcp", "uninstall", "--scope", "project"], workingDirectory: project);

        uninstall.EnsureSuccess().StdOut.ShouldContain("Removed Baton's MCP server");
        var removed = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        removed["mcpServers"]!.AsObject().Select(p => p.Key).ShouldBe(["other"]);
        (await _baton.RunAsync(["mcp", "uninstall", "--scope", "project"], workingDirectory: project)).EnsureSuccess().StdOut.ShouldContain("Nothing to change");
    }

    [Fact]
    public async Task Project_scope_writes_through_a_symlinked_mcp_json_and_a_new_one_is_readable_by_the_team()
    {
        var project = _sandbox.CreateDirectory("linked");
        var shared = Path.Combine(_sandbox.CreateDirectory("shared-config"), "mcp.json");
        await File.WriteAllTextAsync(shared, """{ "mcpServers": {} }""");
        File.CreateSymbolicLink(Path.Combine(project, ".mcp.json"), shared);
        var fresh = _sandbox.CreateDirectory("fresh");

        (await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: project)).EnsureSuccess("install through a link");
        (await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: fresh)).EnsureSuccess("install into a new .mcp.json");

        new FileInfo(Path.Combine(project, ".mcp.json")).LinkTarget.ShouldBe(shared, "the link stays a link");
        JsonNode.Parse(await File.ReadAllTextAsync(shared))!["mcpServers"]!["baton"].ShouldNotBeNull();
        File.GetUnixFileMode(Path.Combine(fresh, ".mcp.json")).ShouldBe(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    [Fact]
    public async Task Project_scope_refuses_a_malformed_mcp_json_and_leaves_it_alone()
    {
        var project = _sandbox.CreateDirectory("broken");
        var file = Path.Combine(project, ".mcp.json");
        await File.WriteAllTextAsync(file, """{"mcpServers": [1, 2]}""");

        var install = await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: project);

        install.ExitCode.ShouldBe(2);
        install.StdErr.ShouldContain("\"mcpServers\"");
        (await File.ReadAllTextAsync(file)).ShouldBe("""{"mcpServers": [1, 2]}""");
    }

    [Fact]
    public async Task User_scope_registers_through_the_real_claude_cli_idempotently_and_uninstalls()
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = ClaudeCli.SearchPath,
        };

        var install = await _baton.RunAsync(["mcp", "install"], environment: environment);
        var again = await _baton.RunAsync(["mcp", "install", "--scope", "user"], environment: environment);

        install.EnsureSuccess("baton mcp install");
        install.StdOut.ShouldContain("Registered Baton's MCP server");
        again.EnsureSuccess().StdOut.ShouldContain("Nothing to change");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_sandbox.Home, ".claude.json")))!;
        config["mcpServers"]!["baton"]!["command"]!.GetValue<string>().ShouldBe(_baton.InstalledRelayPath);
        config["mcpServers"]!["baton"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--baton", BatonCli.ExecutablePath, "mcp"]);
        var get = await ProcessRunner.RunAsync(ClaudeCli.ExecutablePath, ["mcp", "get", "baton"], new ProcessRunOptions
        {
            Environment = new Dictionary<string, string?> { ["HOME"] = _sandbox.Home, ["BATON_HOME"] = _sandbox.BatonHome },
            WorkingDirectory = _sandbox.Root,
        });
        get.EnsureSuccess("claude mcp get baton").StdOut.ShouldContain("Connected", customMessage: get.StdOut);
        await Eventually.Until(
            () => ProcessProbe.Find($"{BatonCli.ExecutablePath} mcp", $"BATON_HOME={_sandbox.BatonHome}").Count == 0,
            TimeSpan.FromSeconds(60),
            "the baton mcp that claude's health check started (through the relay) exited with its client");

        var uninstall = await _baton.RunAsync(["mcp", "uninstall"], environment: environment);

        uninstall.EnsureSuccess().StdOut.ShouldContain("Removed Baton's MCP server");
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_sandbox.Home, ".claude.json")))!["mcpServers"]?["baton"].ShouldBeNull();
        (await _baton.RunAsync(["mcp", "uninstall"], environment: environment)).EnsureSuccess().StdOut.ShouldContain("Nothing to change");
    }

    public void Dispose() => _sandbox.Dispose();
}
