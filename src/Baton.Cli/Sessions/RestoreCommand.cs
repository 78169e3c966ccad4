using System.CommandLine;
using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary>
/// <c>baton restore [--dry-run] [--json]</c>: starts again, with <c>claude --resume</c> in tmux as <c>baton new</c> does
/// (<see cref="SessionSupervisor.Launch"/>), every session that was live when the machine went down or its tmux server was
/// lost (<see cref="SessionRegistry.RestoreCandidates"/>), each in its folder with its name, task and task list. Each run is claimed in the
/// store before it starts, so a second restore starts nothing twice. Exit code 0, or 1 when a run could not be started.
/// </summary>
internal static class RestoreCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the sessions that would be restored" };
        var json = CommonOptions.Json();
        var command = new Command(
            "restore",
            "Bring back the sessions that were live when the machine went down or the tmux server was lost: each resumes its " +
            "conversation (claude --resume) in tmux, in its folder, with its name, task and task list. Sessions ended on purpose " +
            "(exited, killed) stay ended; a second restore starts nothing twice")
        {
            dryRun, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var results = new List<RestoreJson>();
            foreach (var lost in context.Registry.RestoreCandidates())
            {
                if (parse.GetValue(dryRun))
                {
                    results.Add(Result(lost, null, null));
                }
                else if (context.Registry.ClaimRestore(lost.SessionId, environment.Actor) is { } claimed)
                {
                    results.Add(Start(context, claimed));
                }
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(JsonSerializer.Serialize(results, CliJson.Default.ListRestoreJson));
            }
            else
            {
                Describe(context.Output, results, parse.GetValue(dryRun));
            }

            return results.Any(r => r.Error is not null) ? ExitCodes.Condition : ExitCodes.Ok;
        }));
        return command;
    }

    private static RestoreJson Start(CliContext context, Session claimed)
    {
        try
        {
            var started = new SessionSupervisor(context).Launch(new LaunchOptions(
                claimed.Cwd!, claimed.Name, claimed.Task, Prompt: "", Resume: claimed.SessionId, Worktree: null, claimed.TaskList, Detach: true, []));
            return Result(claimed, started, null);
        }
        catch (Exception e) when (e is UserErrorException or MissingProgramException)
        {
            context.Registry.ReleaseRestore(claimed.SessionId, e.Message, context.Environment.Actor);
            return Result(claimed, null, e.Message);
        }
    }

    private static RestoreJson Result(Session lost, Session? started, string? error) => new(
        lost.SessionId, lost.Name, lost.Task, lost.TaskList, lost.Cwd, started is not null, started?.LaunchId, started?.TmuxPane, error);

    private static void Describe(TextWriter output, List<RestoreJson> results, bool dryRun)
    {
        if (results.Count == 0)
        {
            output.WriteLine("No sessions to restore: none was live when the machine or the tmux server went down.");
            return;
        }

        foreach (var r in results)
        {
            var label = $"'{r.Name ?? SessionRegistry.ShortId(r.SessionId)}' ({SessionRegistry.ShortId(r.SessionId)}) in {r.Cwd}";
            output.WriteLine(dryRun ? $"Would restore {label}"
                : r.Error is null ? $"Restored {label} (tmux pane {r.TmuxPane})"
                : $"Could not restore {label}: {r.Error}");
        }
    }
}
