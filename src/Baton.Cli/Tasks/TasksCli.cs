using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Contracts;
using Baton.Contracts.Tasks;
using Baton.Core;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary>What the <c>baton tasks</c> subcommands share: the board, their arguments, and the one-line report of a change.</summary>
internal static class TasksCli
{
    /// <summary>The help text's note on who acts and the exit codes.</summary>
    public const string ExitCodesHelp =
        "Acts as the current session when CLAUDE_CODE_SESSION_ID is set, else as 'human'. Exit codes: 0 done; 1 refused (a task " +
        "owned by another or blocked, named in one line on stderr, or no ready task); 2 bad input (an unknown list or task, a " +
        "cycle, a dependency on another list, text too long).";

    /// <summary>A board over the context's store.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The board.</returns>
    public static TaskBoard Board(this CliContext context) => new(context.Store);

    /// <summary>The list argument.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> ListArgument() => new("list") { Description = "The task list, for example plan" };

    /// <summary>The task id argument.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> IdArgument() => new("id") { Description = "The task's id in the list: 3 or #3" };

    /// <summary>The <c>--force</c> option.</summary>
    /// <param name="what">What it allows.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Force(string what) => new("--force") { Description = what + " (journaled as forced)" };

    /// <summary>Prints a task as JSON with <c>--json</c>, else one line.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <param name="task">The task.</param>
    /// <param name="text">The line for people.</param>
    /// <returns><see cref="ExitCodes.Ok"/>.</returns>
    public static int Report(this CliContext context, bool json, TaskItem task, string text)
    {
        if (json)
        {
            context.WriteJson(System.Text.Json.JsonSerializer.Serialize(TaskItemJson.From(task), ContractJson.Default.TaskItemJson));
        }
        else
        {
            context.Output.WriteLine(text);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A task's name in one-line reports.</summary>
    /// <param name="task">The task.</param>
    /// <returns>For example <c>#3 'write the parser' of plan</c>.</returns>
    public static string Label(TaskItem task) => $"#{task.Id} '{Coordination.CoordinationCli.Shorten(task.Subject, 80)}' of {task.List}";
}
