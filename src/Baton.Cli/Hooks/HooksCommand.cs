using System.CommandLine;
using Baton.ClaudeCode.Settings;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Repositories;
using Baton.Core.Sessions;

namespace Baton.Cli.Hooks;

/// <summary><c>baton hooks install|uninstall|status</c>: wire Baton into Claude Code's settings files, and take it out again.</summary>
internal static class HooksCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("hooks", "Install, remove or inspect Baton's hooks in Claude Code's settings (user: ~/.claude/settings.json, project: .claude/settings.json, local: .claude/settings.local.json)");
        command.Subcommands.Add(Install(environment));
        command.Subcommands.Add(Uninstall(environment));
        command.Subcommands.Add(Status(environment));
        return command;
    }

    /// <summary>The settings file of a scope: user scope in <c>$HOME</c>, project and local scope in the current git project (or folder).</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="scope">The scope.</param>
    /// <returns>The settings file's location.</returns>
    public static SettingsLocation Locate(CliEnvironment environment, SettingsScope scope) =>
        SettingsLocation.Resolve(scope, environment.UserHome, GitWorkingTree.FindTopLevel(environment.WorkingDirectory) ?? environment.WorkingDirectory);

    /// <summary>
    /// The resident server's HTTP endpoint the hooks of a scope post to: the user's settings get HTTP hooks (the file is
    /// made 0600, since it then holds the endpoint's token); a project's or a checkout's settings get command hooks only,
    /// so no secret lands in a file that may be shared or committed.
    /// </summary>
    /// <param name="environment">The environment.</param>
    /// <param name="scope">The settings scope.</param>
    /// <param name="endpointOf">How the home's endpoint is had: <see cref="LoopbackEndpoint.Ensure"/> to make one when there
    /// is none, <see cref="LoopbackEndpoint.Read"/> to only read it.</param>
    /// <returns>The endpoint, or null for command hooks only.</returns>
    public static LoopbackEndpoint? EndpointFor(CliEnvironment environment, SettingsScope scope, Func<BatonHome, LoopbackEndpoint?> endpointOf) =>
        scope == SettingsScope.User ? endpointOf(environment.Home) : null;

    private static Option<SettingsScope> ScopeOption() => new("--scope")
    {
        Description = "Which settings file: user (every session of this user, the default), project (shared with the repository) or local (this checkout only)",
        DefaultValueFactory = _ => SettingsScope.User,
        CustomParser = result =>
        {
            if (Enum.TryParse<SettingsScope>(result.Tokens[0].Value, ignoreCase: true, out var scope) && Enum.IsDefined(scope))
            {
                return scope;
            }

            result.AddError($"Unknown scope '{result.Tokens[0].Value}'; use user, project or local.");
            return default;
        },
    };

    private static Command Install(CliEnvironment environment)
    {
        var scope = ScopeOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the resulting settings file instead of writing it" };
        var commandsOnly = new Option<bool>("--commands-only")
        {
            Description = "Write every hook as a command hook through baton-relay, none as an HTTP hook to the resident server "
                + "(the user scope's default is HTTP hooks for the events of every tool call and turn; project and local scope always get commands only)",
        };
        var wake = HookSelection.WakeOption();
        var command = new Command("install", $"Add Baton's hooks ({string.Join(", ", HookEvents.All.Intersect(BatonHooks.Default.Select(r => r.EventName)))}) to a settings file. Other keys and hooks are kept; a backup goes to $BATON_HOME/backups first; running it again changes nothing") { scope, dryRun, commandsOnly, wake };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var location = Locate(environment, parse.GetValue(scope));
            var endpoint = parse.GetValue(commandsOnly) ? null
                : parse.GetValue(dryRun) ? EndpointFor(environment, location.Scope, LoopbackEndpoint.Read)
                : EndpointFor(environment, location.Scope, LoopbackEndpoint.Ensure);
            var selection = HookSelection.ForInstalledClaude(parse.GetValue(wake));
            var change = Guard(() => Installer(environment).Install(location.FilePath, HookTarget.Prepare(environment.Home), endpoint, selection.Registrations, parse.GetValue(dryRun)));
            Report(context, change, parse.GetValue(dryRun), $"Baton's hooks are installed in {location.FilePath} ({location.Scope.ToString().ToLowerInvariant()} scope).");
            if (!parse.GetValue(dryRun))
            {
                context.Output.WriteLine(selection.Described);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Uninstall(CliEnvironment environment)
    {
        var scope = ScopeOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the resulting settings file instead of writing it" };
        var command = new Command("uninstall", "Remove exactly Baton's hooks from a settings file (a backup goes to $BATON_HOME/backups first)") { scope, dryRun };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var location = Locate(environment, parse.GetValue(scope));
            var change = Guard(() => Installer(environment).Uninstall(location.FilePath, parse.GetValue(dryRun)));
            Report(context, change, parse.GetValue(dryRun), $"Baton's hooks are not in {location.FilePath}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliEnvironment environment)
    {
        var command = new Command("status", "Show in which settings files Baton's hooks are installed, and whether they call this baton");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var current = HookTarget.Expected(environment.Home);
            foreach (var scope in Enum.GetValues<SettingsScope>())
            {
                var location = Locate(environment, scope);
                var status = Guard(() => Installer(environment).Status(location.FilePath));
                var state = !status.Installed ? "not installed"
                    : status.Calls(current) ? $"installed ({status.Events.Count} events)"
                    : $"installed but calls {string.Join(", ", status.Commands.Distinct())}; run: baton hooks install --scope {scope.ToString().ToLowerInvariant()}";
                context.Output.WriteLine($"{scope.ToString().ToLowerInvariant(),-8} {location.FilePath}: {state}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static SettingsInstaller Installer(CliEnvironment environment) => new(environment.Home.Root, environment.Time);

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SettingsFormatException e)
        {
            throw new UserErrorException(e.Message);
        }
    }

    private static void Report(CliContext context, SettingsChange change, bool dryRun, string unchanged)
    {
        if (change.Deleted)
        {
            context.Output.WriteLine(
                $"{(dryRun ? "Would remove" : "Removed")} {change.SettingsPath}: Baton's install created it and nothing else is in it" +
                (change.BackupPath is { } copy ? $" (backup: {copy})." : "."));
        }
        else if (dryRun)
        {
            context.Output.Write(change.Json);
        }
        else if (!change.Changed)
        {
            context.Output.WriteLine($"Nothing to change. {unchanged}");
        }
        else
        {
            context.Output.WriteLine($"Updated {change.SettingsPath}" + (change.BackupPath is { } backup ? $" (backup: {backup})." : "."));
        }
    }
}
