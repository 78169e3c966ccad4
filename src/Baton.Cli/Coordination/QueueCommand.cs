using System.CommandLine;
using System.Globalization;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Baton.Core.Coordination;
using Spectre.Console;

namespace Baton.Cli.Coordination;

/// <summary><c>baton queue add|claim|done|release|ls</c>: work queues whose items go to exactly one claimer for a lease; the
/// CLI twin of the MCP tools <c>enqueue</c>, <c>claim_next</c>, <c>complete</c>, <c>release</c> and <c>list_queue</c>.</summary>
internal static class QueueCommand
{
    private const string ItemShape =
        "item = {id, queue, item, priority, status, enqueued_by, enqueued_at, claimer, claimed_at, lease_expires_at, attempts, completed_at, result}";

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment) => new(
        "queue",
        "Work queues: JSON items claimed highest priority first, then oldest; each item goes to exactly one claimer, whose lease " +
        "returns it to the queue unless it is done in time. " + CoordinationCli.ExitCodesHelp)
    {
        Add(environment), Claim(environment), Done(environment), Release(environment), List(environment),
    };

    private static Argument<string> QueueArgument() => new("queue") { Description = "The queue, for example jobs" };

    private static Argument<long> IdArgument() => new("id") { Description = "The item's id" };

    private static Command Add(CliEnvironment environment)
    {
        var queue = QueueArgument();
        var item = new Argument<string>("item")
        {
            Description = "The item: any JSON (at most 256 KiB), or plain text, taken as a JSON string (fix-login is \"fix-login\"); - reads it from standard input",
        };
        var priority = new Option<int>("--priority") { Description = "Higher is claimed first (-1000 to 1000, default 0)", HelpName = "N" };
        var json = CommonOptions.Json();
        var command = new Command("add", "Add an item to a queue (created by its first item). --json: the " + ItemShape + ".") { queue, item, priority, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var itemJson = CoordinationCli.ReadJson(parse.GetValue(item)!, "item", plainTextAsString: true);
            var added = context.Coordinator().Enqueue(parse.GetValue(queue)!, itemJson, environment.Actor, parse.GetValue(priority));
            return context.Report(parse.GetValue(json), QueueItemJson.From(added), ContractJson.Default.QueueItemJson, $"Added item {added.Id} to queue '{added.Queue}' (priority {added.Priority}).");
        }));
        return command;
    }

    private static Command Claim(CliEnvironment environment)
    {
        var queue = QueueArgument();
        var lease = new Option<int>("--lease")
        {
            Description = "How long the claim lasts, in seconds (1 to 86400); after that the item is pending again",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => (int)Coordinator.DefaultLease.TotalSeconds,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "claim",
            "Claim the next pending item: prints its id and the item. An empty queue exits 1. --json: the item, or null when none is pending.")
        {
            queue, lease, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(queue)!;
            var claimed = context.Coordinator().ClaimNext(name, environment.Actor, TimeSpan.FromSeconds(parse.GetValue(lease)));
            if (claimed is null)
            {
                return context.NothingThere(parse.GetValue(json), $"Queue '{name}' has no pending item.");
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(QueueItemJson.From(claimed), ContractJson.Default.QueueItemJson);
            }
            else
            {
                context.Output.WriteLine($"Claimed item {claimed.Id} of queue '{claimed.Queue}' until {CoordinationJournalTypes.FormatTime(claimed.LeaseExpiresAt!.Value)} (attempt {claimed.Attempts}):");
                context.Output.WriteLine(claimed.ItemJson);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Done(CliEnvironment environment)
    {
        var queue = QueueArgument();
        var id = IdArgument();
        var result = new Option<string?>("--result") { Description = "A result, any JSON (- reads it from standard input)", HelpName = "JSON" };
        var json = CommonOptions.Json();
        var command = new Command(
            "done",
            "Complete an item you claimed. Not your live claim (another claimer, an expired lease, done already) exits 1 naming the claimer. --json: the item.")
        {
            queue, id, result, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var resultJson = parse.GetValue(result) is { } raw ? CoordinationCli.ReadJson(raw, "result") : null;
            var done = context.Coordinator().Complete(parse.GetValue(queue)!, parse.GetValue(id), environment.Actor, resultJson);
            return context.Report(parse.GetValue(json), QueueItemJson.From(done), ContractJson.Default.QueueItemJson, $"Completed item {done.Id} of queue '{done.Queue}'.");
        }));
        return command;
    }

    private static Command Release(CliEnvironment environment)
    {
        var queue = QueueArgument();
        var id = IdArgument();
        var force = new Option<bool>("--force") { Description = "Release another session's live claim (journaled as forced, with you as the actor)" };
        var json = CommonOptions.Json();
        var command = new Command(
            "release",
            "Give an item you claimed back to its queue, claimable at once. Not your live claim exits 1 naming the claimer; " +
            "--force releases another session's claim. --json: the item.")
        {
            queue, id, force, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var released = context.Coordinator().Release(parse.GetValue(queue)!, parse.GetValue(id), environment.Actor, parse.GetValue(force));
            return context.Report(parse.GetValue(json), QueueItemJson.From(released), ContractJson.Default.QueueItemJson, $"Returned item {released.Id} to queue '{released.Queue}'.");
        }));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var queue = new Argument<string?>("queue") { Description = "The queue, for example jobs; leave out to list the queues", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = "Only items with this status", HelpName = "STATUS" };
        status.AcceptOnlyFromAmong([.. QueueItemStatusNames.All]);
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many items, oldest first (1 to 1000)",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "ls",
            "List a queue's items, oldest first, with their status as of now. --json: [item]. Without a queue: the queues that hold " +
            "items with their counts, --json: [{queue, pending, claimed, done}].")
        {
            queue, status, limit, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            if (parse.GetValue(queue) is not { } name)
            {
                return ListQueues(context, parse.GetValue(json));
            }

            var wanted = QueueItemStatusNames.Parse(parse.GetValue(status));
            var items = context.Coordinator().ListQueue(name, wanted, parse.GetValue(limit));
            if (parse.GetValue(json))
            {
                context.WriteJson(items.Select(QueueItemJson.From).ToList(), ContractJson.Default.ListQueueItemJson);
            }
            else if (items.Count == 0)
            {
                context.Output.WriteLine($"No items in queue '{name}'" + (wanted is null ? "." : $" with status {parse.GetValue(status)}."));
            }
            else
            {
                var now = environment.Time.GetUtcNow();
                var table = CoordinationCli.Table("ID", "PRIORITY", "STATUS", "CLAIMER", "LEASE LEFT", "ITEM");
                foreach (var i in items)
                {
                    table.AddRow(
                        new Text(i.Id.ToString(CultureInfo.InvariantCulture)),
                        new Text(i.Priority.ToString(CultureInfo.InvariantCulture)),
                        new Text(QueueItemStatusNames.Name(i.Status)),
                        new Text(i.Claimer is { } c ? CoordinationCli.Who(c) : "-"),
                        new Text(i.Status == QueueItemStatus.Claimed && i.LeaseExpiresAt is { } lease ? Durations.Short(lease - now) : "-"),
                        new Text(CoordinationCli.Shorten(i.ItemJson, 80)));
                }

                context.Console.Write(table);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int ListQueues(CliContext context, bool json)
    {
        var queues = context.Coordinator().ListQueues();
        if (json)
        {
            context.WriteJson(queues.Select(QueueSummaryJson.From).ToList(), ContractJson.Default.ListQueueSummaryJson);
        }
        else if (queues.Count == 0)
        {
            context.Output.WriteLine("No queues: a queue is created by its first item (baton queue add QUEUE ITEM).");
        }
        else
        {
            var table = CoordinationCli.Table("QUEUE", "PENDING", "CLAIMED", "DONE");
            foreach (var q in queues)
            {
                table.AddRow(
                    new Text(q.Queue),
                    new Text(q.Pending.ToString(CultureInfo.InvariantCulture)),
                    new Text(q.Claimed.ToString(CultureInfo.InvariantCulture)),
                    new Text(q.Done.ToString(CultureInfo.InvariantCulture)));
            }

            context.Console.Write(table);
        }

        return ExitCodes.Ok;
    }
}
