using System.Globalization;
using System.Text;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Messages;

/// <summary>
/// The text an agent is handed with its undelivered messages: by the hooks that add context (as
/// <c>additionalContext</c>) and by the wake hook (as the feedback that starts a new turn). One block per message, headed by
/// its id, thread, sender (short id and name), time (UTC) and urgency, then its body; a last line says how to answer.
/// The whole text is at most <see cref="MaxLength"/> characters, so that Claude Code puts it into the model's request as it
/// is: a body that does not fit is cut, with a note saying how to read it whole (<c>baton thread ID</c> or the MCP tool
/// <c>thread</c>).
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
    /// <summary>
    /// The longest text handed over at once, in UTF-16 code units (characters). Claude Code (2.1.197) puts a hook's
    /// <c>additionalContext</c> of up to 10,000 characters into the model's request as it is; a longer one is saved to a
    /// file, and only a 2 KB preview and the file's path reach the model (pinned by <c>ClaudeCliFactsTests</c>).
    /// </summary>
    public const int MaxLength = 10_000;

    /// <summary>The most messages one delivery holds; the rest come with the next hook.</summary>
    public const int MaxMessages = 20;

    /// <summary>
    /// The most body characters one delivery takes (past its first message, which is taken however long): with the
    /// headers of <see cref="MaxMessages"/> messages (at most about 180 characters each) it stays within
    /// <see cref="MaxLength"/>, so only a single message longer than that is cut.
    /// </summary>
    public const int BodyCharacters = 6_000;

    /// <summary>The longest note that ends a cut body (the largest id and length).</summary>
    private static readonly int MaxCutNoteLength = CutNote(long.MaxValue, int.MaxValue).Length;

    /// <summary>
    /// Hands a recipient its undelivered messages once, as this text (<see cref="Messenger.Deliver"/>): at most
    /// <see cref="MaxMessages"/> messages and <see cref="BodyCharacters"/> body characters per take, formatted within
    /// <see cref="MaxLength"/>; the rest waits, in order, for the next delivery.
    /// </summary>
    /// <param name="messenger">The messenger over the store.</param>
    /// <param name="recipient">The recipient's full session id.</param>
    /// <param name="taker">Who takes, for the claim's token (for example <c>hook</c> or <c>wake</c>).</param>
    /// <param name="sessions">The store, to name the senders.</param>
    /// <param name="handOver">Gives the text to the agent; returns whether that worked (only then are the messages confirmed).</param>
    /// <returns>The messages handed over and confirmed; empty when there were none or the hand-over failed.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    /// <exception cref="StoreException">The store cannot be read or written.</exception>
    public static IReadOnlyList<Message> Deliver(Messenger messenger, string recipient, string taker, IStore sessions, Func<string, bool> handOver)
    {
        ArgumentNullException.ThrowIfNull(messenger);
        ArgumentNullException.ThrowIfNull(handOver);
        return messenger.Deliver(recipient, taker, taken => handOver(Format(taken, sessions)), MaxMessages, BodyCharacters);
    }

    /// <summary>Formats messages for the agent, within <see cref="MaxLength"/> characters.</summary>
    /// <param name="messages">The messages, oldest first; 1 to <see cref="MaxMessages"/>.</param>
    /// <param name="sessions">The store, to name their senders.</param>
    /// <returns>The text (no trailing line break), at most <see cref="MaxLength"/> characters.</returns>
    /// <exception cref="ArgumentException"><paramref name="messages"/> is empty or holds more than <see cref="MaxMessages"/>.</exception>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    public static string Format(IReadOnlyList<Message> messages, IStore sessions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(sessions);
        if (messages.Count is 0 or > MaxMessages)
        {
            throw new ArgumentException($"Give 1 to {MaxMessages} messages to format, not {messages.Count}.", nameof(messages));
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = messages.Select(message =>
        {
            if (!names.TryGetValue(message.Sender, out var sender))
            {
                sender = Who(message.Sender, sessions);
                names[message.Sender] = sender;
            }

            var at = message.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"\n[message #{message.Id} · thread #{message.ThreadId} · from {sender} · {at}{(message.Urgent ? " · urgent" : "")}]\n");
        }).ToList();
        var intro = string.Create(CultureInfo.InvariantCulture, $"Baton: {(messages.Count == 1 ? "1 new message" : $"{messages.Count} new messages")} from another session or a person.\n");
        var last = messages[^1].Id;
        var outro = string.Create(CultureInfo.InvariantCulture, $"\nTo answer, run `baton reply {last} \"your answer\"` with Bash, or call the Baton MCP tool reply(message_id: {last}, body: \"your answer\").");

        var fixedLength = intro.Length + outro.Length + headers.Sum(h => h.Length + 1);
        var bodies = Fit(messages, MaxLength - fixedLength);
        var text = new StringBuilder(intro);
        for (var i = 0; i < messages.Count; i++)
        {
            text.Append(headers[i]).Append(bodies[i]).Append('\n');
        }

        return text.Append(outro).ToString();
    }

    /// <summary>
    /// The bodies as they are when they fit into <paramref name="room"/> characters together; else, in order, each as much
    /// as fits while keeping room for a cut note for every later one, cut ones ending in a note saying how to read them whole.
    /// </summary>
    private static List<string> Fit(IReadOnlyList<Message> messages, int room)
    {
        if (messages.Sum(m => m.Body.Length) <= room)
        {
            return [.. messages.Select(m => m.Body)];
        }

        var bodies = new List<string>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var keep = room - (MaxCutNoteLength * (messages.Count - i - 1));
            var body = message.Body;
            if (body.Length > keep)
            {
                var note = CutNote(message.Id, body.Length);
                var length = Math.Max(0, keep - note.Length);
                if (length > 0 && char.IsHighSurrogate(body[length - 1]))
                {
                    length--; // never split a surrogate pair.
                }

                body = body[..length] + note;
            }

            bodies.Add(body);
            room -= body.Length;
        }

        return bodies;
    }

    /// <summary>What ends a cut body.</summary>
    private static string CutNote(long id, int length) => string.Create(
        CultureInfo.InvariantCulture,
        $"\n[… cut: the message has {length} characters; read it whole with `baton thread {id}` or the Baton MCP tool thread(message_id: {id})]");

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
