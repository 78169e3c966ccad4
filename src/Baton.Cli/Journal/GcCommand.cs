using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Journal;

namespace Baton.Cli.Journal;

/// <summary><c>baton gc [--older-than DAYS] [--max-rows N] [--dry-run] [--json]</c>: journal retention
/// (<see cref="Core.Storage.IStore.CollectJournal"/>).</summary>
internal static class GcCommand
{
    private const int MaxDays = 36_500;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var olderThan = new Option<int>("--older-than")
        {
            Description = $"Delete entries older than this many days (0 to {MaxDays}, default {JournalRetention.DefaultMaxAge.TotalDays:0})",
            HelpName = "DAYS",
            DefaultValueFactory = _ => (int)JournalRetention.DefaultMaxAge.TotalDays,
        };
        var maxRows = new Option<long>("--max-rows")
        {
            Description = $"Keep at most the newest N entries (0 or more, default {JournalRetention.DefaultMaxRows:N0})",
            HelpName = "N",
            DefaultValueFactory = _ => JournalRetention.DefaultMaxRows,
        };
        var dryRun = CommonOptions.DryRun();
        var json = CommonOptions.Json();
        var command = new Command(
            "gc",
            "Delete old journal entries (baton events): those older than --older-than days and all but the newest --max-rows, " +
            "never those that a held lock, a claimed queue item, an untaken handoff or an unread message still needs. Sessions, " +
            "history, messages, state, locks and queues are kept whole. Deletes in changes of at most 10,000 entries, each journaled as " +
            "journal.gc with its counts. --json: {deleted, kept_in_use, remaining, dry_run, older_than_days, max_rows, seq (the last " +
            "journal.gc entry)}. Exit 2 on bad input.")
        {
            olderThan, maxRows, dryRun, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var days = parse.GetValue(olderThan);
            if (days is < 0 or > MaxDays)
            {
                throw new UserErrorException($"An --older-than of {days} days is not allowed: use 0 to {MaxDays}.");
            }

            var rows = parse.GetValue(maxRows);
            if (rows < 0)
            {
                throw new UserErrorException($"A --max-rows of {rows} is not allowed: use 0 or more.");
            }

            var preview = parse.GetValue(dryRun);
            var collected = context.Store.CollectJournal(new JournalRetention(TimeSpan.FromDays(days), rows), environment.Actor, preview);
            if (parse.GetValue(json))
            {
                context.WriteJson(new JsonObject
                {
                    ["deleted"] = collected.Deleted,
                    ["kept_in_use"] = collected.KeptInUse,
                    ["remaining"] = collected.Remaining,
                    ["dry_run"] = preview,
                    ["older_than_days"] = days,
                    ["max_rows"] = rows,
                    ["seq"] = collected.Entry?.Sequence,
                }.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{(preview ? "Would delete" : "Deleted")} {collected.Deleted:N0} journal entries older than {days} days or beyond the newest {rows:N0}; " +
                $"kept {collected.KeptInUse:N0} that open work or unread messages need; {collected.Remaining:N0} {(preview ? "are" : "remain")} in the journal."));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
