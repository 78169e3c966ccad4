using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Core;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary><c>baton tasks add|ls|show|claim|start|done|cancel|release|block|unblock|rm</c>: shared task lists with
/// dependencies; the CLI twin of the MCP tools <c>task_create</c>, <c>task_list</c>, <c>task_get</c>, <c>task_claim</c>,
/// <c>task_update</c>, <c>task_release</c> and <c>task_ready</c>.</summary>
internal static class TasksCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment) => new(
        "tasks",
        "Shared task lists: tasks with dependencies that sessions claim one at a time. A task is ready when it is pending, unowned " +
        "and every task it is blocked by is completed; claim takes a given task or the next ready one (priority, then age), and " +
        "exactly one claimer wins. Only a task's owner starts, completes or releases it (or --force). A session that ends, is " +
        "killed or goes silent gives its tasks back. " + TasksCli.ExitCodesHelp)
    {
        Add(environment), TasksListCommand.Create(environment), Show(environment), Claim(environment),
        TaskChangeCommands.Start(environment), TaskChangeCommands.Done(environment), TaskChangeCommands.Cancel(environment),
        TaskChangeCommands.Release(environment), TaskChangeCommands.Block(environment, unblock: false),
        TaskChangeCommands.Block(environment, unblock: true), TaskChangeCommands.Remove(environment), TasksGuardCommand.Create(environment),
    };

    private static Command Add(CliEnvironment environment)
    {
        var list = TasksCli.ListArgument();
        var subject = new Argument<string>("subject") { Description = "What to do, one line (at most 200 characters)" };
        var description = new Option<string?>("--description", "-d") { Description = "The details (at most 16,000 characters); - reads them from standard input", HelpName = "TEXT" };
        var priority = new Option<int>("--priority") { Description = "Higher is claimed first (-1000 to 1000, default 0)", HelpName = "N" };
        var role = new Option<string?>("--role") { Description = "Only a claim naming this role takes it as the next ready task", HelpName = "ROLE" };
        var blockedBy = new Option<string[]>("--blocked-by", "-b")
        {
            Description = "A task of the same list it waits for (3 or #3); repeat for several",
            HelpName = "ID",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("add", "Add a task (the list is created by its first task). Prints its id. --json: the task.")
        {
            list, subject, description, priority, role, blockedBy, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var details = parse.GetValue(description) is CoordinationCli.StandardInput ? Console.In.ReadToEnd() : parse.GetValue(description);
            var added = context.Board().Add(
                parse.GetValue(list)!, parse.GetValue(subject)!, details, parse.GetValue(priority), parse.GetValue(role), parse.GetValue(blockedBy) ?? [], environment.Actor);
            var waits = added.BlockedBy.Count == 0 ? "" : $", blocked by {string.Join(", ", added.BlockedBy.Select(b => "#" + b))}";
            return context.Report(parse.GetValue(json), added, $"Added task {TasksCli.Label(added)}{waits}.");
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment)
    {
        var list = TasksCli.ListArgument();
        var id = TasksCli.IdArgument();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show one task: status, owner, what blocks it and what it blocks, description and result. --json: the task.") { list, id, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(list)!;
            var task = context.Board().Get(name, TaskBoard.IdIn(name, parse.GetValue(id)!));
            if (parse.GetValue(json))
            {
                return context.Report(true, task, "");
            }

            TaskTable.WriteDetails(context, task);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Claim(CliEnvironment environment)
    {
        var list = TasksCli.ListArgument();
        var id = new Argument<string?>("id") { Description = "The task to claim (3 or #3); leave out for the next ready one", Arity = ArgumentArity.ZeroOrOne };
        var role = new Option<string?>("--role") { Description = "For the next ready task: only tasks of this role", HelpName = "ROLE" };
        var json = CommonOptions.Json();
        var command = new Command(
            "claim",
            "Claim a task: you become its owner (start it with baton tasks start). A task owned by another or blocked exits 1 naming " +
            "the owner or the open blocker; no ready task exits 1. --json: the task, or null when none is ready.")
        {
            list, id, role, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(list)!;
            long? wanted = parse.GetValue(id) is { } text ? TaskBoard.IdIn(name, text) : null;
            var claimed = context.Board().Claim(name, wanted, parse.GetValue(role), environment.Actor);
            return claimed is null
                ? context.NothingThere(parse.GetValue(json), $"List '{name}' has no ready task" + (parse.GetValue(role) is { } r ? $" for role '{r}'." : "."))
                : context.Report(parse.GetValue(json), claimed, $"Claimed task {TasksCli.Label(claimed)}.");
        }));
        return command;
    }
}
