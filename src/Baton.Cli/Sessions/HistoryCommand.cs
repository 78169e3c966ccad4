using System.CommandLine;
using System.Globalization;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts.Sessions;
using Baton.Core;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Text;
using Spectre.Console;

namespace Baton.Cli.Sessions;

/// <summary><c>baton history</c>: ended sessions by day (local dates), with the message threads each took part in.</summary>
internal static class HistoryCommand
{
    private const int DefaultDays = 7;

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var date = new Option<string?>("--date") { Description = "One day, YYYY-MM-DD (local time)" };
        var days = new Option<int?>("--days") { Description = $"The last N days, today included (default {DefaultDays})" };
        var limit = new Option<int?>("--limit") { Description = "Only the N sessions that ended last (a page)", HelpName = "N" };
        var beforeSession = new Option<string?>("--before")
        {
            Description = "Only sessions that ended before this one (id, prefix or name): give the first (oldest) session of a page to get the page before it",
            HelpName = "ID",
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "history",
            "List ended sessions by day: start, end, duration, project, branch, how each ended, the message threads it took part " +
            "in (as sender or recipient) and its task. --json adds to each session its threads: thread_id, messages (all of the " +
            "thread's), first_at, last_at and with (everyone else in it: session ids or human). Ending or pruning keeps messages. " +
            "Page a long history with --limit N, then --before the first session_id shown")
        {
            date, days, limit, beforeSession, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var (from, before) = Range(parse.GetValue(date), parse.GetValue(days), environment.Time);
            var pageSize = parse.GetValue(limit);
            if (pageSize is < 1)
            {
                throw new UserErrorException($"A --limit of {pageSize} is not allowed: use 1 or more.");
            }

            var cursor = parse.GetValue(beforeSession) is { } id ? context.Registry.Resolve(id) : null;
            var sessions = context.Registry.History(from, before, pageSize, cursor);
            var threads = context.Store.ListThreads([.. sessions.Select(s => s.SessionId)]);
            IReadOnlyList<ThreadParticipation> ThreadsOf(Session s) => threads.GetValueOrDefault(s.SessionId, []);
            if (parse.GetValue(json))
            {
                context.WriteSessions(sessions.Select(s => SessionJson.From(s) with { Threads = [.. ThreadsOf(s).Select(ThreadJson.From)] }));
                return ExitCodes.Ok;
            }

            if (sessions.Count == 0)
            {
                context.Output.WriteLine("No ended sessions in that time.");
                return ExitCodes.Ok;
            }

            var zone = environment.Time.LocalTimeZone;
            foreach (var day in sessions.GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.EndedAt!.Value, zone).DateTime)))
            {
                context.Console.MarkupLine($"[bold]{day.Key:yyyy-MM-dd}[/]");
                context.Console.Write(Table(day, zone, ThreadsOf));
            }

            if (sessions.Count == pageSize)
            {
                context.Output.WriteLine($"Earlier ones: the same command with --before {sessions[0].SessionId}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The UTC range of local days that <c>--date</c> or <c>--days</c> name.</summary>
    /// <param name="date">A YYYY-MM-DD date, or null.</param>
    /// <param name="days">A number of days, or null.</param>
    /// <param name="time">The clock and local time zone.</param>
    /// <returns>[from, before) in UTC.</returns>
    /// <exception cref="UserErrorException">Both are given, the date is malformed, or the days are out of 1–3650.</exception>
    public static (DateTimeOffset From, DateTimeOffset Before) Range(string? date, int? days, TimeProvider time)
    {
        if (date is not null && days is not null)
        {
            throw new UserErrorException("Give --date or --days, not both.");
        }

        var zone = time.LocalTimeZone;
        DateOnly first, last;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
            {
                throw new UserErrorException($"'{date}' is not a date; use YYYY-MM-DD, for example 2026-11-21.");
            }

            last = first;
        }
        else
        {
            var count = days ?? DefaultDays;
            if (count is < 1 or > 3650)
            {
                throw new UserErrorException($"--days must be between 1 and 3650, not {count}.");
            }

            last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
            first = last.AddDays(1 - count);
        }

        return (StartOfDay(first, zone), StartOfDay(last.AddDays(1), zone));
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Table Table(IEnumerable<Session> sessions, TimeZoneInfo zone, Func<Session, IReadOnlyList<ThreadParticipation>> threads)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "ID", "NAME", "PROJECT", "BRANCH", "START", "END", "DURATION", "ENDED", "THREADS", "TASK" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var s in sessions)
        {
            table.AddRow(
                [.. new[]
                {
                    SessionRegistry.ShortId(s.SessionId),
                    s.Name ?? "-",
                    s.Project ?? "-",
                    SessionTable.Branch(s),
                    Clock(s.StartedAt, zone),
                    Clock(s.EndedAt!.Value, zone),
                    Durations.Short(s.EndedAt.Value - s.StartedAt),
                    s.EndReason ?? "-",
                    threads(s) is { Count: > 0 } taken ? taken.Count.ToString(CultureInfo.InvariantCulture) : "-",
                    s.Task ?? "",
                }.Select(cell => new Text(TerminalText.Printable(cell)))]);
        }

        return table;
    }

    private static string Clock(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
