using System.Diagnostics;
using Baton.Core.Sessions;
using Baton.Platform.Processes;

namespace Baton.Platform.Tests.Processes;

public sealed class ProcessTableTests
{
    [Fact]
    public void The_current_process_is_identified_and_running()
    {
        var self = ProcessTable.Identify(Environment.ProcessId);

        self.ShouldNotBeNull();
        ProcessTable.IsRunning(self).ShouldBeTrue();
        self.StartTime.ShouldBe(ProcessTable.CurrentProcessStart());
    }

    [Fact]
    public void A_wall_clock_time_is_told_on_the_process_clock_and_never_later_than_now()
    {
        var before = ProcessTable.Now();
        var secondAgo = ProcessTable.OnProcessClock(DateTimeOffset.UtcNow.AddSeconds(-1));
        var future = ProcessTable.OnProcessClock(DateTimeOffset.UtcNow.AddMinutes(1));
        var after = ProcessTable.Now();

        secondAgo.ShouldBeInRange(before - 101, after - 99);
        future.ShouldBeInRange(before, after);
    }

    [Fact]
    public void A_reused_pid_with_another_start_time_is_not_the_same_process()
    {
        var self = ProcessTable.Identify(Environment.ProcessId)!;

        ProcessTable.IsRunning(self with { StartTicks = self.StartTicks - 500 }).ShouldBeFalse();
        ProcessTable.IsRunning(self with { StartTime = self.StartTime - 500, BootId = null, StartTicks = null }).ShouldBeFalse("recorded without its boot, by its wall-clock start");
        ProcessTable.IsRunning(self with { Host = "another-host" }).ShouldBeFalse();
    }

    [Fact]
    public void A_process_that_exited_is_no_longer_running()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var identity = ProcessTable.Identify(child.Id)!;
        ProcessTable.IsRunning(identity).ShouldBeTrue();
        ProcessTable.ParentOf(child.Id).ShouldBe(Environment.ProcessId);
        ProcessTable.CommandName(child.Id).ShouldBe("sleep");

        child.Kill();
        child.WaitForExit();

        ProcessTable.IsRunning(identity).ShouldBeFalse();
        new ProcessLiveness().IsGone(new Session { SessionId = "s", Pid = identity.Pid, ProcessStart = identity.StartTime, Host = identity.Host }).ShouldBeTrue();
    }

    [Fact]
    public void A_liveness_snapshot_looks_at_each_process_once_and_keeps_that_answer_for_its_listing()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var identity = ProcessTable.Identify(child.Id)!;
        var first = new Session { SessionId = "a", Pid = identity.Pid, ProcessStart = identity.StartTime, Host = identity.Host };
        var second = first with { SessionId = "b" };
        var snapshot = new ProcessLiveness().Snapshot();
        snapshot.IsGone(first).ShouldBeFalse();

        child.Kill();
        child.WaitForExit();

        snapshot.IsGone(second).ShouldBeFalse("the snapshot read this process once, while it ran");
        new ProcessLiveness().IsGone(second).ShouldBeTrue();
        new ProcessLiveness().Snapshot().IsGone(second).ShouldBeTrue();
        snapshot.IsGone(first with { ProcessStart = identity.StartTime - 500 }).ShouldBeTrue("another start time is another process");
    }
}
