using System.Globalization;
using System.Text;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Messages;

/// <summary>
/// The text an agent is handed with its undelivered messages: by the hooks that add context (as
/// <c>additionalContext</c>) and by the wake hook (as the feedback that starts a new turn). One block per message, headed by
/// its id, thread, sender (short id and name), time (UTC) and urgency, then its body; a last line says how to answer.
/// </summary>
/// <example>
/// <code>
/// Baton: 1 new message from another session or a person.
///
/// [message #12 · thread #10 · from 8a7b6c5d (alice) · 2026-11-21 07:40:12 UTC · urgent]
/// Please stop editing src/app.cs, I am on it.
///
/// To answer, run `baton reply 12 "your answer"` with Bash, or call the Baton MCP tool reply(message_id: 12, body: "your answer").
/// </code>
/// </example>
public static class MessageDeliveryText
{
    /// <summary>Formats messages for the agent.</summary>
    /// <param name="messages">The messages, oldest first; at least one.</param>
    /// <param name="sessions">The store, to name their senders.</param>
    /// <returns>The text (no trailing line break).</returns>
    /// <exception cref="ArgumentException"><paramref name="messages"/> is empty.</exception>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    public static string Format(IReadOnlyList<Message> messages, IStore sessions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(sessions);
        if (messages.Count == 0)
        {
            throw new ArgumentException("There is no message to format.", nameof(messages));
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Baton: {(messages.Count == 1 ? "1 new message" : $"{messages.Count} new messages")} from another session or a person.\n");
        foreach (var message in messages)
        {
            if (!names.TryGetValue(message.Sender, out var sender))
            {
                sender = Who(message.Sender, sessions);
                names[message.Sender] = sender;
            }

            var at = message.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"\n[message #{message.Id} · thread #{message.ThreadId} · from {sender} · {at}{(message.Urgent ? " · urgent" : "")}]\n");
            text.Append(message.Body).Append('\n');
        }

        var last = messages[^1].Id;
        text.Append(CultureInfo.InvariantCulture, $"\nTo answer, run `baton reply {last} \"your answer\"` with Bash, or call the Baton MCP tool reply(message_id: {last}, body: \"your answer\").");
        return text.ToString();
    }

    /// <summary>How a sender is named: <c>8a7b6c5d (alice)</c>, the short id alone for an unnamed session, <c>a person (human)</c>.</summary>
    private static string Who(string actor, IStore sessions)
    {
        if (actor == SessionRegistry.HumanActor)
        {
            return "a person (human)";
        }

        var shortId = SessionRegistry.ShortId(actor);
        return sessions.GetSession(actor) is { Name: { } name } ? $"{shortId} ({name})" : shortId;
    }
}
