using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton prune</c> (alias <c>cleanup</c>): moves sessions whose <c>claude</c> process is gone to history as <c>pruned</c>.</summary>
internal static class PruneCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var dryRun = CommonOptions.DryRun();
        var json = CommonOptions.Json();
        var command = new Command("prune", "Move sessions whose claude process is gone (no SessionEnd arrived, e.g. its tmux session was killed) to history as 'pruned'") { dryRun, json };
        command.Aliases.Add("cleanup");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var preview = parse.GetValue(dryRun);
            var moved = context.Registry.Prune(preview, environment.Actor);
            if (parse.GetValue(json))
            {
                context.WriteJson(CliJson.Sessions(moved));
                return ExitCodes.Ok;
            }

            if (moved.Count == 0)
            {
                context.Output.WriteLine("Nothing to prune: every open session's process is running.");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(preview ? $"Would move {moved.Count} session(s) to history:" : $"Moved {moved.Count} session(s) to history:");
            foreach (var s in moved)
            {
                context.Output.WriteLine($"  {SessionRegistry.ShortId(s.SessionId)}  {s.Name ?? "-"}  {s.Project ?? "-"}  (was {s.Status.ToWire()}, pid {s.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
