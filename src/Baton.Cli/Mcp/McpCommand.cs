using System.CommandLine;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Settings;
using Baton.Cli.CommandLine;
using Baton.Cli.Hooks;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Repositories;
using Baton.Mcp;
using Baton.Mcp.Install;
using Baton.Platform.Programs;

namespace Baton.Cli.Mcp;

/// <summary>
/// <c>baton mcp</c>: runs Baton's MCP server on stdio (Claude Code starts it; nothing else writes to stdout);
/// <c>baton mcp install|uninstall [--scope user|project]</c>: registers it with Claude Code, pointing at this baton.
/// </summary>
internal static class McpCommand
{
    private const string User = "user";
    private const string Project = "project";

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "mcp",
            "Run Baton's MCP server on stdio: coordination tools for Claude Code sessions (sign_on, store_data, acquire_lock, " +
            "claim_next, handoff, events, ...), acting as the session in CLAUDE_CODE_SESSION_ID. Register it with 'baton mcp install'");
        command.Subcommands.Add(Install(environment));
        command.Subcommands.Add(Uninstall(environment));
        command.SetAction(parse => Serve(environment, parse));
        return command;
    }

    private static int Serve(CliEnvironment environment, ParseResult parse)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var options = BatonMcpOptions.FromVariables(
                environment.Home,
                environment.Stores,
                environment.WorkingDirectory,
                name => name == BatonMcpOptions.SessionIdVariable ? environment.CurrentSessionId : Environment.GetEnvironmentVariable(name),
                ClaudeProcess.OfCurrentHook);
            BatonMcpServer.RunStdioAsync(options).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            new BatonLog(environment.Home).Write("mcp", e.ToString());
            error.WriteLine($"baton: the MCP server stopped: {e.Message} (details in {environment.Home.LogPath})");
            return ExitCodes.Failure;
        }
    }

    private static Option<string> ScopeOption() => new("--scope")
    {
        Description = "Where to register it: user (every project of this user, through 'claude mcp add --scope user'; the default) " +
            "or project (this project's .mcp.json, shared with the repository)",
        DefaultValueFactory = _ => User,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value.ToLowerInvariant();
            if (value is User or Project)
            {
                return value;
            }

            result.AddError($"Unknown scope '{result.Tokens[0].Value}'; use user or project.");
            return User;
        },
    };

    private static Command Install(CliEnvironment environment)
    {
        var scope = ScopeOption();
        var command = new Command(
            "install",
            "Register Baton's MCP server with Claude Code, started as this baton's absolute path with 'mcp'. Other servers are kept; " +
            "running it again changes nothing") { scope };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var server = ServerCommand(environment);
            var change = parse.GetValue(scope) == Project
                ? new ProjectMcpConfig(environment.Home.Root, environment.Time).Install(ProjectDirectory(environment), server)
                : new UserMcpConfig(Claude(), environment.UserHome).Install(server);
            context.Output.WriteLine(change.Changed
                ? $"Registered Baton's MCP server ({server}) in {Where(change)}" + Backup(change)
                : $"Nothing to change: Baton's MCP server ({server}) is registered in {Where(change)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Uninstall(CliEnvironment environment)
    {
        var scope = ScopeOption();
        var command = new Command("uninstall", "Remove Baton's MCP server from Claude Code's user scope or this project's .mcp.json, keeping other servers") { scope };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var change = parse.GetValue(scope) == Project
                ? new ProjectMcpConfig(environment.Home.Root, environment.Time).Uninstall(ProjectDirectory(environment))
                : new UserMcpConfig(Claude(), environment.UserHome).Uninstall();
            context.Output.WriteLine(change.Changed
                ? $"Removed Baton's MCP server from {Where(change)}" + Backup(change)
                : $"Nothing to change: Baton's MCP server is not in {Where(change)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How Claude Code is to start the server: <c>baton-relay --baton &lt;this baton&gt; mcp</c>, which opens a session
    /// on the resident server, when there is a relay (<see cref="HookTarget"/>); else this baton's absolute path (or the
    /// dotnet host with baton.dll), then <c>mcp</c>.</summary>
    private static McpServerCommand ServerCommand(CliEnvironment environment)
    {
        var target = HookTarget.Prepare(environment.Home);
        return McpServerCommand.For(target.Executable, target.LeadingArguments);
    }

    private static string ProjectDirectory(CliEnvironment environment) =>
        GitWorkingTree.FindTopLevel(environment.WorkingDirectory) ?? environment.WorkingDirectory;

    private static string Claude() =>
        ExecutableSearch.Find("claude")
        ?? throw new MissingProgramException("claude is not installed (needed to register in the user scope): npm install -g @anthropic-ai/claude-code");

    private static string Where(McpConfigChange change) =>
        change.Location == UserMcpConfig.Scope ? "Claude Code's user scope" : change.Location;

    private static string Backup(McpConfigChange change) => change.BackupPath is { } backup ? $" (backup: {backup})." : ".";
}
