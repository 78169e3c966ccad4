namespace Baton.Core.Messages;

/// <summary>
/// The store side of messages between sessions. Every change (a send, a take, a delivery, a read) is one write transaction
/// that appends exactly one journal entry (types and data in <see cref="MessageJournalTypes"/>); what is decided with one
/// winner (the inbox limit, which taker gets which message) is decided inside that transaction; a refused change writes
/// nothing, and reads never write. Times come from the store's own clock. Implemented by the stores that implement
/// <see cref="Storage.IStore"/>; the contract suite in <c>tests/Baton.Storage.Contract</c> (<c>MessageContract</c>) holds
/// for all of them. Instances are not thread-safe. Every method throws <see cref="Storage.StoreException"/> when the store
/// cannot be read or written.
/// </summary>
/// <remarks>
/// Delivery into a session's context (the hooks) is two steps, so a hook that crashes between them loses nothing:
/// <see cref="TakeForDelivery"/> claims the recipient's unread messages with a token, the hook hands them over, then
/// <see cref="ConfirmDelivered"/> marks them delivered. A claim older than the stale time counts as abandoned and the
/// messages are taken again. A take never reaches past a message that another token holds by a live claim, so messages
/// reach a recipient in id order (hence in send order per sender) and two concurrent takers never get the same message.
/// Delivery counts as reading: a delivered message is no longer unread, and an inbox read stops it from being delivered.
/// </remarks>
public interface IMessageStore : IDisposable
{
    /// <summary>
    /// Stores a message for all its recipients at once, journaled as <see cref="MessageJournalTypes.Sent"/>. Its thread is
    /// the parent's thread with <see cref="MessageDraft.ReplyTo"/>, else <see cref="MessageDraft.ThreadId"/>, else its own id.
    /// </summary>
    /// <param name="draft">The message; recipients are full session ids, or <c>human</c>.</param>
    /// <param name="inboxLimit">The most unread messages a recipient may hold (1 or more).</param>
    /// <returns>The message as stored.</returns>
    /// <exception cref="InboxFullException">A recipient already holds <paramref name="inboxLimit"/> unread messages. Nothing
    /// was stored for any recipient.</exception>
    /// <exception cref="RecipientUnavailableException">A recipient other than <c>human</c> is not an open session. Nothing was stored.</exception>
    /// <exception cref="ArgumentException">The draft has no recipient, or its parent message or thread does not exist.</exception>
    Message SendMessage(MessageDraft draft, int inboxLimit);

    /// <summary>Reads one message.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The message, or null when none has that id.</returns>
    Message? GetMessage(long id);

    /// <summary>Reads a thread, oldest first.</summary>
    /// <param name="threadId">The thread's id (the id of its first message).</param>
    /// <returns>Its messages; empty when there is no such thread.</returns>
    IReadOnlyList<Message> GetThread(long threadId);

    /// <summary>
    /// Lists a recipient's messages and, with <paramref name="markRead"/>, marks the unread ones among them read in one
    /// transaction journaled as <see cref="MessageJournalTypes.Read"/> (no write when none was unread).
    /// </summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="unreadOnly">True: its oldest unread messages. False: its latest messages, read or not.</param>
    /// <param name="markRead">Mark what is listed read.</param>
    /// <param name="limit">At most this many (1 or more), oldest first in the answer.</param>
    /// <param name="actor">Who reads (the journal's actor).</param>
    /// <returns>The messages, each as it was before this call marked it read.</returns>
    IReadOnlyList<Message> ReadInbox(string recipient, bool unreadOnly, bool markRead, int limit, string actor);

    /// <summary>Counts a recipient's messages.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns>How many it received and how many of them are unread.</returns>
    InboxCounts CountInbox(string recipient);

    /// <summary>The unread counts of every recipient that has unread messages, for dashboards.</summary>
    /// <returns>Recipient to count.</returns>
    IReadOnlyDictionary<string, int> CountUnread();

    /// <summary>
    /// The threads participants took part in, as the sender or a recipient of at least one message, for history. Each thread
    /// is described whole (see <see cref="ThreadParticipation"/>), so one that went on after a session ended shows the later
    /// messages too. Messages are kept when their sessions end: this answers for ended sessions as for live ones.
    /// </summary>
    /// <param name="participants">The session ids (or <c>human</c>) to answer for; null for every participant there is.</param>
    /// <returns>Participant to its threads, oldest thread first; a participant that took part in none is left out.</returns>
    IReadOnlyDictionary<string, IReadOnlyList<ThreadParticipation>> ListThreads(IReadOnlyCollection<string>? participants);

    /// <summary>
    /// Claims a recipient's unread messages for delivery, in id order: those never taken, taken with this same
    /// <paramref name="token"/> (a retried take), or whose claim is at least <paramref name="staleAfter"/> old, stopping at the
    /// first message another token holds by a live claim, and before the first message whose body would bring the bodies
    /// taken past <paramref name="characters"/> (the first message is taken however long it is). Journaled as
    /// <see cref="MessageJournalTypes.Taken"/>; when there is nothing to take, nothing is written.
    /// </summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="token">The claim's token, unique per hook run.</param>
    /// <param name="staleAfter">How old another token's claim must be to be taken over (positive).</param>
    /// <param name="limit">At most this many messages (1 or more).</param>
    /// <param name="characters">At most this many body characters (Unicode code points) in all, past the first message (1 or more).</param>
    /// <returns>The messages claimed, oldest first; empty when none.</returns>
    IReadOnlyList<Message> TakeForDelivery(string recipient, string token, TimeSpan staleAfter, int limit, int characters);

    /// <summary>Marks the messages a token claimed and has not yet delivered as delivered (and read), journaled as
    /// <see cref="MessageJournalTypes.Delivered"/>; nothing is written when there are none (a stale claim taken over by
    /// another token is no longer this token's).</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="token">The claim's token.</param>
    /// <returns>The ids marked delivered, in order.</returns>
    IReadOnlyList<long> ConfirmDelivered(string recipient, string token);
}
