using Baton.Core.Coordination;

namespace Baton.Core.Messages;

/// <summary>
/// A send was refused because a recipient already holds <see cref="Limit"/> unread messages. Nothing was stored for any
/// recipient of the send. Retryable: the same send succeeds once the recipient has read or been delivered some messages.
/// A <see cref="CoordinationConflictException"/>, so the command line exits 1 and the MCP server answers with the message.
/// </summary>
public sealed class InboxFullException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="recipient">The recipient whose inbox is full.</param>
    /// <param name="unread">How many unread messages it holds.</param>
    /// <param name="limit">The most unread messages an inbox holds.</param>
    public InboxFullException(string recipient, int unread, int limit)
        : base($"inbox full: retry later ({recipient} holds {unread} unread messages, the limit is {limit}); nothing was sent to any recipient.")
    {
        Recipient = recipient;
        Unread = unread;
        Limit = limit;
    }

    /// <summary>The recipient whose inbox is full.</summary>
    public string Recipient { get; }

    /// <summary>How many unread messages it holds.</summary>
    public int Unread { get; }

    /// <summary>The most unread messages an inbox holds.</summary>
    public int Limit { get; }
}
