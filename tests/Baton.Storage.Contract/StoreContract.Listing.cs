using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void List_open_returns_only_open_sessions_oldest_start_first()
    {
        Put(Minimal("c", T0.AddMinutes(3)));
        Put(Minimal("a", T0.AddMinutes(1)));
        Put(Minimal("ended", T0) with { EndedAt = T0.AddMinutes(10), EndReason = "other" });
        Put(Minimal("b", T0.AddMinutes(2)));

        Store.ListSessions(SessionFilter.Open).Select(s => s.SessionId).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void List_all_returns_open_and_ended_sessions_oldest_start_first()
    {
        Put(Minimal("c", T0.AddMinutes(3)) with { EndedAt = T0.AddMinutes(4) });
        Put(Minimal("a", T0.AddMinutes(1)));
        Put(Minimal("b", T0.AddMinutes(2)) with { EndedAt = T0.AddMinutes(9) });
        Put(Minimal("d", T0.AddMinutes(4)));

        Store.ListSessions(SessionFilter.All).Select(s => s.SessionId).ShouldBe(["a", "b", "c", "d"]);
    }

    [Fact]
    public void Read_sessions_yields_the_listing_one_session_at_a_time_in_the_same_order()
    {
        Put(Minimal("c", T0.AddMinutes(3)) with { EndedAt = T0.AddMinutes(4) });
        Put(Minimal("a", T0.AddMinutes(1)));
        Put(Minimal("b", T0.AddMinutes(2)));

        using var sessions = Store.ReadSessions(SessionFilter.All).GetEnumerator();
        sessions.MoveNext().ShouldBeTrue();
        sessions.Current.SessionId.ShouldBe("a");

        Store.ReadSessions(SessionFilter.All).ShouldBe(Store.ListSessions(SessionFilter.All));
        Store.ReadSessions(SessionFilter.Open).Select(s => s.SessionId).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void The_sessions_that_ended_last_page_backwards_from_a_cursor_without_losing_a_tie()
    {
        Put(Minimal("open", T0));
        Put(Minimal("a", T0.AddMinutes(1)) with { EndedAt = T0.AddHours(1) });
        Put(Minimal("c", T0.AddMinutes(2)) with { EndedAt = T0.AddHours(2) });
        Put(Minimal("b", T0.AddMinutes(3)) with { EndedAt = T0.AddHours(2) });
        Put(Minimal("d", T0.AddMinutes(4)) with { EndedAt = T0.AddHours(3) });
        var ended = new SessionFilter(false, true);

        Store.ListSessions(ended with { LastEnded = 2 }).Select(s => s.SessionId).ShouldBe(["c", "d"]);
        Store.ListSessions(ended with { EndedBefore = T0.AddHours(2), EndedBeforeId = "c", LastEnded = 2 }).Select(s => s.SessionId).ShouldBe(["a", "b"]);
        Store.ListSessions(ended with { EndedBefore = T0.AddHours(2), LastEnded = 2 }).Select(s => s.SessionId).ShouldBe(["a"]);
        Store.ListSessions(ended with { EndedBefore = T0.AddHours(1), EndedBeforeId = "a", LastEnded = 2 }).ShouldBeEmpty();
        Store.ListSessions(ended with { LastEnded = 0 }).ShouldBeEmpty();
        Store.ReadSessions(ended with { LastEnded = 3 }).Select(s => s.SessionId).ShouldBe(["c", "b", "d"]);
    }

    [Fact]
    public void Ended_between_includes_the_lower_bound_and_excludes_the_upper_bound()
    {
        var from = T0.AddHours(1);
        var before = T0.AddHours(2);
        Put(Minimal("open", T0));
        Put(Minimal("just-before", T0.AddMinutes(1)) with { EndedAt = from.AddMilliseconds(-1) });
        Put(Minimal("at-from", T0.AddMinutes(2)) with { EndedAt = from });
        Put(Minimal("inside", T0.AddMinutes(3)) with { EndedAt = from.AddMinutes(30) });
        Put(Minimal("last-ms", T0.AddMinutes(4)) with { EndedAt = before.AddMilliseconds(-1) });
        Put(Minimal("at-before", T0.AddMinutes(5)) with { EndedAt = before });

        Store.ListSessions(SessionFilter.EndedBetween(from, before)).Select(s => s.SessionId).ShouldBe(["at-from", "inside", "last-ms"]);
    }

    [Fact]
    public void An_ended_filter_with_one_bound_limits_only_that_side()
    {
        Put(Minimal("open", T0));
        Put(Minimal("early", T0.AddMinutes(1)) with { EndedAt = T0.AddHours(1) });
        Put(Minimal("late", T0.AddMinutes(2)) with { EndedAt = T0.AddHours(3) });

        Store.ListSessions(new SessionFilter(false, true, EndedFrom: T0.AddHours(2))).Select(s => s.SessionId).ShouldBe(["late"]);
        Store.ListSessions(new SessionFilter(false, true, EndedBefore: T0.AddHours(2))).Select(s => s.SessionId).ShouldBe(["early"]);
        Store.ListSessions(new SessionFilter(false, true)).Select(s => s.SessionId).ShouldBe(["early", "late"]);
        Store.ListSessions(new SessionFilter(true, true, EndedFrom: T0.AddHours(2))).Select(s => s.SessionId).ShouldBe(["open", "late"]);
        Store.ListSessions(new SessionFilter(false, false)).ShouldBeEmpty();
    }

    [Fact]
    public void A_reopened_session_lists_as_open_again()
    {
        var ended = Minimal("s") with { EndedAt = T0.AddMinutes(1), EndReason = "other" };
        Put(ended);
        Store.ListSessions(SessionFilter.Open).ShouldBeEmpty();

        Put(ended with { EndedAt = null, EndReason = null });

        Store.ListSessions(SessionFilter.Open).ShouldHaveSingleItem().SessionId.ShouldBe("s");
        Store.ListSessions(SessionFilter.EndedBetween(T0, T0.AddDays(1))).ShouldBeEmpty();
    }

    [Fact]
    public void Find_sessions_matches_an_id_prefix_and_the_full_id()
    {
        Put(Minimal("7f3a9c21-aaaa", T0));
        Put(Minimal("7f3a0000-bbbb", T0.AddMinutes(1)));
        Put(Minimal("8e000000-cccc", T0.AddMinutes(2)));

        Store.FindSessions("7f3a").Select(s => s.SessionId).ShouldBe(["7f3a9c21-aaaa", "7f3a0000-bbbb"], ignoreOrder: true);
        Store.FindSessions("7f3a9").ShouldHaveSingleItem().SessionId.ShouldBe("7f3a9c21-aaaa");
        Store.FindSessions("8e000000-cccc").ShouldHaveSingleItem().SessionId.ShouldBe("8e000000-cccc");
        Store.FindSessions("aaaa").ShouldBeEmpty();
        Store.FindSessions("9").ShouldBeEmpty();
    }

    [Fact]
    public void Find_sessions_matches_a_name_exactly_and_includes_ended_sessions()
    {
        Put(Minimal("1111", T0) with { Name = "reviewer" });
        Put(Minimal("2222", T0.AddMinutes(1)) with { Name = "reviewer", EndedAt = T0.AddMinutes(2) });
        Put(Minimal("3333", T0.AddMinutes(2)) with { Name = "reviewer-2" });

        Store.FindSessions("reviewer").Select(s => s.SessionId).ShouldBe(["1111", "2222"], ignoreOrder: true);
        Store.FindSessions("review").ShouldBeEmpty();
        Store.FindSessions("reviewer-2").ShouldHaveSingleItem().SessionId.ShouldBe("3333");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("[")]
    public void Find_sessions_takes_wildcard_characters_literally(string wildcard)
    {
        Put(Minimal("ab" + wildcard + "cd", T0));
        Put(Minimal("abXcd", T0.AddMinutes(1)));
        Put(Minimal("ab", T0.AddMinutes(2)) with { Name = "x" + wildcard });
        Put(Minimal("zz", T0.AddMinutes(3)) with { Name = "xy" });

        Store.FindSessions("ab" + wildcard).ShouldHaveSingleItem().SessionId.ShouldBe("ab" + wildcard + "cd");
        Store.FindSessions(wildcard).ShouldBeEmpty();
        Store.FindSessions("x" + wildcard).ShouldHaveSingleItem().SessionId.ShouldBe("ab");
        Store.FindSessions("ab" + wildcard + "c").ShouldHaveSingleItem().SessionId.ShouldBe("ab" + wildcard + "cd");
    }

    [Fact]
    public void Find_sessions_matches_id_prefixes_case_sensitively()
    {
        Put(Minimal("abcdef", T0));

        Store.FindSessions("abc").ShouldHaveSingleItem();
        Store.FindSessions("ABC").ShouldBeEmpty();
    }

    [Fact]
    public void Find_sessions_returns_nothing_for_unknown_text()
    {
        Put(Minimal("abc") with { Name = "n" });

        Store.FindSessions("zzz").ShouldBeEmpty();
    }
}
