using System.Diagnostics;

namespace Baton.Platform.Tests.Notifications;

/// <summary>
/// A folder to use as the whole PATH, holding fake notification programs (shell scripts) that log their arguments,
/// so no test ever shows a real desktop notification. Deleted on dispose.
/// </summary>
internal sealed class FakeNotifyProgram : IDisposable
{
    public FakeNotifyProgram()
    {
        Root = Directory.CreateTempSubdirectory("baton-notify-").FullName;
        Bin = Directory.CreateDirectory(Path.Combine(Root, "bin")).FullName;
        CallsPath = Path.Combine(Root, "calls.txt");
    }

    public string Root { get; }

    /// <summary>The folder to pass as the search path.</summary>
    public string Bin { get; }

    /// <summary>Each call appends its arguments, one a line, then a line <c>--end--</c>.</summary>
    public string CallsPath { get; }

    /// <summary>A program that logs its arguments and exits 0.</summary>
    public string AddRecorder(string name) => Add(name, $"for a in \"$@\"; do printf '%s\\n' \"$a\" >> '{CallsPath}'; done\nprintf '%s\\n' '--end--' >> '{CallsPath}'\n");

    /// <summary>A program that writes its pid to <paramref name="pidFile"/> and then sleeps 60 s.</summary>
    public string AddSleeper(string name, string pidFile) => Add(name, $"echo $$ > '{pidFile}'\nexec sleep 60\n");

    /// <summary>A program that fails with a message on stderr.</summary>
    public string AddFailure(string name) => Add(name, "echo 'no session bus' >&2\nexit 1\n");

    /// <summary>The logged calls, each the list of its arguments.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls()
    {
        if (!File.Exists(CallsPath))
        {
            return [];
        }

        var calls = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var line in File.ReadAllLines(CallsPath))
        {
            if (line == "--end--")
            {
                calls.Add(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string Add(string name, string script)
    {
        // Written beside, then copied by cp: this process never holds the program open for writing, so a fork by a
        // test running in parallel cannot make exec fail with "Text file busy".
        var source = Path.Combine(Root, name + ".src");
        File.WriteAllText(source, "#!/bin/sh\n" + script);
        var target = Path.Combine(Bin, name);
        using (var copy = Process.Start(new ProcessStartInfo("/bin/cp") { ArgumentList = { source, target } })!)
        {
            copy.WaitForExit();
            copy.ExitCode.ShouldBe(0);
        }

        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return target;
    }
}
