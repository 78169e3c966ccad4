using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Tasks;

/// <summary>
/// What a change of a Claude Code native task (<see cref="TaskJournalTypes.Native"/>) means for another session of the list,
/// in one line per task as <see cref="TaskNotices"/> hands it over: a completion tells the tasks that wait for nothing else
/// now (as the session's own to start, or as ready to claim), a claim or a start names who took the task, a new task is
/// told with its subject. Whose a task is: <see cref="NativeTaskOwner"/>.
/// </summary>
internal static class NativeTaskNotice
{
    /// <summary>Adds the lines an entry means for a session, keyed by the native task so a later change replaces them.</summary>
    /// <param name="store">The store (the session, the claims).</param>
    /// <param name="session">The session told.</param>
    /// <param name="list">The list.</param>
    /// <param name="entry">The <see cref="TaskJournalTypes.Native"/> entry.</param>
    /// <param name="by">Who made the change, as the line names them.</param>
    /// <param name="lines">The lines so far.</param>
    public static void Add(IBatonStore store, Session session, string list, JournalEntry entry, string by, Dictionary<(string List, string Id), string> lines)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(entry.Data ?? "");
        }
        catch (JsonException)
        {
            return;
        }

        if (Field(data, "id") is not { } id)
        {
            return;
        }

        var label = Label(list, id, Field(data, "subject"));
        var owner = Field(data, "owner");
        switch (Field(data, "status"))
        {
            case "completed":
                lines[(list, id)] = $"{label} was completed by {by}.";
                foreach (var waiting in data!["unblocked"] as JsonArray ?? [])
                {
                    if (Field(waiting, "id") is { } next)
                    {
                        var waitingLabel = Label(list, next, Field(waiting, "subject"));
                        lines[(list, next)] = IsOwn(store, session, list, next, Field(waiting, "owner"))
                            ? $"{waitingLabel}, yours, is now ready: {label} was completed by {by}, and it waits for nothing else. Start it."
                            : $"{waitingLabel} is now ready: {label} was completed by {by}" + (Field(waiting, "owner") is { } o ? $" (owner '{o}')." : "; nobody owns it.");
                    }
                }

                break;
            case "in_progress":
                lines[(list, id)] = $"{label} was started by {by}" + (owner is null ? "." : $" (owner '{owner}').");
                break;
            default:
                if (Field(data, "event") == HookEvents.TaskCreated)
                {
                    lines[(list, id)] = $"{label} was created by {by}.";
                }
                else if (owner is not null)
                {
                    lines[(list, id)] = IsOwn(store, session, list, id, owner)
                        ? $"{label} was set to owner '{owner}' by {by}."
                        : $"{label} was claimed by {by} (owner '{owner}').";
                }

                break;
        }
    }

    private static bool IsOwn(IBatonStore store, Session session, string list, string id, string? owner) =>
        NativeTaskOwner.Is(session, store.GetLock(NativeTaskSettings.ClaimResource(list, id))?.Holder, owner);

    private static string Label(string list, string id, string? subject) =>
        $"Claude Code task {list}#{id}" + (subject is { Length: > 0 } s ? $" '{Text.TerminalText.Printable(s)}'" : "");

    private static string? Field(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
