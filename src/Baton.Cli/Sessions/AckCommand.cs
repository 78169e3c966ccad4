using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton ack ID|NAME [--json]</c>: mark a waiting session's wait as seen (it sorts below unseen waits and
/// sends no notification until its status changes). <c>--json</c> prints the session as <c>baton ls --json</c> does
/// (a one-element array, with <c>seen_at</c> set).</summary>
internal static class AckCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var session = new Argument<string>("session") { Description = "The session: id, unique id prefix or name" };
        var json = CommonOptions.Json();
        var command = new Command(
            "ack",
            "Mark a waiting session as seen: it stays waiting but sorts below unseen waiting sessions in ls and watch, and its " +
            "notifications stop until its status changes again")
        {
            session, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var target = context.Registry.Resolve(parse.GetValue(session)!);
            var seen = context.Registry.Acknowledge(target.SessionId, environment.Actor);
            if (parse.GetValue(json))
            {
                context.WriteSessions([seen]);
            }
            else
            {
                context.Output.WriteLine($"{SessionRegistry.ShortId(seen.SessionId)} {seen.Name ?? ""}".TrimEnd() + $": {seen.Status.ToWire()}, seen.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
