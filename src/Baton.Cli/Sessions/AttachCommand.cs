using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core;

namespace Baton.Cli.Sessions;

/// <summary><c>baton attach ID|NAME</c>: show a session's tmux pane.</summary>
internal static class AttachCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var session = new Argument<string>("session") { Description = "The session: id, unique id prefix or name" };
        var command = new Command("attach", "Show a session's tmux pane: switches your tmux client inside tmux, attaches this terminal outside it (detach again with C-b d)") { session };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            new SessionSupervisor(context).Attach(context.Registry.Resolve(parse.GetValue(session)!));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
