using System.Text;
using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Messages;

/// <summary>
/// Messages between sessions and people, as the <c>baton</c> command and the MCP server use them: send, broadcast, reply,
/// inbox and its wait, and the two-step delivery the hooks build on. It validates every request (a
/// <see cref="UserErrorException"/> saying what was wrong; nothing stored), resolves who may receive (only open, live
/// sessions; <c>human</c> for replies to a person), and leaves what has one winner to the store (<see cref="IMessageStore"/>):
/// the all-or-nothing inbox limit, and which taker gets which message. Not thread-safe (neither is the store).
/// </summary>
/// <remarks>
/// A reply goes to the sender of the message it answers only (replying to your own message goes to its recipients): with
/// many agents, reply-to-all would turn every answer to a broadcast into a storm. The thread keeps the conversation together.
/// <c>human</c> is a recipient like a session (its inbox is read with <c>baton inbox --session human</c>) but is never
/// addressed by a broadcast and has no hooks.
/// </remarks>
public sealed class Messenger
{
    /// <summary>How old another hook's claim must be before its messages are taken again, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>How many messages one take or inbox listing returns unless told otherwise.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The longest <see cref="WaitForMessagesAsync"/> waits.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    private readonly IMessageStore _store;
    private readonly SessionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Action<Message>? _sent;

    /// <summary>Creates a messenger.</summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The session registry over the same store: who is live, names and prefixes.</param>
    /// <param name="time">The clock that paces and bounds <see cref="WaitForMessagesAsync"/>.</param>
    /// <param name="inboxLimit">The most unread messages an inbox holds (see <see cref="MessageLimits.InboxLimit"/>).</param>
    /// <param name="sent">Called with each message once it is stored (for example <see cref="Notifications.UrgentMessageNotifier.OnSent"/>); null for nothing.</param>
    public Messenger(IMessageStore store, SessionRegistry registry, TimeProvider time, int inboxLimit = MessageLimits.DefaultInboxLimit, Action<Message>? sent = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(inboxLimit, 1);
        _store = store;
        _registry = registry;
        _time = time;
        _sent = sent;
        InboxLimit = inboxLimit;
    }

    /// <summary>
    /// Claude Code's <c>crossSessionInbound</c> choice that keeps other sessions' messages from a session, read by the caller:
    /// <c>refuse</c> or <c>hold</c> (held for its person to approve, which Baton cannot ask for), or null when the session
    /// takes them. A send from one session to such a session is refused, naming the choice; one from <c>human</c> is not.
    /// Null: every session takes them.
    /// </summary>
    public Func<Session, string?>? ClosedToOtherSessions { get; init; }

    /// <summary>
    /// The messenger the <c>baton</c> commands and the MCP server use: the inbox limit configured for <paramref name="home"/>,
    /// and a desktop notification for each urgent message when notifications are on (<see cref="Notifications.UrgentMessageNotifier"/>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The session registry over the same store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="home">Baton's home (settings, inbox limit).</param>
    /// <param name="notifier">What raises notifications.</param>
    /// <param name="closedToOtherSessions">The <see cref="ClosedToOtherSessions"/> rule, or null.</param>
    /// <returns>The messenger.</returns>
    /// <exception cref="UserErrorException">The configured inbox limit is not a number in range.</exception>
    public static Messenger ForHome(
        IMessageStore store, SessionRegistry registry, TimeProvider time, Home.BatonHome home, Notifications.INotifier notifier, Func<Session, string?>? closedToOtherSessions = null)
    {
        var urgent = new Notifications.UrgentMessageNotifier(home, registry, notifier);
        return new Messenger(store, registry, time, MessageLimits.InboxLimit(home), message => urgent.OnSent(message)) { ClosedToOtherSessions = closedToOtherSessions };
    }

    /// <summary>The most unread messages an inbox holds.</summary>
    public int InboxLimit { get; }

    /// <summary>Finds the session a person or agent names: a full id, a unique id prefix or a name; <c>human</c> as itself.</summary>
    /// <param name="target">The text.</param>
    /// <returns>The full session id, or <c>human</c>.</returns>
    /// <exception cref="UserErrorException">Nothing matches, or more than one session does.</exception>
    public string ResolveTarget(string target) =>
        target == SessionRegistry.HumanActor ? target : _registry.Resolve(target).SessionId;

    /// <summary>The live sessions of a project but <paramref name="except"/>: what <c>--project NAME</c> addresses.</summary>
    /// <param name="project">The project's name (its folder's name) or its root path.</param>
    /// <param name="except">Who is left out (the sender), or null.</param>
    /// <returns>Their session ids, oldest first.</returns>
    /// <exception cref="UserErrorException">No such live session.</exception>
    public IReadOnlyList<string> ProjectRecipients(string project, string? except)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            throw new UserErrorException("A project name is required: one of the projects of live sessions.", UserErrorRemedy.ListLiveSessions);
        }

        var ids = Reachable(except).Where(s => s.Project == project || s.ProjectRoot == project).Select(s => s.SessionId).ToList();
        return ids.Count > 0
            ? ids
            : throw new UserErrorException($"No live session of project '{project}'" + (except is null ? "" : " besides you") + ".", UserErrorRemedy.ListLiveSessions);
    }

    /// <summary>Sends a message to one session (or <c>human</c>).</summary>
    /// <param name="to">The recipient's full session id (a prefix or name is resolved too), or <c>human</c>.</param>
    /// <param name="body">The body: plain text, 1 character to 64 KiB, not blank.</param>
    /// <param name="sender">Who sends: a session id or <c>human</c>.</param>
    /// <param name="urgent">Whether it is urgent.</param>
    /// <param name="thread">The id of any message of a thread to join, or null to start a new thread.</param>
    /// <returns>The message as stored.</returns>
    /// <exception cref="UserErrorException">The body, sender or thread is not allowed, or the recipient is unknown, ended or
    /// still starting (the message names its status). Nothing was stored.</exception>
    /// <exception cref="InboxFullException">The recipient holds <see cref="InboxLimit"/> unread messages; retry later.</exception>
    public Message Send(string to, string body, string sender, bool urgent = false, long? thread = null) =>
        Send([to], body, sender, urgent, thread);

    /// <summary>Sends one message to several recipients, all or nothing.</summary>
    /// <param name="to">The recipients (duplicates are dropped), as in <see cref="Send(string, string, string, bool, long?)"/>.</param>
    /// <param name="body">The body.</param>
    /// <param name="sender">Who sends.</param>
    /// <param name="urgent">Whether it is urgent.</param>
    /// <param name="thread">The id of any message of a thread to join, or null.</param>
    /// <returns>The message as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, or a recipient cannot receive. Nothing was stored.</exception>
    /// <exception cref="InboxFullException">A recipient's inbox is full; nothing was stored for any recipient.</exception>
    public Message Send(IReadOnlyCollection<string> to, string body, string sender, bool urgent = false, long? thread = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        MessageLimits.Body(body);
        CoordinationLimits.Name(sender, "sender");
        if (to.Count == 0)
        {
            throw new UserErrorException("A recipient is required: a session id, id prefix or name.");
        }

        var recipients = to.Select(t => Recipient(t, sender)).Distinct(StringComparer.Ordinal).ToList();
        long? threadId = null;
        if (thread is { } joined)
        {
            threadId = (_store.GetMessage(joined) ?? throw new UserErrorException($"There is no message {joined} whose thread to join.", UserErrorRemedy.ListMessages)).ThreadId;
        }

        return Store(new MessageDraft(sender, recipients, body, urgent, ThreadId: threadId));
    }

    /// <summary>
    /// Keeps a message that another channel already delivered between two sessions (Claude Code's own SendMessage tool,
    /// seen by the sender's PostToolUse hook), so <c>baton thread</c>, history and the dashboards show every conversation
    /// between sessions: stored delivered and read (<see cref="MessageDraft.DeliveredBy"/>), never handed over again. A body
    /// over <see cref="MessageLimits.MaxBodyBytes"/> is kept cut to fit.
    /// </summary>
    /// <param name="to">The recipient as the sender named it: a session name (Claude Code's names are Baton's), id or
    /// unique id prefix.</param>
    /// <param name="body">What was said.</param>
    /// <param name="sender">The sending session's id.</param>
    /// <param name="deliveredBy">What delivered it, for example <c>claude</c>.</param>
    /// <returns>The message as kept, or null when <paramref name="to"/> names no open session other than the sender (a
    /// teammate Baton does not know, for example) or the body is blank.</returns>
    public Message? KeepDelivered(string to, string body, string sender, string deliveredBy)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(sender);
        if (string.IsNullOrWhiteSpace(body) || body.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        Session recipient;
        try
        {
            recipient = _registry.Resolve(to);
        }
        catch (UserErrorException)
        {
            return null;
        }

        if (recipient.IsEnded || recipient.SessionId == sender)
        {
            return null;
        }

        var kept = Encoding.UTF8.GetByteCount(body) <= MessageLimits.MaxBodyBytes ? body : CutToFit(body);
        try
        {
            return _store.SendMessage(new MessageDraft(sender, [recipient.SessionId], kept, Urgent: false, DeliveredBy: deliveredBy), InboxLimit);
        }
        catch (RecipientUnavailableException)
        {
            return null;
        }
    }

    private static string CutToFit(string body)
    {
        var bytes = 0;
        var length = 0;
        while (length < body.Length)
        {
            var step = char.IsHighSurrogate(body[length]) && length + 1 < body.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(body.AsSpan(length, step));
            if (bytes + size > MessageLimits.MaxBodyBytes)
            {
                break;
            }

            bytes += size;
            length += step;
        }

        return body[..length];
    }

    /// <summary>Sends one message to every live session but the sender (of one project, when given).</summary>
    /// <param name="body">The body.</param>
    /// <param name="sender">Who sends.</param>
    /// <param name="project">Only sessions of this project (its name or root path), or null for all.</param>
    /// <param name="urgent">Whether it is urgent.</param>
    /// <returns>The message as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, or no live session is there to receive it.</exception>
    /// <exception cref="InboxFullException">A recipient's inbox is full; nothing was stored for any recipient.</exception>
    public Message Broadcast(string body, string sender, string? project = null, bool urgent = false)
    {
        MessageLimits.Body(body);
        CoordinationLimits.Name(sender, "sender");
        var recipients = project is null
            ? Reachable(sender).Select(s => s.SessionId).ToList()
            : ProjectRecipients(project, sender);
        if (recipients.Count == 0)
        {
            throw new UserErrorException("No live session besides you to broadcast to.", UserErrorRemedy.ListLiveSessions);
        }

        return Store(new MessageDraft(sender, recipients, body, urgent));
    }

    /// <summary>Answers a message in its thread: to its sender, or, when you sent it yourself, to its recipients.</summary>
    /// <param name="messageId">The message answered.</param>
    /// <param name="body">The body.</param>
    /// <param name="sender">Who answers.</param>
    /// <param name="urgent">Whether it is urgent.</param>
    /// <returns>The reply as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, there is no such message, or its sender cannot receive.</exception>
    /// <exception cref="InboxFullException">The recipient's inbox is full.</exception>
    public Message Reply(long messageId, string body, string sender, bool urgent = false)
    {
        MessageLimits.Body(body);
        CoordinationLimits.Name(sender, "sender");
        var parent = _store.GetMessage(messageId) ?? throw new UserErrorException($"There is no message {messageId}.", UserErrorRemedy.ListMessages);
        var to = parent.Sender != sender
            ? [parent.Sender]
            : parent.Recipients.Select(r => r.Recipient).Where(r => r != sender).ToList();
        if (to.Count == 0)
        {
            throw new UserErrorException($"Message {messageId} was from you to you; there is no one else to answer.");
        }

        var recipients = to.Select(t => Recipient(t, sender)).Distinct(StringComparer.Ordinal).ToList();
        return Store(new MessageDraft(sender, recipients, body, urgent, ReplyTo: parent.Id));
    }

    /// <summary>Reads one message.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The message.</returns>
    /// <exception cref="UserErrorException">There is no such message.</exception>
    public Message Get(long id) => _store.GetMessage(id) ?? throw new UserErrorException($"There is no message {id}.");

    /// <summary>Reads the thread a message belongs to, oldest first.</summary>
    /// <param name="messageId">Any message of the thread.</param>
    /// <returns>The thread's messages.</returns>
    /// <exception cref="UserErrorException">There is no such message.</exception>
    public IReadOnlyList<Message> Thread(long messageId) => _store.GetThread(Get(messageId).ThreadId);

    /// <summary>Lists a recipient's messages (its unread ones, or its latest) and marks what it shows read.</summary>
    /// <param name="recipient">The recipient: a full session id or <c>human</c>.</param>
    /// <param name="unreadOnly">Only unread messages (oldest first); false: the latest, read or not.</param>
    /// <param name="markRead">Mark the unread ones shown as read (so hooks do not deliver them again).</param>
    /// <param name="limit">At most this many: 1 to <see cref="MessageLimits.MaxListLimit"/>.</param>
    /// <param name="reader">Who reads (the journal's actor); null for the recipient.</param>
    /// <returns>The messages, oldest first, each as it was before this call marked it read.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<Message> Inbox(string recipient, bool unreadOnly = true, bool markRead = true, int limit = DefaultLimit, string? reader = null)
    {
        CoordinationLimits.Name(recipient, "recipient");
        CoordinationLimits.Range(limit, 1, MessageLimits.MaxListLimit, "limit");
        if (reader is not null)
        {
            CoordinationLimits.Name(reader, "reader");
        }

        return _store.ReadInbox(recipient, unreadOnly, markRead, limit, reader ?? recipient);
    }

    /// <summary>Counts a recipient's messages.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns>Received and unread.</returns>
    public InboxCounts Counts(string recipient)
    {
        CoordinationLimits.Name(recipient, "recipient");
        return _store.CountInbox(recipient);
    }

    /// <summary>
    /// Waits until the recipient has an unread message or the time is up, looking at the store (one indexed read; no
    /// write) each time <paramref name="changes"/> says it may have changed (at least every <see cref="StoreFollower.Fallback"/>).
    /// </summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="timeout">How long to wait: 0 to <see cref="MaxWait"/>.</param>
    /// <param name="cancellationToken">Stops the wait (it then throws <see cref="OperationCanceledException"/>).</param>
    /// <param name="changes">Follows the store's changes (the one follower every wait uses).</param>
    /// <returns>True when an unread message is there; false on time-out.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public async Task<bool> WaitForMessagesAsync(string recipient, TimeSpan timeout, StoreFollower changes, CancellationToken cancellationToken = default)
    {
        CoordinationLimits.Name(recipient, "recipient");
        ArgumentNullException.ThrowIfNull(changes);
        if (timeout < TimeSpan.Zero || timeout > MaxWait)
        {
            throw new UserErrorException($"A wait of {timeout.TotalSeconds:0.###} s is out of range: use 0 to {MaxWait.TotalSeconds:0} s.");
        }

        var started = _time.GetTimestamp();
        while (true)
        {
            if (_store.CountInbox(recipient).Unread > 0)
            {
                return true;
            }

            var left = timeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await changes.WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Claims a recipient's unread messages for delivery into its context (see <see cref="IMessageStore.TakeForDelivery"/>).</summary>
    /// <param name="recipient">The recipient's full session id.</param>
    /// <param name="token">A token unique to this hook run (1-200 letters, digits and <c>:_-./@</c>).</param>
    /// <param name="staleAfter">How old another run's claim must be to take its messages again; null for <see cref="DefaultStaleAfter"/>.</param>
    /// <param name="limit">At most this many: 1 to <see cref="MessageLimits.MaxListLimit"/>.</param>
    /// <param name="characters">At most this many body characters in all, past the first message (1 or more; see <see cref="IMessageStore.TakeForDelivery"/>).</param>
    /// <returns>The messages claimed, oldest first; empty when none.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<Message> TakeForDelivery(string recipient, string token, TimeSpan? staleAfter = null, int limit = DefaultLimit, int characters = int.MaxValue)
    {
        CoordinationLimits.Name(recipient, "recipient");
        CoordinationLimits.Name(token, "token");
        CoordinationLimits.Range(limit, 1, MessageLimits.MaxListLimit, "limit");
        CoordinationLimits.Range(characters, 1, int.MaxValue, "characters");
        var stale = staleAfter ?? DefaultStaleAfter;
        if (stale < TimeSpan.FromMilliseconds(1) || stale > CoordinationLimits.MaxDuration)
        {
            throw new UserErrorException($"A stale time of {stale.TotalSeconds:0.###} s is out of range: use 1 ms to 24 h.");
        }

        return _store.TakeForDelivery(recipient, token, stale, limit, characters);
    }

    /// <summary>Marks what a token claimed as delivered (see <see cref="IMessageStore.ConfirmDelivered"/>).</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="token">The token given to <see cref="TakeForDelivery"/>.</param>
    /// <returns>The ids marked delivered.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<long> ConfirmDelivered(string recipient, string token)
    {
        CoordinationLimits.Name(recipient, "recipient");
        CoordinationLimits.Name(token, "token");
        return _store.ConfirmDelivered(recipient, token);
    }

    /// <summary>
    /// Hands a recipient its undelivered messages once, in the two steps of <see cref="IMessageStore"/>: takes them with a
    /// token of this call's own, passes them to <paramref name="handOver"/>, and confirms them delivered only when it says
    /// they were handed over. Messages taken but not confirmed (the hand-over failed, or the process died) are taken again
    /// after <see cref="DefaultStaleAfter"/>. Finding nothing takes no write lock.
    /// </summary>
    /// <param name="recipient">The recipient's full session id.</param>
    /// <param name="taker">Who takes, for the token (letters, e.g. <c>hook</c> or <c>wake</c>); the token adds this process's id and a GUID.</param>
    /// <param name="handOver">Gives the messages (oldest first) to the agent; returns whether that worked.</param>
    /// <param name="limit">At most this many: 1 to <see cref="MessageLimits.MaxListLimit"/>.</param>
    /// <param name="characters">At most this many body characters in all, past the first message (1 or more).</param>
    /// <returns>The messages handed over and confirmed; empty when there were none or the hand-over failed.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<Message> Deliver(string recipient, string taker, Func<IReadOnlyList<Message>, bool> handOver, int limit = DefaultLimit, int characters = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(handOver);
        var token = $"{taker}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var taken = TakeForDelivery(recipient, token, limit: limit, characters: characters);
        if (taken.Count == 0 || !handOver(taken))
        {
            return [];
        }

        ConfirmDelivered(recipient, token);
        return taken;
    }

    /// <summary>The sessions a message from <paramref name="sender"/> can reach now: live (process running), bound to Claude
    /// Code (not starting), not the sender, and, from another session, not one closed to other sessions' messages
    /// (<see cref="ClosedToOtherSessions"/>).</summary>
    private IEnumerable<Session> Reachable(string? sender) => _registry.List(includeEnded: false)
        .Where(s => s.Status is not (SessionStatus.Exited or SessionStatus.Starting) && s.SessionId != sender
            && Closed(s, sender) is null);

    /// <summary>Why <paramref name="session"/> takes no message from <paramref name="sender"/> (its
    /// <see cref="ClosedToOtherSessions"/> choice) when it is another session's; null for a person's (or one with no sender
    /// given), its own, or when the session takes them.</summary>
    private string? Closed(Session session, string? sender) =>
        sender is not null && sender != SessionRegistry.HumanActor && sender != session.SessionId ? ClosedToOtherSessions?.Invoke(session) : null;

    /// <summary>A recipient that can receive now, as its full id.</summary>
    private string Recipient(string target, string sender)
    {
        if (target == SessionRegistry.HumanActor)
        {
            return target;
        }

        var session = _registry.Resolve(target);
        var who = session.SessionId + (session.Name is { } name ? $" ({name})" : "");
        if (session.IsEnded || session.Status == SessionStatus.Exited)
        {
            var ended = session.EndedAt is { } at ? $", ended {CoordinationJournalTypes.FormatTime(at)}" : "";
            var reason = session.EndReason is { } why ? $", {why}" : "";
            throw new UserErrorException($"The session {who} has exited (status exited{ended}{reason}); nothing was sent.");
        }

        if (session.Status == SessionStatus.Starting)
        {
            throw new UserErrorException($"The session {who} is still starting (status starting); send again once it runs.");
        }

        switch (Closed(session, sender))
        {
            case null:
                break;
            case "hold":
                throw new UserErrorException($"The session {who} holds messages from other sessions for its person to approve (Claude Code's crossSessionInbound: hold), which Baton cannot ask for; nothing was sent. A person's message still reaches it.");
            case var choice:
                throw new UserErrorException($"The session {who} refuses messages from other sessions (Claude Code's crossSessionInbound: {choice}); nothing was sent.");
        }

        return session.SessionId;
    }

    private Message Store(MessageDraft draft)
    {
        try
        {
            var sent = _store.SendMessage(draft, InboxLimit);
            _sent?.Invoke(sent);
            return sent;
        }
        catch (RecipientUnavailableException e)
        {
            throw new UserErrorException(e.Message);
        }
    }
}
