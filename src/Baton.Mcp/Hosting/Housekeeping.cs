using Baton.Core.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Hosting;

/// <summary>
/// The server's background work: at start it signs its session on (a server run by a person, without a session id, does not;
/// the sign-on record is removed again when the server stops) (see <see cref="SignOn"/>; tool calls wait for that, see
/// <see cref="WaitForStartAsync"/>), then it runs the <see cref="AbandonedWorkSweep"/> at once and every
/// <see cref="BatonMcpOptions.SweepInterval"/>, releasing the locks and claims of sessions that ended, whose process is gone
/// or that stayed silent past <see cref="BatonMcpOptions.HeartbeatLimit"/>.
/// Failures are logged (stderr and Baton's log) and never stop the server.
/// </summary>
internal sealed class Housekeeping : BackgroundService
{
    /// <summary>How long a tool call waits for the sign-on at start (see <see cref="WaitForStartAsync"/>).</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private readonly McpRuntime _runtime;
    private readonly ILogger<Housekeeping> _logger;

    public Housekeeping(McpRuntime runtime, ILogger<Housekeeping> logger)
    {
        _runtime = runtime;
        _logger = logger;
    }

    /// <summary>Completed once the sign-on at start has been tried (for tests and the first tool calls).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many sweeps have finished (successful or not).</summary>
    public int Sweeps => Volatile.Read(ref _sweeps);

    private int _sweeps;
    private bool _signedOn;

    /// <summary>
    /// Waits until the sign-on at start has been tried (<see cref="Started"/>), so that a session's first tool call already
    /// sees it signed on; after <see cref="StartWait"/> the call goes ahead anyway (and a warning is logged).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (the call was cancelled).</param>
    /// <returns>When the call may run.</returns>
    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Started.Task.WaitAsync(StartWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            McpLog.ToolCallBeforeSignOn(_logger, StartWait.TotalSeconds);
        }
    }

    /// <summary>Runs one sweep now.</summary>
    /// <returns>What was released; empty when the sweep failed (the failure is logged).</returns>
    public IReadOnlyList<AbandonedWork> Sweep()
    {
        try
        {
            return _runtime.Run("housekeeping", call =>
            {
                var sweep = new AbandonedWorkSweep(call.Store, _runtime.Options.Liveness, _runtime.Options.Time, _runtime.Options.HeartbeatLimit);
                var released = sweep.Run(call.Actor);
                foreach (var work in released)
                {
                    McpLog.ReleasedAbandonedWork(_logger, work.Locks.Count, work.Items.Count, work.Tasks.Count);
                }

                return released;
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // McpRuntime logged the cause already.
            McpLog.SweepFailed(_logger, e.Message);
            return [];
        }
        finally
        {
            Interlocked.Increment(ref _sweeps);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var warning in _runtime.Options.Warnings)
        {
            McpLog.StartWarning(_logger, warning);
        }

        if (_runtime.Options.SignOnAtStart && _runtime.Options.SessionId is not null)
        {
            SignOnAtStart();
        }

        Started.TrySetResult();
        try
        {
            using var timer = new PeriodicTimer(_runtime.Options.SweepInterval, _runtime.Options.Time);
            do
            {
                Sweep();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_signedOn)
        {
            try
            {
                _runtime.Run("sign-on removal", SignOn.Forget);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                McpLog.SignOnRemovalFailed(_logger, e.Message);
            }
        }
    }

    private void SignOnAtStart()
    {
        try
        {
            var record = _runtime.Run("sign-on", call => SignOn.Record(call, name: null, role: null, createRow: false));
            _signedOn = true;
            McpLog.SignedOn(_logger, record.Actor, record.Registered ? "session touched in the registry" : "no open registry row");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            McpLog.SignOnFailed(_logger, e.Message);
        }
    }
}
