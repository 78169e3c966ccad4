using Baton.Testing;

namespace Baton.Cli.Tests.Hooks;

/// <summary>
/// The wake and delivering hooks through <c>baton-relay</c> and a real resident server (<c>baton serve</c>). The relay's
/// own fallback is pointed at <c>/bin/false</c>, so a call the server did not answer fails the test instead of being
/// recorded by a <c>baton hook</c> process.
/// </summary>
public sealed class RelayedWakeHookTests : WakeHookContract, IAsyncLifetime
{
    private readonly BatonCli _baton;
    private ResidentServerProcess? _server;

    public RelayedWakeHookTests() => _baton = new BatonCli(Sandbox);

    public async Task InitializeAsync()
    {
        _server = await ResidentServerProcess.StartAsync(Sandbox);
        RegisterIdleSession();
    }

    public async Task DisposeAsync()
    {
        var status = _server is null ? null : await _server.StatusAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        status.ShouldNotBeNull("the server still ran at the end");
        status["hooks"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(2, "the server answered the hook calls");
    }

    protected override Task<ProcessResult> RunHook(string[] hookArgs, string payload, IDictionary<string, string?>? environment) =>
        _baton.RelayAsync(hookArgs, payload, Sandbox.Root, environment, baton: "/bin/false");
}
