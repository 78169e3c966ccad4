using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>Progress on a subject: <c>{"subject", "phase", "percent", "message", "writer", "updated_at"}</c>.</summary>
/// <param name="Subject">What the progress is about.</param>
/// <param name="Phase">The current phase.</param>
/// <param name="Percent">How much is done, 0–100.</param>
/// <param name="Message">A short note (may be empty).</param>
/// <param name="Writer">Who set it.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record ProgressJson(string Subject, string Phase, int Percent, string Message, string Writer, string UpdatedAt)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The progress.</param>
    /// <returns>The shape.</returns>
    public static ProgressJson From(ProgressEntry entry) =>
        new(entry.Subject, entry.Phase, entry.Percent, entry.Message, entry.Writer, CoordinationJournalTypes.FormatTime(entry.UpdatedAt));
}
