using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void Get_session_returns_null_for_an_unknown_id()
    {
        Store.GetSession("no-such-session").ShouldBeNull();
    }

    [Fact]
    public void A_session_with_every_field_set_reads_back_equal()
    {
        var session = Full("0f8e2c1a-6a7b-4c3d-9e0f-123456789abc");

        Put(session);

        Store.GetSession(session.SessionId).ShouldBe(session);
    }

    [Fact]
    public void A_session_with_every_nullable_field_null_reads_back_equal()
    {
        var session = Minimal("1a2b3c4d-0000-4000-8000-000000000001");

        Put(session);

        var read = Store.GetSession(session.SessionId).ShouldNotBeNull();
        read.ShouldBe(session);
        read.Name.ShouldBeNull();
        read.Dirty.ShouldBeNull();
        read.Pid.ShouldBeNull();
        read.ProcessStart.ShouldBeNull();
        read.EndedAt.ShouldBeNull();
        read.IsEnded.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    public void Dirty_reads_back_as_null_true_or_false(bool? dirty)
    {
        Put(Minimal("s") with { Dirty = dirty });

        Store.GetSession("s").ShouldNotBeNull().Dirty.ShouldBe(dirty);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(27_870_976_217_603L)]
    [InlineData(long.MaxValue)]
    public void Event_order_reads_back_exactly_even_when_large(long order)
    {
        Put(Minimal("s") with { EventOrder = order, ProcessStart = order });

        var read = Store.GetSession("s").ShouldNotBeNull();
        read.EventOrder.ShouldBe(order);
        read.ProcessStart.ShouldBe(order);
    }

    [Theory]
    [InlineData(SessionStatus.Starting)]
    [InlineData(SessionStatus.Running)]
    [InlineData(SessionStatus.WaitingInput)]
    [InlineData(SessionStatus.WaitingPermission)]
    [InlineData(SessionStatus.Exited)]
    public void Every_status_reads_back(SessionStatus status)
    {
        Put(Minimal("s") with { Status = status });

        Store.GetSession("s").ShouldNotBeNull().Status.ShouldBe(status);
    }

    [Fact]
    public void Times_read_back_to_the_millisecond_in_utc()
    {
        var started = new DateTimeOffset(2031, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);
        var updatedElsewhere = new DateTimeOffset(2032, 1, 1, 3, 0, 0, 1, TimeSpan.FromHours(2));
        Put(Minimal("s") with { StartedAt = started, UpdatedAt = updatedElsewhere, EndedAt = started.AddMilliseconds(1) });

        var read = Store.GetSession("s").ShouldNotBeNull();

        read.StartedAt.ShouldBe(started);
        read.UpdatedAt.ShouldBe(updatedElsewhere);
        read.EndedAt.ShouldBe(started.AddMilliseconds(1));
        read.StartedAt.Offset.ShouldBe(TimeSpan.Zero);
        read.UpdatedAt.Offset.ShouldBe(TimeSpan.Zero);
        read.EndedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void An_update_replaces_every_field_including_set_ones_with_null()
    {
        Put(Full("s"));
        var cleared = Minimal("s", T0.AddMinutes(5));

        Put(cleared);

        Store.GetSession("s").ShouldBe(cleared);
    }

    [Fact]
    public void Session_ids_are_matched_exactly_and_case_sensitively()
    {
        Put(Minimal("abc") with { Name = "lower" });
        Put(Minimal("ABC") with { Name = "upper" });

        Store.GetSession("abc").ShouldNotBeNull().Name.ShouldBe("lower");
        Store.GetSession("ABC").ShouldNotBeNull().Name.ShouldBe("upper");
        Store.GetSession("ab").ShouldBeNull();
        Store.ListSessions(Baton.Core.Storage.SessionFilter.All).Count.ShouldBe(2);
    }
}
