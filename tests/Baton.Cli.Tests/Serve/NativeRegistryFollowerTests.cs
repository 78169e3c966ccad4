using System.Diagnostics;
using Baton.Cli.Serve;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// The resident server's follower of Claude Code's registry, in process against a real SQLite file and registry files this
/// test writes for a live <c>sleep</c> standing in for claude: which of the entry's changes reach Baton's session.
/// </summary>
public sealed class NativeRegistryFollowerTests : IDisposable
{
    private const string SessionId = "f0110000-0000-4000-8000-0000000000aa";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly Process _claude = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
    private readonly BatonHome _home;
    private readonly StorePool _pool;
    private readonly NativeRegistryFollower _follower;
    private readonly string _folder;

    public NativeRegistryFollowerTests()
    {
        _home = new BatonHome(_sandbox.BatonHome);
        _home.EnsureCreated();
        _folder = _sandbox.CreateDirectory("sessions");
        _pool = new StorePool(new SqliteStoreFactory(_home.DatabasePath, TimeProvider.System));
        _follower = new NativeRegistryFollower(_folder, _home, new BatonLog(_home), _pool);
    }

    [Fact]
    public void A_rewrite_of_an_entry_whose_status_changed_before_the_last_hook_does_not_bring_that_status_back()
    {
        var busySince = DateTimeOffset.UtcNow.AddSeconds(-2);
        Hook(HookEvents.UserPromptSubmit);
        Write("busy", null, "shop-0e", busySince);
        Hook(HookEvents.PermissionRequest);

        Write("busy", null, "shop-renamed", busySince);

        Status().ShouldBe(SessionStatus.WaitingPermission, "claude rewrote the entry for its name; its busy is older than the prompt");

        Write("waiting", "permission prompt", "shop-renamed", DateTimeOffset.UtcNow);
        Write("busy", null, "shop-renamed", DateTimeOffset.UtcNow.AddMilliseconds(50));

        Status().ShouldBe(SessionStatus.Running, "the person approved: claude's busy is newer than every hook");
    }

    [Fact]
    public void A_status_claude_changed_after_the_last_hook_is_applied()
    {
        Hook(HookEvents.UserPromptSubmit);

        Write("waiting", "dialog open", "shop-0e", DateTimeOffset.UtcNow.AddMilliseconds(50));

        Status().ShouldBe(SessionStatus.WaitingInput);
        Session().StatusReason.ShouldBe("dialog open");
    }

    [Fact]
    public void A_status_rewrite_with_claudes_old_name_keeps_a_name_baton_gave_since_and_a_new_name_in_claude_wins()
    {
        Hook(HookEvents.UserPromptSubmit);
        Write("busy", null, "shipper", DateTimeOffset.UtcNow, nameSource: "user");
        Session().Name.ShouldBe("shipper", "a name a person chose in claude");

        using (var store = SqliteStore.Open(_home.DatabasePath))
        {
            new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).Rename(SessionId, "deliverer", SessionRegistry.HumanActor);
        }

        Write("idle", null, "shipper", DateTimeOffset.UtcNow.AddMilliseconds(50), nameSource: "user");
        Status().ShouldBe(SessionStatus.WaitingInput);
        Session().Name.ShouldBe("deliverer", "claude had not taken Baton's new name yet when it wrote its status");

        Write("idle", null, "courier", DateTimeOffset.UtcNow.AddMilliseconds(50), nameSource: "user");
        Session().Name.ShouldBe("courier", "a rename in claude after Baton's");
    }

    private void Hook(string eventName)
    {
        using var store = SqliteStore.Open(_home.DatabasePath);
        new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).Record(new HookObservation
        {
            SessionId = SessionId,
            EventName = eventName,
            Order = HookEventOrder.Compose(ProcessTable.Now(), eventName),
            Cwd = _sandbox.Home,
            At = DateTimeOffset.UtcNow,
        });
    }

    private void Write(string status, string? waitingFor, string name, DateTimeOffset statusUpdatedAt, string nameSource = "derived")
    {
        var process = ProcessTable.Identify(_claude.Id)!;
        var path = Path.Combine(_folder, $"{_claude.Id}.json");
        var entry = new System.Text.Json.Nodes.JsonObject
        {
            ["pid"] = _claude.Id,
            ["sessionId"] = SessionId,
            ["cwd"] = _sandbox.Home,
            ["procStart"] = process.StartTicks?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = "interactive",
            ["name"] = name,
            ["nameSource"] = nameSource,
            ["status"] = status,
            ["waitingFor"] = waitingFor,
            ["updatedAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["statusUpdatedAt"] = statusUpdatedAt.ToUnixTimeMilliseconds(),
        };
        File.WriteAllText(path, entry.ToJsonString());
        _follower.Read(path);
    }

    private Session Session()
    {
        using var store = SqliteStore.Open(_home.DatabasePath);
        return store.GetSession(SessionId)!;
    }

    private SessionStatus Status() => Session().Status;

    public void Dispose()
    {
        _follower.Dispose();
        _pool.Dispose();
        _claude.Kill();
        _claude.WaitForExit();
        _claude.Dispose();
        _sandbox.Dispose();
    }
}
