using System.CommandLine;
using Baton.ClaudeCode.Registry;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton rename ID|NAME NEW_NAME</c>: give a session another name (unique among live sessions), in Baton and,
/// while it runs, in its claude too (<see cref="NativeRename"/>), so <c>ListAgents</c> shows the same name.</summary>
internal static class RenameCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var session = new Argument<string>("session") { Description = "The session: id, unique id prefix or name" };
        var name = new Argument<string>("new-name") { Description = "The new name: 1-64 letters, digits, '.', '_' or '-'" };
        var command = new Command("rename", "Rename a session, in Baton and in its running claude (names are unique among live sessions; use them wherever an id is asked for)") { session, name };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var target = context.Registry.Resolve(parse.GetValue(session)!);
            var renamed = context.Registry.Rename(target.SessionId, parse.GetValue(name)!, environment.Actor);
            var claude = NativeRename.Apply(NativeSessionFile.UserFolder, renamed);
            context.Output.WriteLine(claude is null
                ? $"{SessionRegistry.ShortId(renamed.SessionId)} is now '{renamed.Name}'."
                : $"{SessionRegistry.ShortId(renamed.SessionId)} is now '{renamed.Name}' in Baton; claude keeps its own name: {claude}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
