using Baton.Core.Home;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>A throwaway Baton home and the in-process servers started on it (one per session), stopped at the end.</summary>
public abstract class McpTestBase : IAsyncLifetime
{
    /// <summary>Session ids shaped like Claude Code's.</summary>
    protected const string SessionA = "aaaaaaaa-1111-4111-8111-000000000001";

    /// <summary>A second session.</summary>
    protected const string SessionB = "bbbbbbbb-2222-4222-8222-000000000002";

    private readonly List<McpServerHost> _servers = [];

    private protected TempDirectory Root { get; } = TempDirectory.Create("baton-mcp-");

    private protected BatonHome Home => new(Root.Combine("baton-home"));

    /// <summary>Starts a server acting as <paramref name="sessionId"/> (null: a person) and connects the SDK's client to it.</summary>
    private protected async Task<McpServerHost> ServerAsync(string? sessionId, Func<BatonMcpOptions, BatonMcpOptions>? configure = null, bool connect = true)
    {
        var options = new BatonMcpOptions
        {
            Home = Home,
            Stores = StoresOf(Home),
            SessionId = sessionId,
            ProjectDirectory = Root.CreateSubdirectory("project"),
        };
        var server = await McpServerHost.StartAsync(configure is null ? options : configure(options), connect);
        _servers.Add(server);
        return server;
    }

    /// <summary>The SQLite store in a home, as <c>baton</c> picks it.</summary>
    private protected static SqliteStoreFactory StoresOf(BatonHome home) => new(home.DatabasePath, TimeProvider.System, home.EnsureCreated);

    /// <summary>Opens the store the servers use, to check what they wrote.</summary>
    private protected SqliteStore OpenStore() => SqliteStore.Open(Home.DatabasePath);

    /// <summary>Puts a running (or ended) session row into the store, named and in a project.</summary>
    private protected static void Put(IStore store, string id, string name, bool ended = false) =>
        store.UpdateSession(id, _ => new SessionChange(
            new Session
            {
                SessionId = id,
                Name = name,
                Project = "shop",
                ProjectRoot = "/src/shop",
                Cwd = "/src/shop",
                Status = ended ? SessionStatus.Exited : SessionStatus.Running,
                StartedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
                EndedAt = ended ? DateTimeOffset.UtcNow : null,
            },
            JournalTypes.SessionStatus,
            id,
            null));

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Root.Dispose();
    }
}
