using Baton.Testing;

namespace Baton.Cli.Tests.Hooks;

/// <summary>The wake and delivering hooks as <c>baton hook</c> processes of their own (no resident server).</summary>
public sealed class WakeHookProcessTests : WakeHookContract
{
    private readonly BatonCli _baton;

    public WakeHookProcessTests()
    {
        _baton = new BatonCli(Sandbox);
        RegisterIdleSession();
    }

    protected override Task<ProcessResult> RunHook(string[] hookArgs, string payload, IDictionary<string, string?>? environment) =>
        _baton.RunAsync(["hook", .. hookArgs], payload, workingDirectory: Sandbox.Root, environment: environment);
}
