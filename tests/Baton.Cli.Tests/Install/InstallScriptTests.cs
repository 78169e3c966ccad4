using Baton.Testing;

namespace Baton.Cli.Tests.Install;

/// <summary><c>install.sh --no-build</c> (the wiring part of the install: hooks, MCP, server, doctor, the summary) with a
/// throwaway HOME and a PATH without claude: it finishes, says what is still missing and prints the PATH hint.</summary>
public sealed class InstallScriptTests : IDisposable
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public InstallScriptTests() => _baton = new BatonCli(_sandbox);

    [Fact]
    public async Task Install_without_claude_finishes_and_says_what_is_missing_and_how_to_reach_baton()
    {
        // Given a PATH with a shell and its tools but neither claude nor systemctl (so the server starts in the background)
        var bin = _sandbox.CreateDirectory("bin");
        foreach (var tool in new[] { "bash", "sh", "dirname", "env", "tmux" })
        {
            if (ExecutableOn(tool) is { } found)
            {
                File.CreateSymbolicLink(Path.Combine(bin, tool), found);
            }
        }

        var environment = _baton.Environment();
        environment["PATH"] = bin;
        environment["BATON"] = BatonCli.ExecutablePath;
        environment["DOTNET_ROOT"] = Path.GetDirectoryName(new FileInfo(ExecutableOn("dotnet")!).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ExecutableOn("dotnet")!);

        // When the install wires the already built baton
        var installed = await ProcessRunner.RunAsync("/bin/bash", [Path.Combine(RepoPaths.Root, "install.sh"), "--no-build"], new ProcessRunOptions
        {
            Environment = environment,
            WorkingDirectory = _sandbox.Root,
            Timeout = TimeSpan.FromSeconds(120),
        });
        await _baton.RunAsync("serve", "stop");

        // Then it finished, doctor ran, and the summary names claude and the PATH step
        installed.ExitCode.ShouldBe(0, installed.StdOut + installed.StdErr);
        installed.StdOut.ShouldContain("not found on PATH", customMessage: installed.StdOut);
        installed.StdOut.ShouldContain("install.sh: Baton is installed: " + BatonCli.ExecutablePath);
        installed.StdOut.ShouldContain("install.sh: still missing: claude (npm install -g @anthropic-ai/claude-code)");
        installed.StdOut.ShouldContain($"install.sh: add {Path.GetDirectoryName(BatonCli.ExecutablePath)} to your PATH");
        File.Exists(Path.Combine(_sandbox.Home, ".claude", "settings.json")).ShouldBeTrue("hooks were installed");
    }

    public void Dispose() => _sandbox.Dispose();

    private static string? ExecutableOn(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
