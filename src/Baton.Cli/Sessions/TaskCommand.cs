using System.CommandLine;
using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton task [TEXT] [--session ID]</c>: set or show what a session is working on.</summary>
internal static class TaskCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var text = new Argument<string?>("text") { Description = "The task description to set; omit it to show the current one", Arity = ArgumentArity.ZeroOrOne };
        var session = new Option<string?>("--session", "-s") { Description = "The session: id, unique id prefix or name (default: the current session)" };
        var clear = new Option<bool>("--clear") { Description = "Remove the task description" };
        var json = CommonOptions.Json();
        var command = new Command("task", "Set or show a session's task description (shown by ls, watch and history)") { text, session, clear, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var target = Target(context, parse.GetValue(session));
            var newTask = parse.GetValue(text);
            if (newTask is not null && parse.GetValue(clear))
            {
                throw new UserErrorException("Give a task text or --clear, not both.");
            }

            if (newTask is not null || parse.GetValue(clear))
            {
                if (newTask is not null && string.IsNullOrWhiteSpace(newTask))
                {
                    throw new UserErrorException("The task text is empty; use --clear to remove a task.");
                }

                target = context.Registry.SetTask(target.SessionId, newTask, environment.Actor);
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(JsonSerializer.Serialize(new TaskJson(target.SessionId, target.Name, target.Task), CliJson.Default.TaskJson));
            }
            else
            {
                context.Output.WriteLine($"{SessionRegistry.ShortId(target.SessionId)} {target.Name ?? ""}".TrimEnd() + ": " + (target.Task ?? "(no task)"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Session Target(CliContext context, string? idOrName)
    {
        if (idOrName is not null)
        {
            return context.Registry.Resolve(idOrName);
        }

        var current = CurrentCommand.Find(context);
        return current.Count switch
        {
            1 => current[0],
            0 => throw new UserErrorException("No current session here; name one with --session ID (see baton ls)."),
            _ => throw new UserErrorException($"{current.Count} live sessions run in this directory; name one with --session ID."),
        };
    }
}
