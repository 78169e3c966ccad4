using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton current</c>: the session this command runs in (<c>CLAUDE_CODE_SESSION_ID</c>), else the live sessions in the current directory.</summary>
internal static class CurrentCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var command = new Command(
            "current",
            "Show the current session: the one named by CLAUDE_CODE_SESSION_ID (inside Claude Code), else the live sessions working in this folder (the nearest session folder at or above it, else the sessions of its project). Exit 1 when there is none")
        {
            json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var sessions = Find(context);
            if (parse.GetValue(json))
            {
                context.WriteSessions(sessions);
            }
            else if (sessions.Count > 0)
            {
                context.Console.Write(SessionTable.Build(sessions, environment.Time.GetUtcNow()));
            }
            else
            {
                context.Error.WriteLine($"baton: no live session in {environment.WorkingDirectory}");
            }

            return sessions.Count > 0 ? ExitCodes.Ok : ExitCodes.Condition;
        }));
        return command;
    }

    /// <summary>The current session(s), as <c>baton current</c> defines them.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The sessions; empty when none.</returns>
    public static IReadOnlyList<Session> Find(CliContext context)
    {
        var id = context.Environment.CurrentSessionId;
        if (id is not null)
        {
            return context.Store.GetSession(id) is not null ? [context.Registry.Resolve(id)] : [];
        }

        return context.Registry.LiveIn(context.Environment.WorkingDirectory);
    }
}
