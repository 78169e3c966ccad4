using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton kill ID|NAME [--force]</c>: end a session's claude; the session goes to history as killed.</summary>
internal static class KillCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var session = new Argument<string>("session") { Description = "The session: id, unique id prefix or name" };
        var force = new Option<bool>("--force", "-f") { Description = $"Send SIGKILL when claude has not exited {SessionSupervisor.ExitWait.TotalSeconds:0} s after being asked to" };
        var command = new Command("kill", "End a session's claude (its tmux pane is closed) and move it to history as 'killed'") { session, force };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var target = context.Registry.Resolve(parse.GetValue(session)!);
            var killed = new SessionSupervisor(context).Kill(target, parse.GetValue(force));
            context.Output.WriteLine($"Killed {killed.Name ?? SessionRegistry.ShortId(killed.SessionId)}" + (killed.Pid is { } pid ? $" (claude pid {pid})." : "."));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
