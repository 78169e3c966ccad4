using Baton.Core.Sessions;

namespace Baton.Core.Journal;

/// <summary>
/// One row of the journal: every change to the store appends exactly one, in the same transaction.
/// Followers read the journal from a sequence number, so nothing is missed.
/// </summary>
/// <param name="Sequence">The row's number, strictly increasing with each change, starting at 1.</param>
/// <param name="Type">What happened, a dotted name from <see cref="JournalTypes"/> such as <c>session.status</c>.</param>
/// <param name="Subject">What it happened to, for example <c>session:&lt;session_id&gt;</c>.</param>
/// <param name="Actor">Who did it: a <c>session_id</c>, or <c>human</c> for a person at the command line.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Data">Details as a compact JSON object (shape per <see cref="Type"/>), or null.</param>
/// <param name="Origin">Where the change was made, <c>user@host[pid]</c> of the Baton process that wrote it
/// (<see cref="ThisProcess.Origin"/>; <c>user@host</c> in entries written before Baton recorded the pid); null for
/// entries written before Baton recorded it.</param>
public sealed record JournalEntry(long Sequence, string Type, string Subject, string Actor, DateTimeOffset At, string? Data, string? Origin = null);
