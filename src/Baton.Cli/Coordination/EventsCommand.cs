using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Cli.Coordination;

/// <summary><c>baton events [--since SEQ] [--type T] [--session ID] [--limit N] [--follow [--follow-seconds S]]</c>: reads
/// the journal, every kind of entry; the CLI twin of the MCP tool <c>events</c>. With <c>--follow</c> it keeps printing new
/// entries as the store changes (a <see cref="StoreFollower"/>), until Ctrl-C, SIGTERM or the bound.</summary>
internal static class EventsCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var since = new Option<long?>("--since") { Description = "Only entries after this sequence number (the seq of the last entry you saw)", HelpName = "SEQ" };
        var type = new Option<string?>("--type") { Description = "Only entry types matching this glob, for example 'lock.*' or 'event.deploy'", HelpName = "T" };
        var session = new Option<string?>("--session") { Description = "Only entries by this actor: a session id, id prefix or name, or human", HelpName = "ID" };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many entries (1 to 1000): the first ones after --since, else the latest; with --follow, the latest shown before following",
            HelpName = "N",
            DefaultValueFactory = _ => 100,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries as they are appended, until Ctrl-C or SIGTERM" };
        var followSeconds = new Option<int?>("--follow-seconds") { Description = "With --follow: stop after this many seconds", HelpName = "S" };
        var json = CommonOptions.Json();
        var command = new Command(
            "events",
            "Show the journal: every change to sessions, state, locks, queues, handoffs, and events logged by agents (types event.*). " +
            "Each entry: seq, time (UTC), type, subject, actor, data. --json: an array of {seq, at, type, subject, actor, data}; " +
            "with --follow, one such object per line (JSON Lines). Exit 2 on bad input.")
        {
            since, type, session, limit, follow, followSeconds, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var actor = parse.GetValue(session) is { } who ? Actor(context, who) : null;
            var pattern = parse.GetValue(type);
            if (!parse.GetValue(follow))
            {
                if (parse.GetValue(followSeconds) is not null)
                {
                    throw new UserErrorException("--follow-seconds goes with --follow.");
                }

                var entries = coordinator.Events(parse.GetValue(since), pattern, actor, parse.GetValue(limit));
                if (parse.GetValue(json))
                {
                    context.WriteJson(entries.Select(EventJson.From).ToList(), ContractJson.Default.ListEventJson);
                }
                else
                {
                    foreach (var entry in entries)
                    {
                        context.Output.WriteLine(Line(entry));
                    }
                }

                return ExitCodes.Ok;
            }

            if (parse.GetValue(followSeconds) is < 1)
            {
                throw new UserErrorException($"A --follow-seconds of {parse.GetValue(followSeconds)} is not allowed: use 1 or more.");
            }

            Follow(context, coordinator, parse.GetValue(since), pattern, actor, parse.GetValue(limit), parse.GetValue(json), parse.GetValue(followSeconds));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One entry as a line of text: seq, time, type, subject, actor (short), data.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The line.</returns>
    public static string Line(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{entry.Sequence,6}  {CoordinationJournalTypes.FormatTime(entry.At)}  {entry.Type,-20}  {entry.Subject}  {CoordinationCli.Who(entry.Actor)}{(entry.Origin is { } origin ? " (" + origin + ")" : "")}") +
            (entry.Data is { } data ? "  " + CoordinationCli.Shorten(data, 400) : "");
    }

    private static void Follow(CliContext context, Coordinator coordinator, long? since, string? pattern, string? actor, int limit, bool json, int? seconds)
    {
        long last;
        if (since is { } after)
        {
            // Validates the arguments before following.
            coordinator.Events(after, pattern, actor, 1);
            last = after;
        }
        else
        {
            // The end of the journal first, then the latest matches: an entry appended in between is printed once, not lost.
            var end = coordinator.Events(limit: 1) is [var newest] ? newest.Sequence : 0;
            var latest = coordinator.Events(null, pattern, actor, limit);
            Print(context, latest, json);
            last = Math.Max(end, latest.Count > 0 ? latest[^1].Sequence : 0);
        }

        using var stop = new StopSignal(seconds is { } bound ? TimeSpan.FromSeconds(bound) : null);
        using var changes = StoreFollower.Open(context.Environment.Stores, context.Environment.Time, out _);
        while (!stop.Token.IsCancellationRequested)
        {
            var batch = coordinator.Events(last, pattern, actor, CoordinationLimits.MaxListLimit);
            Print(context, batch, json);
            if (batch.Count > 0)
            {
                last = batch[^1].Sequence;
            }

            if (batch.Count < CoordinationLimits.MaxListLimit)
            {
                WaitForChange(changes, stop.Token);
            }
        }
    }

    private static void WaitForChange(StoreFollower changes, CancellationToken stop)
    {
        try
        {
            changes.WaitAsync(changes.Fallback, stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static void Print(CliContext context, IReadOnlyList<JournalEntry> entries, bool json)
    {
        foreach (var entry in entries)
        {
            context.Output.WriteLine(json ? JsonSerializer.Serialize(EventJson.From(entry), ContractJson.CompactInfo<EventJson>()) : Line(entry));
        }

        context.Output.Flush();
    }

    /// <summary>The actor to filter by: <c>human</c>, a session's full id found by id, prefix or name, or the text as given
    /// (an actor that never registered as a session).</summary>
    private static string Actor(CliContext context, string who)
    {
        if (who == SessionRegistry.HumanActor || context.Store.GetSession(who) is not null)
        {
            return who;
        }

        return context.Store.FindSessions(who).Count switch
        {
            0 => who,
            _ => context.Registry.Resolve(who).SessionId,
        };
    }
}
