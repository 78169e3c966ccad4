using Baton.Core.Sessions;

namespace Baton.Core.Storage;

/// <summary>A change to one session and the journal entry that records it, written together in one transaction.</summary>
/// <param name="Next">The session as it is to be stored.</param>
/// <param name="JournalType">The journal entry type, from <see cref="Journal.JournalTypes"/>.</param>
/// <param name="Actor">Who makes the change: a <c>session_id</c> or <c>human</c>.</param>
/// <param name="Data">The journal entry's details as a compact JSON object, or null.</param>
/// <param name="Replaces">The id of a session row this one takes the place of (deleted in the same transaction): a row
/// made by <c>baton new</c> before Claude Code named the session; null for none.</param>
/// <param name="KeepsCurrentAs">A key under which the row stored as <see cref="Session.SessionId"/> before this change is kept
/// (copied, in the same transaction) as it was: an ended run of a conversation being reopened
/// (<see cref="Sessions.ConversationRuns"/>); null to overwrite it.</param>
public sealed record SessionChange(Session Next, string JournalType, string Actor, string? Data, string? Replaces = null, string? KeepsCurrentAs = null);
