using System.Text.Json.Nodes;

namespace Baton.ClaudeCode.Settings;

/// <summary>Where one of Baton's hook objects sits in a settings object, and what it says.</summary>
/// <param name="EventKey">The key of the event array under <c>hooks</c> that holds it.</param>
/// <param name="Groups">That event array (of matcher groups).</param>
/// <param name="Group">The matcher group that holds it.</param>
/// <param name="Hooks">The group's <c>hooks</c> array.</param>
/// <param name="Hook">The hook object itself.</param>
/// <param name="ArgumentEvent">The event named after <c>"hook"</c> in its arguments (or at the end of an HTTP hook's URL).</param>
/// <param name="Command">The command it calls; null for an HTTP hook.</param>
/// <param name="Option">The option after the event in its arguments, or null.</param>
internal sealed record FoundBatonHook(
    string EventKey,
    JsonArray Groups,
    JsonObject Group,
    JsonArray Hooks,
    JsonObject Hook,
    string ArgumentEvent,
    HookCommand? Command,
    string? Option)
{
    /// <summary>Every Baton hook object under <c>settings.hooks</c>, in file order; parts of other shapes are skipped.</summary>
    public static List<FoundBatonHook> FindAll(JsonObject settings)
    {
        var found = new List<FoundBatonHook>();
        if (settings["hooks"] is not JsonObject events)
        {
            return found;
        }

        foreach (var (eventKey, groupsNode) in events)
        {
            if (groupsNode is not JsonArray groups)
            {
                continue;
            }

            foreach (var groupNode in groups)
            {
                if (groupNode is not JsonObject group || group["hooks"] is not JsonArray hooks)
                {
                    continue;
                }

                foreach (var hookNode in hooks)
                {
                    if (BatonHookEntry.TryRead(hookNode, out var argumentEvent, out var command, out var option))
                    {
                        found.Add(new FoundBatonHook(eventKey, groups, group, hooks, (JsonObject)hookNode!, argumentEvent, command, option));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Whether it is an HTTP hook (no <see cref="Command"/>).</summary>
    public bool IsHttp => Command is null;

    /// <summary>The group's <c>"matcher"</c> string, or null when it has none (or a non-string one).</summary>
    public string? Matcher => Group["matcher"] is JsonValue value && value.TryGetValue<string>(out var matcher) ? matcher : null;
}
