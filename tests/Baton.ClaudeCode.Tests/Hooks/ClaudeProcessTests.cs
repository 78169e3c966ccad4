using System.Diagnostics;
using Baton.ClaudeCode.Hooks;
using Baton.Platform.Processes;

namespace Baton.ClaudeCode.Tests.Hooks;

public sealed class ClaudeProcessTests
{
    [Fact]
    public void A_hook_orphaned_to_init_has_no_claude()
    {
        ClaudeProcess.Above(1).ShouldBeNull();
        ClaudeProcess.Above(0).ShouldBeNull();
    }

    [Fact]
    public void A_shell_between_is_skipped_to_the_process_that_started_it()
    {
        using var shell = Start("sh", "-c", "sleep 60; true");
        try
        {
            ClaudeProcess.Above(shell.Id)!.Pid.ShouldBe(Environment.ProcessId);
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void A_shell_whose_claude_exited_has_no_claude_rather_than_itself()
    {
        // An outer shell starts an inner one in the background and exits: the inner one is adopted by init, as a hook's
        // shell or relay is when claude exits before the hook looks.
        using var outer = Start("sh", "-c", "sh -c 'sleep 60; true' & echo $!");
        var inner = int.Parse(outer.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        outer.WaitForExit();
        try
        {
            ProcessTable.ParentOf(inner).ShouldBe(1, "no subreaper adopts orphans on this machine");
            ClaudeProcess.Above(inner).ShouldBeNull();
        }
        finally
        {
            Process.GetProcessById(inner).Kill(entireProcessTree: true);
        }
    }

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
