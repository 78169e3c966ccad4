namespace Baton.Core.Coordination;

/// <summary>Work handed from one session to the next: what to do and what to know, taken by exactly one session.</summary>
/// <param name="Subject">What is handed off, for example <c>issue:42</c>; one current handoff per subject.</param>
/// <param name="NextSteps">What the taker is to do next (free text).</param>
/// <param name="Context">What the taker needs to know (free text, often JSON or Markdown).</param>
/// <param name="To">The only session that may take it; null when anyone may.</param>
/// <param name="CreatedBy">Who handed it off: a <c>session_id</c> or <c>human</c>.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="TakenBy">Who took it; null while open.</param>
/// <param name="TakenAt">When it was taken (UTC); null while open.</param>
public sealed record Handoff(
    string Subject,
    string NextSteps,
    string Context,
    string? To,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? TakenBy,
    DateTimeOffset? TakenAt)
{
    /// <summary>True once a session took it.</summary>
    public bool IsTaken => TakenBy is not null;
}
