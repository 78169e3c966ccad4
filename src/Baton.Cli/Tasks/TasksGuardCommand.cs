using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Core;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary><c>baton tasks guard LIST [off|warn|enforce]</c>: how Baton guards Claude Code's native task list LIST.</summary>
internal static class TasksGuardCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var list = new Argument<string>("list") { Description = "The native task list (CLAUDE_CODE_TASK_LIST_ID, as given to baton new --task-list)" };
        var mode = new Argument<string?>("mode") { Description = "off, warn (the default) or enforce; leave out to show the mode", Arity = ArgumentArity.ZeroOrOne };
        mode.AcceptOnlyFromAmong([.. FileLeaseModes.Names]);
        var command = new Command(
            "guard",
            "Show or set how Baton guards Claude Code's native task list: a TaskUpdate that sets an owner on a task another live " +
            "session claimed, or that starts a task whose blockedBy task is not completed, is told to the agent (warn, the " +
            "default), denied naming the owner or the blocker (enforce), or let through (off). The claim is decided in one store " +
            "transaction, so of two sessions claiming a task at once exactly one wins.")
        {
            list, mode,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(list)!;
            if (parse.GetValue(mode) is { } wanted)
            {
                NativeTaskSettings.Write(context.Coordinator(), name, FileLeaseModes.Parse(wanted), environment.Actor);
            }

            context.Output.WriteLine($"Native task list '{name}': {NativeTaskSettings.Read(context.Store, name).ToWire()}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
