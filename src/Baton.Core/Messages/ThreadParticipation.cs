namespace Baton.Core.Messages;

/// <summary>
/// A thread one participant took part in (it sent or received at least one of its messages), as history shows it: the
/// thread as a whole, with every message in it whoever sent it, and everyone else who took part. All times are UTC.
/// </summary>
/// <param name="ThreadId">The thread's id (the id of its first message).</param>
/// <param name="Messages">How many messages the thread holds.</param>
/// <param name="FirstAt">When its first message was sent.</param>
/// <param name="LastAt">When its latest message was sent.</param>
/// <param name="With">Everyone else who sent or received one of its messages (session ids, or <c>human</c>), in the order
/// they first appear in the thread: a message's sender before its recipients.</param>
public sealed record ThreadParticipation(long ThreadId, int Messages, DateTimeOffset FirstAt, DateTimeOffset LastAt, IReadOnlyList<string> With);
