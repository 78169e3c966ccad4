using System.ComponentModel;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Locks with fencing tokens: <c>acquire_lock</c>, <c>renew_lock</c>, <c>release_lock</c>, <c>list_locks</c>.</summary>
[McpServerToolType]
internal sealed class LockTools
{
    private readonly McpRuntime _runtime;

    public LockTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "acquire_lock", OpenWorld = false)]
    [Description("Take a lock on a resource so no other session acts on it at the same time, for example 'deploy', 'db-migration' " +
        "or a file lease 'file:src/app.cs' (a path or glob inside the project, relative to its root; other sessions' edits of it " +
        "are checked against it; one outside the project is refused). Exactly one session holds a lock; it lapses after ttl_seconds unless renewed (renew_lock). " +
        "Granted: 'acquired': true with a fencing token (greater than any token given before on this resource; keep it for " +
        "renew_lock and release_lock) and the expiry. Held by someone else: 'acquired': false with the holder, since when and " +
        "until when; pass wait_seconds to wait for it. Asking again while you hold it renews it.")]
    public Task<string> AcquireLock(
        [Description("The resource: 1-200 ASCII letters, digits and ':_-./@*', for example 'deploy' or 'file:src/*.cs'.")] string resource,
        [Description("How long the lock lives unless renewed, in seconds: 1 to 86400.")] double ttl_seconds,
        [Description("How long to wait while another session holds it, in seconds: 0 (the default, answer at once) to 300.")] double? wait_seconds = null,
        [Description("Why you take it, shown to others who find it held (at most 4000 characters).")] string? reason = null,
        [Description("A file lease on the whole project ('file:**', 'file:.', 'file:') refuses every other session's edits: it is " +
            "granted only with force true and a ttl_seconds of at most 600.")] bool? force = null,
        CancellationToken cancellationToken = default) =>
        _runtime.RunAsync("acquire_lock", async call =>
        {
            var ttl = ToolArguments.Seconds(ttl_seconds, "ttl_seconds");
            if (FileLeaseGuard.IsFileLease(resource))
            {
                FileLeasePolicy.CheckAcquire(resource, ttl, force ?? false, LeaseRoot(call));
            }

            var why = ToolArguments.Optional(reason);
            var attempt = wait_seconds is { } wait && wait != 0
                ? await call.Coordinator.AcquireLockAsync(resource, ttl, call.Actor, why, ToolArguments.Seconds(wait, "wait_seconds"), cancellationToken).ConfigureAwait(false)
                : call.Coordinator.AcquireLock(resource, ttl, call.Actor, why);
            return McpJson.Text(Attempt(attempt));
        });

    [McpServerTool(Name = "renew_lock", OpenWorld = false, Idempotent = true)]
    [Description("Extend a lock you hold: it lives ttl_seconds from now, the token stays. Refused when your token is stale " +
        "(the lock expired, was released or another session holds it now): then you no longer hold it and must not act as its holder.")]
    public string RenewLock(
        [Description("The resource.")] string resource,
        [Description("The fencing token acquire_lock gave you.")] long token,
        [Description("The new time to live from now, in seconds: 1 to 86400.")] double ttl_seconds) =>
        _runtime.Run("renew_lock", call =>
        {
            var ttl = ToolArguments.Seconds(ttl_seconds, "ttl_seconds");
            if (FileLeaseGuard.IsFileLease(resource))
            {
                FileLeasePolicy.CheckRenewal(resource, ttl, LeaseRoot(call));
            }

            var renewed = call.Coordinator.RenewLock(resource, token, ttl, call.Actor);
            var json = McpJson.Lock(renewed);
            json["renewed"] = true;
            return McpJson.Text(json);
        });

    [McpServerTool(Name = "release_lock", OpenWorld = false, Destructive = true)]
    [Description("Release a lock you hold so others can take it. Refused when your token is stale (it expired or someone else holds it now).")]
    public string ReleaseLock(
        [Description("The resource.")] string resource,
        [Description("The fencing token acquire_lock gave you.")] long token) =>
        _runtime.Run("release_lock", call =>
        {
            var released = call.Coordinator.ReleaseLock(resource, token, call.Actor);
            var json = McpJson.Lock(released);
            json["released"] = true;
            return McpJson.Text(json);
        });

    /// <summary>The project root a file lease of this session is relative to (<see cref="FileLeasePolicy.RootFor"/>).</summary>
    private static string LeaseRoot(StoreCall call) =>
        FileLeasePolicy.RootFor(call.Store, call.Actor, call.Options.ProjectDirectory ?? Environment.CurrentDirectory);

    [McpServerTool(Name = "list_locks", ReadOnly = true, OpenWorld = false)]
    [Description("List the live locks: resource, holder, token, since when, until when and why. " +
        "Filter with a glob over resources ('*' any run, '?' one character), for example 'file:*'.")]
    public string ListLocks(
        [Description("A glob over resources, for example 'file:*'; leave out for all.")] string? pattern = null) =>
        _runtime.Run("list_locks", call =>
        {
            var locks = call.Coordinator.ListLocks(ToolArguments.Optional(pattern));
            return McpJson.Text(new JsonObject
            {
                ["count"] = locks.Count,
                ["locks"] = new JsonArray([.. locks.Select(l => (JsonNode)McpJson.Lock(l))]),
            });
        });

    private static JsonObject Attempt(LockAttempt attempt)
    {
        var l = attempt.Lock;
        if (!attempt.Granted)
        {
            return new JsonObject
            {
                ["acquired"] = false,
                ["resource"] = l.Resource,
                ["holder"] = l.Holder,
                ["held_since"] = McpJson.Time(l.AcquiredAt),
                ["expires_at"] = McpJson.Time(l.ExpiresAt),
                ["reason"] = l.Reason,
                ["message"] = $"'{l.Resource}' is held by {l.Holder} since {McpJson.Time(l.AcquiredAt)} until {McpJson.Time(l.ExpiresAt)}; " +
                    "try again later or pass wait_seconds.",
            };
        }

        var json = McpJson.Lock(l);
        json.Insert(0, "acquired", true);
        json["outcome"] = attempt.Outcome switch
        {
            LockOutcome.Renewed => "renewed",
            LockOutcome.TakenOver => "taken_over",
            _ => "acquired",
        };
        if (attempt.Previous is { } previous)
        {
            json["taken_over_from"] = previous.Holder;
        }

        return json;
    }
}
