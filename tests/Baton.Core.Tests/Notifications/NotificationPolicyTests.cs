using Baton.Core.Notifications;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Notifications;

public sealed class NotificationPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(SessionStatus.Running, SessionStatus.WaitingPermission)]
    [InlineData(SessionStatus.Running, SessionStatus.WaitingInput)]
    [InlineData(SessionStatus.Starting, SessionStatus.WaitingInput)]
    [InlineData(SessionStatus.Exited, SessionStatus.WaitingInput)]
    [InlineData(SessionStatus.WaitingInput, SessionStatus.WaitingPermission)]
    [InlineData(SessionStatus.WaitingPermission, SessionStatus.WaitingInput)]
    public void A_change_into_a_waiting_status_is_notified(SessionStatus from, SessionStatus to) =>
        NotificationPolicy.ShouldNotify(from, to, lastNotifiedAt: null, Now, Interval).ShouldBeTrue();

    [Fact]
    public void A_session_first_seen_waiting_is_notified() =>
        NotificationPolicy.ShouldNotify(null, SessionStatus.WaitingPermission, null, Now, Interval).ShouldBeTrue();

    [Theory]
    [InlineData(SessionStatus.WaitingInput)]
    [InlineData(SessionStatus.WaitingPermission)]
    public void The_same_waiting_status_again_is_not_notified(SessionStatus status) =>
        NotificationPolicy.ShouldNotify(status, status, null, Now, Interval).ShouldBeFalse();

    [Theory]
    [InlineData(SessionStatus.WaitingInput, SessionStatus.Running)]
    [InlineData(SessionStatus.Running, SessionStatus.Exited)]
    [InlineData(SessionStatus.Starting, SessionStatus.Running)]
    public void A_change_into_any_other_status_is_not_notified(SessionStatus from, SessionStatus to) =>
        NotificationPolicy.ShouldNotify(from, to, null, Now, Interval).ShouldBeFalse();

    [Fact]
    public void A_second_notification_for_a_session_within_the_interval_is_held_back() =>
        NotificationPolicy.ShouldNotify(SessionStatus.Running, SessionStatus.WaitingInput, Now.AddSeconds(-29), Now, Interval).ShouldBeFalse();

    [Fact]
    public void A_notification_once_the_interval_has_passed_is_sent() =>
        NotificationPolicy.ShouldNotify(SessionStatus.Running, SessionStatus.WaitingInput, Now.AddSeconds(-30), Now, Interval).ShouldBeTrue();

    [Fact]
    public void A_zero_interval_never_holds_back() =>
        NotificationPolicy.ShouldNotify(SessionStatus.Running, SessionStatus.WaitingInput, Now, Now, TimeSpan.Zero).ShouldBeTrue();

    [Fact]
    public void A_last_notification_in_the_future_after_a_clock_change_does_not_silence_the_session() =>
        NotificationPolicy.ShouldNotify(SessionStatus.Running, SessionStatus.WaitingInput, Now.AddHours(1), Now, Interval).ShouldBeTrue();
}
