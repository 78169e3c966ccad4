using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;

namespace Baton.Core.Tasks;

/// <summary>
/// How Baton guards a Claude Code native task list (the PreToolUse check of TaskUpdate): <c>off</c>, <c>warn</c> (the
/// default: the session is told, the update goes through) or <c>enforce</c> (the update is denied), the modes of file
/// leases (<see cref="FileLeaseMode"/>). Kept in scoped state: scope <c>tasks:&lt;list&gt;</c>, key <see cref="Key"/>, value
/// <c>{"mode": "enforce"}</c>, written through the <see cref="Coordinator"/> (one transaction, journaled as <c>state.set</c>).
/// </summary>
public static class NativeTaskSettings
{
    /// <summary>The key of the setting in the list's scope.</summary>
    public const string Key = "native_guard";

    /// <summary>The Baton lock that records a session's claim of a native task (taken by the PreToolUse check of a TaskUpdate
    /// that sets an owner): <c>native-task:&lt;list&gt;/&lt;id&gt;</c>.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The native task's id.</param>
    /// <returns>The lock's resource.</returns>
    public static string ClaimResource(string list, string id) => $"native-task:{list}/{id}";

    /// <summary>The list a claim lock is of (the inverse of <see cref="ClaimResource"/>).</summary>
    /// <param name="resource">A lock's resource.</param>
    /// <returns>The list, or null when the resource is not a native task's claim.</returns>
    public static string? ListOfClaim(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        const string Prefix = "native-task:";
        var slash = resource.LastIndexOf('/');
        return resource.StartsWith(Prefix, StringComparison.Ordinal) && slash > Prefix.Length ? resource[Prefix.Length..slash] : null;
    }

    /// <summary>The scope of a list's settings.</summary>
    /// <param name="list">The list.</param>
    /// <returns><c>tasks:&lt;list&gt;</c>.</returns>
    public static string ScopeOf(string list) => "tasks:" + list;

    /// <summary>Reads a list's mode (one indexed read).</summary>
    /// <param name="store">The store.</param>
    /// <param name="list">The list.</param>
    /// <returns>The mode; <see cref="FileLeaseMode.Warn"/> when never set.</returns>
    public static FileLeaseMode Read(ICoordinationStore store, string list)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetState(ScopeOf(list), Key) is { } entry ? FileLeaseSettings.ModeOf(entry.ValueJson) : FileLeaseMode.Warn;
    }

    /// <summary>Sets a list's mode.</summary>
    /// <param name="coordinator">The coordinator (validates, journals).</param>
    /// <param name="list">The list.</param>
    /// <param name="mode">The mode.</param>
    /// <param name="actor">Who sets it.</param>
    /// <returns>The entry as stored.</returns>
    /// <exception cref="UserErrorException">The list is not a valid name.</exception>
    public static StateEntry Write(Coordinator coordinator, string list, FileLeaseMode mode, string actor)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        return coordinator.StoreData(ScopeOf(list), Key, new JsonObject { ["mode"] = mode.ToWire() }.ToJsonString(), expectedVersion: null, actor);
    }
}
