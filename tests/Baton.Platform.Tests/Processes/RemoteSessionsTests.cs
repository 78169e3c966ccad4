using Baton.Core.Sessions;
using Baton.Platform.Processes;

namespace Baton.Platform.Tests.Processes;

public sealed class RemoteSessionsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void A_session_on_another_host_is_judged_by_its_silence_stale_then_gone()
    {
        var heard = Remote(Now - TimeSpan.FromMinutes(1));
        var quiet = Remote(Now - RemoteSessions.StaleAfter - TimeSpan.FromMinutes(1));
        var silent = Remote(Now - RemoteSessions.GoneAfter - TimeSpan.FromMinutes(1));

        RemoteSessions.IsStale(heard, Now).ShouldBeFalse();
        RemoteSessions.IsStale(quiet, Now).ShouldBeTrue();
        RemoteSessions.IsGone(quiet, Now).ShouldBeFalse();
        RemoteSessions.IsGone(silent, Now).ShouldBeTrue();
        new ProcessLiveness().IsGone(heard).ShouldBeFalse();
        new ProcessLiveness().IsGone(silent).ShouldBeTrue("any machine's housekeeping may end it and release its work");
    }

    [Fact]
    public void A_session_of_this_host_is_never_judged_by_silence()
    {
        var local = Remote(Now - RemoteSessions.GoneAfter - TimeSpan.FromHours(1)) with { Host = ThisProcess.HostName, Pid = null };

        RemoteSessions.IsRemote(local).ShouldBeFalse();
        RemoteSessions.IsStale(local, Now).ShouldBeFalse();
        new ProcessLiveness().IsGone(local).ShouldBeFalse("without a pid nothing says it is gone");
    }

    private static Session Remote(DateTimeOffset updatedAt) => new()
    {
        SessionId = "r",
        Host = "elsewhere-" + ThisProcess.HostName,
        Pid = 4242,
        ProcessStart = 1,
        StartedAt = updatedAt,
        UpdatedAt = updatedAt,
    };
}
