using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// A project's file lease mode, kept in scoped state where every session of the project (and the hook) reads it: scope
/// <c>project:&lt;project root&gt;</c>, key <see cref="Key"/>, value <c>{"mode": "enforce"}</c>. Written through the
/// <see cref="Coordinator"/>, so a change is one transaction with its journal entry (<c>state.set</c>). A root that is not a
/// valid scope name (characters other than letters, digits and <c>:_-./@</c>, or too long) is named by a hash instead:
/// <c>project:sha256.&lt;first 32 hex digits&gt;</c>.
/// </summary>
public static class FileLeaseSettings
{
    /// <summary>The key of the setting in the project's scope.</summary>
    public const string Key = "file_leases";

    /// <summary>The scope of a project's settings.</summary>
    /// <param name="projectRoot">The project root, absolute.</param>
    /// <returns>The scope name.</returns>
    public static string ScopeOf(string projectRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectRoot);
        var root = Path.TrimEndingDirectorySeparator(projectRoot);
        var scope = "project:" + root;
        return scope.Length <= CoordinationLimits.MaxNameLength && root.All(c => char.IsAsciiLetterOrDigit(c) || ":_-./@".Contains(c, StringComparison.Ordinal))
            ? scope
            : "project:sha256." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..32];
    }

    /// <summary>Reads a project's mode (one indexed read).</summary>
    /// <param name="store">The store.</param>
    /// <param name="projectRoot">The project root.</param>
    /// <returns>The mode and the entry it came from; <see cref="FileLeaseModes.Default"/> and null when never set (or unreadable).</returns>
    public static (FileLeaseMode Mode, StateEntry? Entry) Read(ICoordinationStore store, string projectRoot)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entry = store.GetState(ScopeOf(projectRoot), Key);
        return (entry is null ? FileLeaseModes.Default : ModeOf(entry.ValueJson), entry);
    }

    /// <summary>Sets a project's mode.</summary>
    /// <param name="coordinator">The coordinator (validates, journals).</param>
    /// <param name="projectRoot">The project root.</param>
    /// <param name="mode">The mode.</param>
    /// <param name="actor">Who sets it.</param>
    /// <returns>The entry as stored.</returns>
    public static StateEntry Write(Coordinator coordinator, string projectRoot, FileLeaseMode mode, string actor)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var value = new JsonObject { ["mode"] = mode.ToWire() }.ToJsonString();
        return coordinator.StoreData(ScopeOf(projectRoot), Key, value, expectedVersion: null, actor);
    }

    /// <summary>The mode a stored value names: <c>{"mode": "…"}</c> or a bare string; anything else is the default.</summary>
    /// <param name="valueJson">The stored value.</param>
    /// <returns>The mode.</returns>
    public static FileLeaseMode ModeOf(string valueJson)
    {
        try
        {
            var node = JsonNode.Parse(valueJson);
            var text = node switch
            {
                JsonObject o when o["mode"] is JsonValue m && m.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => null,
            };
            return FileLeaseModes.TryParse(text, out var mode) ? mode : FileLeaseModes.Default;
        }
        catch (JsonException)
        {
            return FileLeaseModes.Default;
        }
    }
}
