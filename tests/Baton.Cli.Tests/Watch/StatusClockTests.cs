using Baton.Cli.Watch;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using static Baton.Cli.Tests.Watch.Sessions;

namespace Baton.Cli.Tests.Watch;

public sealed class StatusClockTests
{
    private readonly StatusClock _clock = new();

    [Fact]
    public void The_last_status_entry_of_a_session_tells_since_when_its_status_holds()
    {
        _clock.Observe(Entry(1, JournalTypes.SessionStatus, "s1", -100));
        _clock.Observe(Entry(2, JournalTypes.SessionActivity, "s1", -50));
        _clock.Observe(Entry(3, JournalTypes.SessionStatus, "s1", -40));
        _clock.Observe(Entry(4, JournalTypes.SessionTask, "s1", -10));

        _clock.Since(Watched("s1", idleSeconds: 10).Session).ShouldBe(Now.AddSeconds(-40));
    }

    [Fact]
    public void Without_a_status_entry_the_wait_counts_from_the_start_of_what_was_read_or_the_last_update_if_earlier()
    {
        _clock.Since(Watched("s1", idleSeconds: 10).Session).ShouldBe(Now.AddSeconds(-10));

        _clock.StartsAt(Now.AddSeconds(-300));

        _clock.Since(Watched("s1", idleSeconds: 10).Session).ShouldBe(Now.AddSeconds(-300));
        _clock.Since(Watched("s2", idleSeconds: 900).Session).ShouldBe(Now.AddSeconds(-900));
    }

    [Fact]
    public void Sessions_no_longer_listed_are_forgotten()
    {
        _clock.Observe(Entry(1, JournalTypes.SessionStatus, "s1", -100));
        _clock.Observe(Entry(2, JournalTypes.SessionStatus, "s2", -100));

        _clock.Keep(new HashSet<string> { "s2" });

        _clock.Since(Watched("s1", idleSeconds: 10).Session).ShouldBe(Now.AddSeconds(-10));
        _clock.Since(Watched("s2", idleSeconds: 10).Session).ShouldBe(Now.AddSeconds(-100));
    }

    [Fact]
    public void Status_changes_between_two_lists_name_the_previous_status_and_count_a_vanished_session_as_exited()
    {
        var before = new[] { Watched("a").Session, Watched("b", SessionStatus.WaitingInput).Session, Watched("c").Session };
        var after = new[] { Watched("a").Session, Watched("b", SessionStatus.Running).Session, Watched("d").Session };

        var changes = StatusChange.Between(before, after);

        changes.Select(c => (c.Session.SessionId, c.Session.Status, c.Previous)).ShouldBe(
        [
            ("b", SessionStatus.Running, SessionStatus.WaitingInput),
            ("c", SessionStatus.Exited, SessionStatus.Running),
        ]);
    }

    [Fact]
    public void What_is_written_to_standard_error_while_the_dashboard_shows_becomes_lines_for_the_status_line()
    {
        using var writer = new StatusLineWriter();

        writer.Write("notify-send: not found\r\nsecond ");
        writer.Write("line");

        writer.Take().ShouldBe(["notify-send: not found", "second line"]);
        writer.Take().ShouldBeEmpty();
    }

    private static JournalEntry Entry(long sequence, string type, string sessionId, int seconds) =>
        new(sequence, type, JournalTypes.SessionSubject(sessionId), sessionId, Now.AddSeconds(seconds), null);
}
