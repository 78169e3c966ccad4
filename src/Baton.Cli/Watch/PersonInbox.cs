using Baton.Core.Messages;

namespace Baton.Cli.Watch;

/// <summary>The person's (<c>human</c>'s) unread messages as the dashboard shows them: how many, and the oldest few.</summary>
/// <param name="Unread">How many messages to <c>human</c> are unread.</param>
/// <param name="Oldest">The oldest unread ones, at most <see cref="Shown"/>, oldest first.</param>
internal sealed record PersonInbox(int Unread, IReadOnlyList<Message> Oldest)
{
    /// <summary>How many messages the dashboard shows under its header.</summary>
    public const int Shown = 3;

    /// <summary>No unread message.</summary>
    public static PersonInbox Empty { get; } = new(0, []);
}
