using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace Baton.Mcp.Hosting;

/// <summary>
/// What every tool call shares: the options (who acts), the store pool, Baton's log, and the error policy. A call runs its
/// body with a store of its own (<see cref="Run"/>); what the caller got wrong (<see cref="UserErrorException"/>) and what the
/// store refused (<see cref="CoordinationConflictException"/>) become an <see cref="McpException"/> whose message the model
/// reads; a store failure becomes a short error that says whether trying again helps (<see cref="StoreBusyMessage"/>, for a
/// <see cref="StoreException.IsTransient"/> one) or not (<see cref="StoreBrokenMessage"/>); anything else is logged in full and reaches the model as the
/// SDK's generic error, so no stack trace or private detail leaks.
/// </summary>
internal sealed class McpRuntime : IDisposable
{
    /// <summary>What a model reads when the store failed for the moment (<see cref="StoreException.IsTransient"/>: busy with
    /// another process's write for too long, a conflict, a team server slow to answer); the details go to Baton's log.</summary>
    public const string StoreBusyMessage =
        "Baton's store is busy just now (another session or process held it too long); nothing was changed. Try again in a moment.";

    /// <summary>What a model reads when the store failed in a way that lasts until someone acts (a damaged, unreadable or
    /// missing store file, a full disk, a refused login); no path or stack trace, which are in Baton's log.</summary>
    public const string StoreBrokenMessage =
        "Baton's store cannot be read or written, and trying again will not help: the store is damaged, unreadable or " +
        "unreachable; nothing was changed. Tell the user to run 'baton doctor' in a terminal, which names the cause and the " +
        "fix (the details are in Baton's log).";

    private readonly StorePool _pool;
    private readonly ILogger<McpRuntime> _logger;

    public McpRuntime(BatonMcpOptions options, ILogger<McpRuntime> logger)
    {
        Options = options;
        _logger = logger;
        _pool = new StorePool(options.Stores);
        Log = new BatonLog(options.Home);
    }

    public BatonMcpOptions Options { get; }

    /// <summary>Who every call acts as.</summary>
    public string Actor => Options.Actor;

    public BatonLog Log { get; }

    /// <summary>Runs a tool's body with a store of its own and maps its errors (see the class summary).</summary>
    public T Run<T>(string tool, Func<StoreCall, T> body)
    {
        var store = Rent(tool);
        var healthy = false;
        try
        {
            var result = body(new StoreCall(store, Options));
            healthy = true;
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            healthy = e is UserErrorException or CoordinationConflictException or McpException;
            throw Map(tool, e);
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }

    /// <summary>Runs an asynchronous tool body (a lock acquire that waits) like <see cref="Run"/>.</summary>
    public async Task<T> RunAsync<T>(string tool, Func<StoreCall, Task<T>> body)
    {
        var store = Rent(tool);
        var healthy = false;
        try
        {
            var result = await body(new StoreCall(store, Options)).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            healthy = e is UserErrorException or CoordinationConflictException or McpException;
            throw Map(tool, e);
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }

    /// <summary>Records a failure in the server's log (stderr) and Baton's log.</summary>
    public void Failed(string area, Exception e)
    {
        McpLog.CallFailed(_logger, e, area);
        Log.Write("mcp " + area, e.ToString());
    }

    public void Dispose() => _pool.Dispose();

    private IBatonStore Rent(string tool)
    {
        try
        {
            return _pool.Rent();
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
        {
            Failed(tool, e);
            throw StoreFailure(e);
        }
    }

    /// <summary>The error a model reads for a store that failed with <paramref name="e"/>: busy (try again) when the store says
    /// the failure is of the moment, else broken (run <c>baton doctor</c>).</summary>
    /// <param name="e">A <see cref="StoreException"/>, or the I/O failure of opening the store (a file problem: lasting).</param>
    /// <returns>The exception to throw to the SDK.</returns>
    public static McpException StoreFailure(Exception e) =>
        new(e is StoreException { IsTransient: true } ? StoreBusyMessage : StoreBrokenMessage);

    private Exception Map(string tool, Exception e)
    {
        switch (e)
        {
            case McpException:
                return e;
            case UserErrorException error:
                return new McpException(ToolRemedies.Describe(error));
            case CoordinationConflictException:
                return new McpException(e.Message);
            case StoreException:
                Failed(tool, e);
                return StoreFailure(e);
            default:
                Failed(tool, e);
                return new ToolFailedException(tool);
        }
    }
}
