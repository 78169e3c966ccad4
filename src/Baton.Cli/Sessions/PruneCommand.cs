using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton prune</c> (alias <c>cleanup</c>): moves sessions whose <c>claude</c> process is gone to history as
/// <c>pruned</c>, then releases abandoned work: the locks and claimed queue items of sessions that ended, whose process is
/// gone, or whose heartbeat is older than <c>--heartbeat-limit</c> (<see cref="AbandonedWorkSweep"/>).</summary>
internal static class PruneCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var dryRun = CommonOptions.DryRun();
        var heartbeatLimit = new Option<int>("--heartbeat-limit")
        {
            Description = "A session silent for longer than this many minutes counts as gone: its locks and claims are released",
            HelpName = "MINUTES",
            DefaultValueFactory = _ => (int)AbandonedWorkSweep.DefaultHeartbeatLimit.TotalMinutes,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "prune",
            "Move sessions whose claude process is gone (no SessionEnd arrived, e.g. its tmux session was killed) to history as 'pruned', " +
            "then release abandoned work: the locks and claimed queue items of sessions that ended, are gone, or were silent longer " +
            "than --heartbeat-limit (each release journaled; running it again releases nothing). --json prints the sessions only " +
            "(released work: baton events --type 'lock.released' / 'queue.released').")
        {
            dryRun, heartbeatLimit, json,
        };
        command.Aliases.Add("cleanup");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var preview = parse.GetValue(dryRun);
            var limitMinutes = parse.GetValue(heartbeatLimit);
            if (limitMinutes < 1)
            {
                throw new UserErrorException($"A --heartbeat-limit of {limitMinutes} minutes is not allowed: use 1 or more.");
            }

            var moved = context.Registry.Prune(preview, environment.Actor);
            var released = AbandonedWorkReport.Run(context, TimeSpan.FromMinutes(limitMinutes), preview);
            if (parse.GetValue(json))
            {
                context.WriteSessions(moved);
                return ExitCodes.Ok;
            }

            if (moved.Count == 0 && released.Count == 0)
            {
                context.Output.WriteLine("Nothing to prune: every open session's process is running and no gone session holds locks or queue items.");
                return ExitCodes.Ok;
            }

            if (moved.Count > 0)
            {
                context.Output.WriteLine(preview ? $"Would move {moved.Count} session(s) to history:" : $"Moved {moved.Count} session(s) to history:");
                foreach (var s in moved)
                {
                    context.Output.WriteLine($"  {SessionRegistry.ShortId(s.SessionId)}  {s.Name ?? "-"}  {s.Project ?? "-"}  (was {s.Status.ToWire()}, pid {s.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})");
                }
            }

            foreach (var line in AbandonedWorkReport.Lines(released, preview))
            {
                context.Output.WriteLine(line);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
