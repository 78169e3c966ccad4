using Baton.Core.Coordination;
using Baton.Core.Messages;

namespace Baton.Contracts.Sessions;

/// <summary>
/// A message thread a session took part in, in <c>baton history --json</c>:
/// <c>{"thread_id": 12, "messages": 3, "first_at": "...Z", "last_at": "...Z", "with": ["&lt;session_id&gt;" or "human", ...]}</c>.
/// </summary>
/// <param name="ThreadId">The thread's id (its first message's id; <c>baton send --thread</c> joins it).</param>
/// <param name="Messages">How many messages the thread holds, whoever sent them.</param>
/// <param name="FirstAt">When its first message was sent.</param>
/// <param name="LastAt">When its latest message was sent.</param>
/// <param name="With">Everyone else who sent or received one of its messages: session ids, or <c>human</c>.</param>
public sealed record ThreadJson(long ThreadId, int Messages, string FirstAt, string LastAt, List<string> With)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="thread">The thread as the store describes it for one participant.</param>
    /// <returns>The shape.</returns>
    public static ThreadJson From(ThreadParticipation thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return new(thread.ThreadId, thread.Messages, CoordinationJournalTypes.FormatTime(thread.FirstAt), CoordinationJournalTypes.FormatTime(thread.LastAt), [.. thread.With]);
    }
}
