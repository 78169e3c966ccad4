using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Registry;
using Baton.ClaudeCode.Settings;
using Baton.Cli.Hooks;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Core.Storage;
using Baton.Mcp;
using Baton.Platform.Processes;
using Baton.Storage;
using Baton.Web;

namespace Baton.Cli.Serve;

/// <summary>
/// The resident Baton process of a user (<c>baton serve</c>): it listens on a Unix socket in Baton's home
/// (<see cref="BatonHome.ServerSocketPath"/>, 0600 in the 0700 home) for hook calls that <c>baton-relay</c> forwards
/// (<see cref="RelayProtocol"/>) and handles them with warm code and a pool of open stores, exactly as <c>baton hook</c>
/// would in a process of its own (<see cref="HookHandler"/>, <see cref="WakeHook"/>), answering before it reads git, which
/// it reads at most once a second per session (<see cref="GitProbeQueue"/>). A wake hook's call waits here, on one shared watch of the store
/// (<see cref="StoreChangeBroadcast"/>), until its session is woken, moves on, or the relay goes away. It also serves
/// Baton's MCP tools to every session whose <c>baton-relay … mcp</c> connects (<see cref="BatonMcpServer.RunStreamAsync"/>),
/// and Claude Code's HTTP hooks on the home's loopback port (<see cref="HookHttpListener"/>, <see cref="LoopbackEndpoint"/>),
/// handled like relayed ones.
/// One server per home: it holds <see cref="BatonHome.ServerLockPath"/> locked while it runs. It stops on
/// <see cref="Stop"/>, when its socket file is removed or replaced, or after an idle time with no call.
/// A wake hook's call still waiting when it stops is closed without an answer, so its relay takes over in a process of its own.
/// </summary>
internal sealed class ResidentServer : IDisposable
{
    /// <summary>How often the server checks that its socket is still its own and whether it has been idle too long.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a hook call replays spooled events before its own (the rest are replayed after it answered).</summary>
    private static readonly TimeSpan ReplayBeforeAnswer = TimeSpan.FromMilliseconds(500);

    private readonly BatonHome _home;
    private readonly BatonLog _log;
    private readonly FileStream _lock;
    private readonly Socket _listener;
    private readonly StorePool _pool;
    private readonly HookSpool _spool;
    private readonly StoreChangeBroadcast _changes;
    private readonly NativeRegistryFollower _registry;
    private readonly IdleSessionWaker _waker;
    private readonly GitProbeQueue _gitProbes;
    private readonly Dictionary<string, int> _armedWakes = new(StringComparer.Ordinal); // session id -> wake calls waiting; under _armedWakesLock
    private readonly Lock _armedWakesLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _socketStamp;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly Lock _statistics = new();
    private long _hooks;
    private long _httpHooks;
    private double _hookMsTotal;
    private double _hookMsMax;
    private int _waitingWakes;
    private int _mcpSessions;
    private int _active;
    private int? _httpPort;
    private int? _webPort;
    private long _lastActivity = Stopwatch.GetTimestamp();

    private ResidentServer(BatonHome home, BatonLog log, FileStream lockFile, Socket listener)
    {
        _home = home;
        _log = log;
        _lock = lockFile;
        _listener = listener;
        var stores = StoreSelection.For(home, TimeProvider.System, writeLockWait: HookEntryPoint.WriteLockWait);
        _pool = new StorePool(stores);
        _spool = new HookSpool(home);
        _changes = new StoreChangeBroadcast(stores, out var unwatched);
        if (unwatched is not null)
        {
            log.Write("serve", $"cannot watch the store ({unwatched}); wake hooks look every {StoreFollower.DefaultFallback.TotalSeconds:0} s instead");
        }

        _registry = new NativeRegistryFollower(
            NativeSessionFile.UserFolder,
            home,
            log,
            _pool);
        _waker = new IdleSessionWaker(_pool, _registry, WakeArmed, log);
        _gitProbes = new GitProbeQueue(_pool, log, _stop.Token);
        _socketStamp = SocketStampOf(home.ServerSocketPath);
    }

    /// <summary>The socket the server listens on.</summary>
    public string SocketPath => _home.ServerSocketPath;

    /// <summary>Takes the home's server lock, binds the socket and writes <see cref="BatonHome.ServerInfoPath"/>.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <returns>The server, listening; call <see cref="RunAsync"/>.</returns>
    /// <exception cref="ServerRunningException">Another server runs for this home.</exception>
    /// <exception cref="UserErrorException">The socket path is too long for a Unix socket.</exception>
    /// <exception cref="IOException">The home, lock or socket cannot be made.</exception>
    public static ResidentServer Start(BatonHome home, BatonLog log)
    {
        ArgumentNullException.ThrowIfNull(home);
        home.EnsureCreated();
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(home.ServerLockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
            });
            BatonHome.MakePrivate(home.ServerLockPath);
        }
        catch (IOException)
        {
            throw new ServerRunningException(ServerInfo.Read(home));
        }

        Socket? listener = null;
        try
        {
            var endPoint = EndPointOf(home);
            File.Delete(home.ServerSocketPath);
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(endPoint);
            BatonHome.MakePrivate(home.ServerSocketPath);
            listener.Listen(512);
            var server = new ResidentServer(home, log, lockFile, listener);
            server.WriteInfo();
            return server;
        }
        catch
        {
            listener?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>The socket's address.</summary>
    /// <exception cref="UserErrorException">The path is longer than a Unix socket address holds (107 bytes on Linux).</exception>
    public static UnixDomainSocketEndPoint EndPointOf(BatonHome home)
    {
        try
        {
            return new UnixDomainSocketEndPoint(home.ServerSocketPath);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new UserErrorException($"The socket path {home.ServerSocketPath} is too long for a Unix socket; use a shorter BATON_HOME.");
        }
    }

    /// <summary>Accepts and serves calls until stopped.</summary>
    /// <param name="idleExit">Stop after this long with no call and none running, unless a session claude's registry shows
    /// at rest with a messaging socket still runs (this server is what wakes it for a message); null to run until stopped.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>Why it stopped, for the log.</returns>
    public async Task<string> RunAsync(TimeSpan? idleExit, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await using var http = await StartHttpAsync(linked.Token).ConfigureAwait(false);
        _registry.EnsureWatching();
        var watch = WatchAsync(idleExit, linked);
        var waking = WakeIdleSessionsAsync(linked.Token);
        var connections = new List<Task>();
        try
        {
            while (!linked.IsCancellationRequested)
            {
                var socket = await _listener.AcceptAsync(linked.Token).ConfigureAwait(false);
                connections.RemoveAll(c => c.IsCompleted);
                connections.Add(ServeAsync(socket, linked.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping.
        }

        // Hook calls finish (within their budget); waiting wake calls end without an answer, so their relays take over.
        await Task.WhenAll(connections).WaitAsync(HookEntryPoint.Budget, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await waking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await watch.ConfigureAwait(false);
    }

    /// <summary>After each store change (at least every <see cref="WatchInterval"/>), wakes the idle sessions no wake call
    /// waits for (<see cref="IdleSessionWaker"/>), until stopped.</summary>
    private async Task WakeIdleSessionsAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ticket = _changes.Ticket;
            await StoreChangeBroadcast.WaitAsync(ticket, WatchInterval, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stop.IsCancellationRequested)
            {
                _waker.WakeWhereWaiting();
            }
        }
    }

    private bool WakeArmed(string sessionId)
    {
        lock (_armedWakesLock)
        {
            return _armedWakes.ContainsKey(sessionId);
        }
    }

    /// <summary>Counts a wake call waiting for a session (<paramref name="by"/> 1) or one that ended (-1).</summary>
    private void ArmWake(string? sessionId, int by)
    {
        if (sessionId is null)
        {
            return;
        }

        lock (_armedWakesLock)
        {
            var count = _armedWakes.GetValueOrDefault(sessionId) + by;
            if (count > 0)
            {
                _armedWakes[sessionId] = count;
            }
            else
            {
                _armedWakes.Remove(sessionId);
            }
        }
    }

    /// <summary>Starts the HTTP listener on the home's endpoint (made when there is none) and records its port in the info
    /// file; logs why and goes on without it when it cannot listen.</summary>
    private async Task<HookHttpListener?> StartHttpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var endpoint = LoopbackEndpoint.Ensure(_home);
            var listener = await HookHttpListener.StartAsync(
                endpoint,
                (request, input, answer) => Activity(() => Hook(request, input, "http " + request.EventName, answer, http: true)),
                cancellationToken).ConfigureAwait(false);
            _httpPort = endpoint.Port;
            WriteInfo();
            return listener;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _log.Write("serve", $"not listening for HTTP hooks ({e.GetType().Name}: {e.Message}); they are not recorded until the server is restarted");
            return null;
        }
    }

    /// <summary>Starts the web page (<see cref="WebDashboard"/>) on 127.0.0.1, reading the server's store through the server's
    /// one watch of it, and records its port in the info file.</summary>
    /// <param name="port">The TCP port; 0 picks a free one.</param>
    /// <param name="actions">What the page's kill does.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The page, listening; dispose it to stop it.</returns>
    /// <exception cref="IOException">The port is taken.</exception>
    public async Task<WebDashboard> StartWebAsync(int port, IPageActions actions, CancellationToken cancellationToken)
    {
        var options = new WebDashboardOptions(_home, StoreSelection.For(_home, TimeProvider.System), _changes, new ProcessLiveness(), TimeProvider.System, actions);
        var web = await WebDashboard.StartAsync(options, port, cancellationToken).ConfigureAwait(false);
        _webPort = web.Port;
        WriteInfo();
        return web;
    }

    /// <summary>Asks a running <see cref="RunAsync"/> to stop.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Stops listening, removes the socket (if still this server's) and its info file, and releases the lock.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _registry.Dispose();
        if (SocketStampOf(_home.ServerSocketPath) == _socketStamp)
        {
            File.Delete(_home.ServerSocketPath);
            File.Delete(_home.ServerInfoPath);
        }

        _changes.Dispose();
        _pool.Dispose();
        _lock.Dispose();
        _stop.Dispose();
    }

    /// <summary>What the server says about itself now.</summary>
    public ServerInfo Info()
    {
        lock (_statistics)
        {
            return new ServerInfo
            {
                Pid = Environment.ProcessId,
                Socket = _home.ServerSocketPath,
                HttpPort = _httpPort,
                WebPort = _webPort,
                StartedAt = _startedAt,
                Version = typeof(ResidentServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
                Hooks = _hooks,
                HttpHooks = _httpHooks,
                HookMsMean = _hooks == 0 ? null : Math.Round(_hookMsTotal / _hooks, 2),
                HookMsMax = _hooks == 0 ? null : Math.Round(_hookMsMax, 2),
                WaitingWakes = Volatile.Read(ref _waitingWakes),
                McpSessions = Volatile.Read(ref _mcpSessions),
            };
        }
    }

    private void WriteInfo()
    {
        var temporary = _home.ServerInfoPath + ".tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
        }))
        {
            BatonHome.MakePrivate(temporary);
            JsonSerializer.Serialize(file, Info(), ServeJsonContext.Default.ServerInfo);
        }

        File.Move(temporary, _home.ServerInfoPath, overwrite: true);
    }

    private async Task<string> WatchAsync(TimeSpan? idleExit, CancellationTokenSource stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(WatchInterval, stop.Token).ConfigureAwait(false);
                _registry.EnsureWatching();
                _registry.EndExitedSessions();
                ReplaySpoolInBackground();
                if (SocketStampOf(_home.ServerSocketPath) != _socketStamp)
                {
                    stop.Cancel();
                    return "its socket was removed or replaced";
                }

                if (idleExit is { } idle && Volatile.Read(ref _active) == 0
                    && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) > idle
                    && !_registry.AtRest().Any(entry => NativeRegistryFollower.RunningProcess(entry) is not null))
                {
                    stop.Cancel();
                    return $"idle for {idle.TotalSeconds:0} s";
                }
            }
        }
        catch (OperationCanceledException)
        {
            return "asked to stop";
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stop)
    {
        BeginActivity();
        var area = "serve";
        try
        {
            using var network = new NetworkStream(socket, ownsSocket: true);
            using var stream = new BufferedStream(network, 64 * 1024);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop);
            reading.CancelAfter(RequestTimeout);
            var (request, input) = await RelayProtocol.ReadRequestAsync(stream, reading.Token).ConfigureAwait(false);
            area = "hook " + request.EventName + (request.Option is { } option ? " " + option : string.Empty);
            if (request.Kind == RelayRequest.StatusKind)
            {
                Answer(stream, new RelayResponse { Stdout = JsonSerializer.Serialize(Info(), ServeJsonContext.Default.ServerInfo) }, area);
            }
            else if (request.Kind == RelayRequest.McpKind)
            {
                await McpSessionAsync(stream, network, request, stop).ConfigureAwait(false);
            }
            else if (request.Option == BatonHooks.WakeOption)
            {
                await WakeAsync(socket, stream, request, input, area, stop).ConfigureAwait(false);
            }
            else
            {
                await Task.Run(() => Hook(request, input, area, output => Answer(stream, new RelayResponse { Stdout = output }, area), http: false), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!stop.IsCancellationRequested)
            {
                _log.Write(area, $"{e.GetType().Name}: {e.Message}");
            }
        }
        finally
        {
            EndActivity();
        }
    }

    private void BeginActivity() => Interlocked.Increment(ref _active);

    private void EndActivity()
    {
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
        Interlocked.Decrement(ref _active);
    }

    /// <summary>Runs a call that keeps the server from its idle exit while it runs.</summary>
    private void Activity(Action call)
    {
        BeginActivity();
        try
        {
            call();
        }
        finally
        {
            EndActivity();
        }
    }

    /// <summary>Handles one hook call, relayed or HTTP: answers through <paramref name="answer"/> (the output line, or null for
    /// none) exactly once, then asks for a git probe (<see cref="GitProbeQueue"/>). Spooled events are replayed first (for at most <see cref="ReplayBeforeAnswer"/>)
    /// and after the answer (the rest, within a hook's budget); a call the store cannot take in time (its write lock held
    /// past <see cref="HookEntryPoint.WriteLockWait"/>, or by a stopped process) is spooled (<see cref="HookSpool"/>) and
    /// answered with nothing.</summary>
    private void Hook(RelayRequest request, byte[] input, string area, Func<string?, bool> answer, bool http)
    {
        var started = Stopwatch.GetTimestamp();
        var answered = false;
        var store = _pool.Rent();
        var healthy = false;
        try
        {
            ReplaySpool(store, area, started, ReplayBeforeAnswer);
            var handled = HookHandler.Handle(request, input, store, _home, output => answered = answer(output), gitAfterAnswer: true);
            if (!answered)
            {
                answered = answer(null);
            }

            Count(started, http);
            _gitProbes.Ask(handled);
            ReplaySpool(store, area, started, HookEntryPoint.Budget);
            healthy = true;
        }
        catch (StoreException e) when (!answered)
        {
            _spool.Keep(request, input, _log, area, e.Message);
            answer(null);
            healthy = e.IsTransient;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Write(area, $"{e.GetType().Name}: {e.Message}");
            if (!answered)
            {
                answer(null);
            }
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }

    /// <summary>Replays spooled events left behind when no hook followed them (the last events before a quiet spell), on the
    /// thread pool with a store of the pool, once every <see cref="WatchInterval"/> while the spool is not empty.</summary>
    private void ReplaySpoolInBackground()
    {
        if (!_spool.HasEvents)
        {
            return;
        }

        _ = Task.Run(() => Activity(() =>
        {
            IBatonStore? store = null;
            var healthy = false;
            try
            {
                store = _pool.Rent();
                ReplaySpool(store, "serve", Stopwatch.GetTimestamp(), HookEntryPoint.Budget);
                healthy = true;
            }
            catch (StoreException)
            {
                // Still unreachable: the hooks that spooled said so in the log; tried again at the next look.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Write("serve", $"replaying the spool: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                if (store is not null)
                {
                    _pool.Return(store, healthy);
                }
            }
        }));
    }

    /// <summary>Replays spooled events, if any, until <paramref name="until"/> after the call started.</summary>
    private void ReplaySpool(IBatonStore store, string area, long started, TimeSpan until)
    {
        if (_spool.HasEvents)
        {
            _spool.ReplayInto(store, _home, _log, area, () => Stopwatch.GetElapsedTime(started) < until);
        }
    }

    private async Task WakeAsync(Socket socket, Stream stream, RelayRequest request, byte[] input, string area, CancellationToken stop)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var disconnect = WatchDisconnectAsync(socket, gone);
        var store = _pool.Rent();
        var healthy = false;
        var ticket = _changes.Ticket;
        var sessionId = HookInput.Parse(input).SessionId;
        Interlocked.Increment(ref _waitingWakes);
        ArmWake(sessionId, 1);
        try
        {
            var code = await WakeHook.WaitAsync(
                request,
                input,
                store,
                async (timeout, cancel) =>
                {
                    await StoreChangeBroadcast.WaitAsync(ticket, timeout, cancel).ConfigureAwait(false);
                    ticket = _changes.Ticket;
                },
                text => Answer(stream, new RelayResponse { ExitCode = WakeHook.WakeExitCode, Stderr = text }, area),
                _log,
                gone.Token).ConfigureAwait(false);
            if (code != WakeHook.WakeExitCode)
            {
                Answer(stream, new RelayResponse(), area);
            }

            healthy = true;
        }
        catch (OperationCanceledException)
        {
            // The relay went away (claude ended the hook), or the server stops: no answer, so a relay still there takes over.
            healthy = true;
        }
        finally
        {
            Interlocked.Decrement(ref _waitingWakes);
            ArmWake(sessionId, -1);
            _pool.Return(store, healthy);
            await gone.CancelAsync().ConfigureAwait(false);
            await disconnect.ConfigureAwait(false);
        }
    }

    /// <summary>Serves one MCP session for the Claude Code session the relay runs under, on the connection, until either ends.
    /// The session reads and writes the connection itself, not the buffered stream the request came through (a buffer is
    /// not for reading and writing at once); the relay sends nothing after its request until it has the ready answer, so
    /// nothing of the session is left in that buffer.</summary>
    private async Task McpSessionAsync(Stream buffered, NetworkStream connection, RelayRequest request, CancellationToken stop)
    {
        var options = BatonMcpOptions.FromVariables(
            _home,
            StoreSelection.For(_home, TimeProvider.System),
            request.WorkingDirectory ?? _home.Root,
            request.Variable,
            () => request.ParentPid is { } parent ? ClaudeProcess.Above(parent) : null);
        Interlocked.Increment(ref _mcpSessions);
        try
        {
            Answer(buffered, new RelayResponse(), "mcp");
            await BatonMcpServer.RunStreamAsync(options, connection, connection, stop).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _mcpSessions);
        }
    }

    /// <summary>Cancels <paramref name="gone"/> when the relay closes its end (it sends nothing after its request).</summary>
    private static async Task WatchDisconnectAsync(Socket socket, CancellationTokenSource gone)
    {
        try
        {
            await socket.ReceiveAsync(new byte[1], SocketFlags.None, gone.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Ended either way.
        }

        if (!gone.IsCancellationRequested)
        {
            await gone.CancelAsync().ConfigureAwait(false);
        }
    }

    private bool Answer(Stream stream, RelayResponse response, string area)
    {
        try
        {
            RelayProtocol.WriteResponse(stream, response);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _log.Write(area, $"could not answer the relay: {e.Message}");
            return false;
        }
    }

    private void Count(long started, bool http)
    {
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_statistics)
        {
            _hooks++;
            _httpHooks += http ? 1 : 0;
            _hookMsTotal += milliseconds;
            _hookMsMax = Math.Max(_hookMsMax, milliseconds);
        }
    }

    /// <summary>When the socket file was made (ticks, UTC), which tells this server's socket from a later one; 0 when there is none.</summary>
    private static long SocketStampOf(string path) =>
        File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks : 0;
}
