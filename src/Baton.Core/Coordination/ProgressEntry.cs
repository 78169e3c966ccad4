namespace Baton.Core.Coordination;

/// <summary>How far work on a subject has come, as its worker last said (kept as state in scope
/// <see cref="Coordinator.ProgressScope"/>, key = subject, value <c>{"phase": "...", "percent": 40, "message": "..."}</c>).</summary>
/// <param name="Subject">What the progress is about, for example <c>issue:42</c>.</param>
/// <param name="Phase">The current phase, for example <c>testing</c>.</param>
/// <param name="Percent">How much is done, 0–100.</param>
/// <param name="Message">A short note.</param>
/// <param name="Writer">Who set it.</param>
/// <param name="UpdatedAt">When (UTC).</param>
public sealed record ProgressEntry(string Subject, string Phase, int Percent, string Message, string Writer, DateTimeOffset UpdatedAt);
