using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary>The <c>baton tasks</c> subcommands that change one task: <c>start</c>, <c>done</c>, <c>cancel</c>,
/// <c>release</c>, <c>block</c>, <c>unblock</c> and <c>rm</c>.</summary>
internal static class TaskChangeCommands
{
    /// <summary><c>baton tasks start LIST ID</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Start(CliEnvironment environment) => Change(
        environment,
        "start",
        "Start a task you own (status in_progress); an unowned ready task is claimed and started at once. A task owned by another " +
        "or with an open blocker exits 1 naming it. --json: the task.",
        "Start a task another session owns",
        (board, list, id, force, _) => board.Start(list, id, environment.Actor, force),
        task => $"Started task {TasksCli.Label(task)}.");

    /// <summary><c>baton tasks done LIST ID</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Done(CliEnvironment environment)
    {
        var result = new Option<string?>("--result") { Description = "What came of it (at most 16,000 characters)", HelpName = "TEXT" };
        return Change(
            environment,
            "done",
            "Complete a task you own; the tasks it blocks stop waiting for it. Another's task or an open blocker exits 1 naming it. --json: the task.",
            "Complete a task another session owns",
            (board, list, id, force, parse) => board.Complete(list, id, parse.GetValue(result), environment.Actor, force),
            task => $"Completed task {TasksCli.Label(task)}" + (task.Blocks.Count == 0 ? "." : $"; it blocked {string.Join(", ", task.Blocks.Select(b => "#" + b))}."),
            result);
    }

    /// <summary><c>baton tasks cancel LIST ID</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Cancel(CliEnvironment environment) => Change(
        environment,
        "cancel",
        "Cancel a task you own or nobody owns (a cancelled task still blocks the tasks that wait for it: unblock them or remove it). --json: the task.",
        "Cancel a task another session owns",
        (board, list, id, force, _) => board.Cancel(list, id, environment.Actor, force),
        task => $"Cancelled task {TasksCli.Label(task)}.");

    /// <summary><c>baton tasks release LIST ID</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Release(CliEnvironment environment) => Change(
        environment,
        "release",
        "Give a task you own back: pending and unowned, claimable at once. --json: the task.",
        "Release a task another session owns",
        (board, list, id, force, _) => board.Release(list, id, environment.Actor, force),
        task => $"Released task {TasksCli.Label(task)}.");

    /// <summary><c>baton tasks rm LIST ID</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Remove(CliEnvironment environment) => Change(
        environment,
        "rm",
        "Delete a task and its dependencies (the tasks it blocked stop waiting for it). --json: the task as it was.",
        "Delete a task another session owns",
        (board, list, id, force, _) => board.Remove(list, id, environment.Actor, force),
        task => $"Removed task {TasksCli.Label(task)}.");

    /// <summary><c>baton tasks block|unblock LIST ID --by BLOCKER</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="unblock">Build <c>unblock</c> instead of <c>block</c>.</param>
    /// <returns>The command.</returns>
    public static Command Block(CliEnvironment environment, bool unblock)
    {
        var list = TasksCli.ListArgument();
        var id = TasksCli.IdArgument();
        var by = new Option<string>("--by") { Description = "The task it waits for, in the same list (3 or #3)", HelpName = "ID", Required = true };
        var json = CommonOptions.Json();
        var command = new Command(
            unblock ? "unblock" : "block",
            unblock
                ? "Stop a task waiting for another. --json: the task."
                : "Make a task wait for another task of its list. A dependency that would close a cycle is refused naming the cycle (exit 2). --json: the task.")
        {
            list, id, by, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(list)!;
            var task = TaskBoard.IdIn(name, parse.GetValue(id)!);
            var changed = unblock
                ? context.Board().Unblock(name, task, parse.GetValue(by)!, environment.Actor)
                : context.Board().Block(name, task, parse.GetValue(by)!, environment.Actor);
            var waits = changed.BlockedBy.Count == 0 ? "nothing" : string.Join(", ", changed.BlockedBy.Select(b => "#" + b));
            return context.Report(parse.GetValue(json), changed, $"Task {TasksCli.Label(changed)} now waits for {waits}.");
        }));
        return command;
    }

    private static Command Change(
        CliEnvironment environment,
        string name,
        string description,
        string forceHelp,
        Func<TaskBoard, string, long, bool, ParseResult, TaskItem> change,
        Func<TaskItem, string> text,
        params Option[] extra)
    {
        var list = TasksCli.ListArgument();
        var id = TasksCli.IdArgument();
        var force = TasksCli.Force(forceHelp);
        var json = CommonOptions.Json();
        var command = new Command(name, description) { list, id, force, json };
        foreach (var option in extra)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var listName = parse.GetValue(list)!;
            var changed = change(context.Board(), listName, TaskBoard.IdIn(listName, parse.GetValue(id)!), parse.GetValue(force), parse);
            return context.Report(parse.GetValue(json), changed, text(changed));
        }));
        return command;
    }
}
