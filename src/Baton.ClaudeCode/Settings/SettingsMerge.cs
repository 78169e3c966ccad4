using System.Text.Json.Nodes;
using Baton.Core.Home;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Adds Baton's hooks to, or removes them from, a parsed Claude Code settings object
/// <c>{"hooks": {"&lt;Event&gt;": [{"matcher": "...", "hooks": [ {hook}, ... ]}, ...]}, ...}</c>
/// (Claude Code settings, see docs/claude-code.md, "Hooks"). Pure: no I/O, and the input
/// is never modified; the result is a deep copy. Only Baton's own hook objects (see
/// <see cref="BatonHookEntry"/>) are touched: other tools' hooks, other groups and all unrelated
/// keys keep their values and order.
/// </summary>
public static class SettingsMerge
{
    /// <summary>
    /// Makes the settings call <paramref name="command"/> (and, for <see cref="HookRegistration.Http"/> registrations, the
    /// resident server at <paramref name="endpoint"/>) on exactly <paramref name="registrations"/>.
    /// For each registration, an existing Baton hook object of the same kind (command or HTTP) on that event with the same
    /// option in a group with the same matcher is replaced where it stands; otherwise a new group
    /// <c>{"matcher"?: ..., "hooks": [ {hook} ]}</c> is appended to <c>hooks.&lt;Event&gt;</c>
    /// (creating the event array and the <c>hooks</c> object at the end when missing). Every other
    /// Baton hook object (an old path, an event no longer registered, a duplicate) is removed as by
    /// <see cref="Uninstall"/>. Installing twice gives the same JSON, so the second
    /// <see cref="SettingsMergeResult.Changed"/> is false.
    /// </summary>
    /// <param name="settings">The settings file's root object.</param>
    /// <param name="command">How command hooks call Baton.</param>
    /// <param name="endpoint">The resident server's HTTP endpoint, or null to write every hook as a command hook.</param>
    /// <param name="registrations">The events to hook; at most one per event, option and matcher.</param>
    /// <exception cref="ArgumentNullException">An argument (other than <paramref name="endpoint"/>) or registration is null.</exception>
    /// <exception cref="ArgumentException">Two registrations name the same event, option and matcher.</exception>
    /// <exception cref="SettingsFormatException"><c>hooks</c> is not an object, or an event array Baton must append to is not an array.</exception>
    public static SettingsMergeResult Install(JsonObject settings, HookCommand command, LoopbackEndpoint? endpoint, IReadOnlyList<HookRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(registrations);
        var events = new HashSet<(string, string?, string?)>();
        foreach (var registration in registrations)
        {
            ArgumentNullException.ThrowIfNull(registration, nameof(registrations));
            if (!events.Add((registration.EventName, registration.Option, registration.Matcher)))
            {
                throw new ArgumentException($"The event '{registration.EventName}' {registration.Option} is registered twice.", nameof(registrations));
            }
        }

        var result = settings.DeepClone().AsObject();
        if (result.TryGetPropertyValue("hooks", out var hooksNode) && hooksNode is not JsonObject)
        {
            throw new SettingsFormatException($"\"hooks\" must be a JSON object, found {SettingsJson.Describe(hooksNode)}.");
        }

        var found = FoundBatonHook.FindAll(result);
        var stale = new List<FoundBatonHook>(found);
        var missing = new List<HookRegistration>();
        foreach (var registration in registrations)
        {
            var current = stale.Find(f =>
                f.EventKey == registration.EventName
                && f.ArgumentEvent == registration.EventName
                && f.Option == registration.Option
                && f.Matcher == registration.Matcher
                && f.IsHttp == BatonHookEntry.IsHttp(registration, endpoint));
            if (current is null)
            {
                missing.Add(registration);
                continue;
            }

            stale.Remove(current);
            current.Hooks[current.Hooks.IndexOf(current.Hook)] = BatonHookEntry.CreateHook(command, endpoint, registration);
        }

        var emptied = Remove(stale);
        foreach (var registration in missing)
        {
            AppendGroup(result, BatonHookEntry.CreateGroup(command, endpoint, registration), registration.EventName);
        }

        DropEmptied(result, emptied);
        return new SettingsMergeResult(result, !JsonNode.DeepEquals(settings, result));
    }

    /// <summary>
    /// Removes exactly Baton's hook objects. A matcher group whose <c>hooks</c> array becomes empty
    /// through this removal is removed; then an event array left empty is removed, and a
    /// <c>hooks</c> object left empty is removed. Groups, arrays or objects that were already empty
    /// stay. So install then uninstall on settings without a <c>hooks</c> key gives back the original.
    /// </summary>
    /// <param name="settings">The settings file's root object.</param>
    /// <returns>The settings without Baton's hooks; unchanged when there were none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public static SettingsMergeResult Uninstall(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = settings.DeepClone().AsObject();
        var found = FoundBatonHook.FindAll(result);
        DropEmptied(result, Remove(found));
        return new SettingsMergeResult(result, found.Count > 0);
    }

    /// <summary>Removes the hook objects, and groups they leave empty; returns the event keys that lost something.</summary>
    private static HashSet<string> Remove(IEnumerable<FoundBatonHook> hooks)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var found in hooks)
        {
            found.Hooks.Remove(found.Hook);
            if (found.Hooks.Count == 0)
            {
                found.Groups.Remove(found.Group);
            }

            touched.Add(found.EventKey);
        }

        return touched;
    }

    /// <summary>Removes event arrays that lost hooks and are now empty, then a <c>hooks</c> object left empty.</summary>
    private static void DropEmptied(JsonObject settings, HashSet<string> touchedEvents)
    {
        if (touchedEvents.Count == 0 || settings["hooks"] is not JsonObject hooks)
        {
            return;
        }

        foreach (var eventKey in touchedEvents)
        {
            if (hooks[eventKey] is JsonArray { Count: 0 })
            {
                hooks.Remove(eventKey);
            }
        }

        if (hooks.Count == 0)
        {
            settings.Remove("hooks");
        }
    }

    private static void AppendGroup(JsonObject settings, JsonObject group, string eventName)
    {
        if (settings["hooks"] is not JsonObject hooks)
        {
            hooks = [];
            settings["hooks"] = hooks;
        }

        if (!hooks.TryGetPropertyValue(eventName, out var groupsNode))
        {
            hooks[eventName] = new JsonArray(group);
            return;
        }

        if (groupsNode is not JsonArray groups)
        {
            throw new SettingsFormatException($"\"hooks.{eventName}\" must be a JSON array of matcher groups, found {SettingsJson.Describe(groupsNode)}.");
        }

        groups.Add(group);
    }
}
