using Baton.Core.Coordination;

namespace Baton.Core.Messages;

/// <summary>
/// The store refused a send because a recipient is not an open session (unknown, or ended while the send was on its way).
/// Nothing was stored. <see cref="Messenger"/> turns it into a <see cref="UserErrorException"/> naming the status.
/// </summary>
public sealed class RecipientUnavailableException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="status">Its status as stored (for example <c>exited</c>), or null when no session has that id.</param>
    public RecipientUnavailableException(string recipient, string? status)
        : base(status is null
            ? $"No session '{recipient}'; nothing was sent."
            : $"The session {recipient} has {(status == "exited" ? "exited" : "ended")} (status {status}); nothing was sent.")
    {
        Recipient = recipient;
        Status = status;
    }

    /// <summary>The recipient.</summary>
    public string Recipient { get; }

    /// <summary>Its status as stored, or null when unknown.</summary>
    public string? Status { get; }
}
