using System.Globalization;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Platform.Tests.Processes;

/// <summary>Liveness through a <c>/proc</c> tree the test lays out, whose <c>btime</c> (the wall-clock boot time, moved by a
/// step of the system clock) the test steps.</summary>
public sealed class ProcessClockTests : IDisposable
{
    private const int Pid = 4242;
    private const long BootTime = 1_764_900_000;
    private const long StartTicks = 123_456;
    private readonly TempDirectory _proc = TempDirectory.Create("baton-proc-");
    private readonly ProcessClock _clock;

    public ProcessClockTests()
    {
        _clock = new ProcessClock(_proc.Path);
        SetBootTime(BootTime);
        SetBootId("4f1c2d3e-0000-4000-8000-000000000001");
        SetProcess(Pid, StartTicks);
    }

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void A_session_stays_live_through_wall_clock_steps_either_way()
    {
        var identity = _clock.Identify(Pid, ThisProcess.HostName).ShouldNotBeNull();
        var session = new Session { SessionId = "s" }.RunningAs(identity);
        var liveness = new ProcessLiveness(_clock);
        identity.StartTime.ShouldBe((BootTime * 100) + StartTicks);

        SetBootTime(BootTime + 3_600);
        liveness.IsGone(session).ShouldBeFalse("an hour's step forward");
        SetBootTime(BootTime - 86_400);
        liveness.IsGone(session).ShouldBeFalse("a day's step back");

        _clock.Identify(Pid, ThisProcess.HostName)!.StartTime.ShouldBe(((BootTime - 86_400) * 100) + StartTicks, "the wall-clock start moved with the step");
        _clock.IsRunning(identity with { BootId = null, StartTicks = null }).ShouldBeFalse("judged by wall-clock start, a stepped clock loses the process");
        _clock.Identify(Pid, ThisProcess.HostName)!.IsSameProcess(identity).ShouldBeTrue("a hook reading its claude after the step names the recorded process");
    }

    [Fact]
    public void A_reused_pid_or_a_new_boot_is_another_process()
    {
        var session = new Session { SessionId = "s" }.RunningAs(_clock.Identify(Pid, ThisProcess.HostName)!);
        var liveness = new ProcessLiveness(_clock);

        SetProcess(Pid, StartTicks + 1);
        liveness.IsGone(session).ShouldBeTrue("the pid was reused by a later process");

        SetProcess(Pid, StartTicks);
        SetBootId("4f1c2d3e-0000-4000-8000-000000000002");
        liveness.IsGone(session).ShouldBeTrue("the machine rebooted; the same ticks are another process");

        File.Delete(Path.Combine(_proc.Path, Pid.ToString(CultureInfo.InvariantCulture), "stat"));
        liveness.IsGone(session with { ProcessBootId = null, ProcessStartTicks = null }).ShouldBeTrue("no such process");
    }

    [Theory]
    [InlineData("Z")]
    [InlineData("X")]
    public void A_process_that_exited_and_waits_to_be_reaped_is_gone(string state)
    {
        var session = new Session { SessionId = "s" }.RunningAs(_clock.Identify(Pid, ThisProcess.HostName)!);
        var liveness = new ProcessLiveness(_clock);

        SetProcess(Pid, StartTicks, state);

        liveness.IsGone(session).ShouldBeTrue("its claude exited; only its parent has not reaped it yet");
        _clock.Identify(Pid, ThisProcess.HostName).ShouldBeNull();
    }

    [Fact]
    public async Task A_real_zombie_is_gone_while_its_parent_keeps_it_unreaped()
    {
        // The inner sleep's parent becomes the outer sleep (sh execs it), which never waits: the child stays a zombie.
        using var parent = new System.Diagnostics.Process
        {
            StartInfo = new System.Diagnostics.ProcessStartInfo("sh", ["-c", "sleep 0.3 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true },
        };
        parent.Start();
        try
        {
            var child = int.Parse(parent.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
            await Eventually.Until(() => ProcessClock.System.StatFields(child) is ["Z", ..], TimeSpan.FromSeconds(10), "the child exits unreaped");

            ProcessTable.Identify(child).ShouldBeNull();
        }
        finally
        {
            parent.Kill();
            parent.WaitForExit();
        }
    }

    [Fact]
    public void This_machines_processes_are_identified_with_their_boot()
    {
        var self = ProcessTable.Identify(Environment.ProcessId).ShouldNotBeNull();

        self.BootId.ShouldBe(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim());
        self.StartTicks.ShouldNotBeNull();
        ProcessTable.IsRunning(self).ShouldBeTrue();
    }

    private void SetBootTime(long seconds) =>
        File.WriteAllText(Path.Combine(_proc.Path, "stat"), $"cpu  1 2 3 4\nintr 0\nbtime {seconds}\nprocesses 9\n");

    private void SetBootId(string id)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_proc.Path, "sys", "kernel", "random")).FullName;
        File.WriteAllText(Path.Combine(folder, "boot_id"), id + "\n");
    }

    private void SetProcess(int pid, long startTicks, string state = "S")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_proc.Path, pid.ToString(CultureInfo.InvariantCulture))).FullName;
        var fields = Enumerable.Repeat("0", 50).ToArray();
        fields[0] = state;
        fields[1] = "1";
        fields[19] = startTicks.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, "stat"), $"{pid} (claude (main)) {string.Join(' ', fields)}\n");
    }
}
