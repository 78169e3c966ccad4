namespace Baton.ClaudeCode.Tasks;

/// <summary>A native task: <c>{id, subject, status, state, owner, claimed_by, blocked_by, open_blockers, blocks}</c>.</summary>
/// <param name="Id">Its id (a number as a string, as Claude Code writes it).</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Status"><c>pending</c>, <c>in_progress</c> or <c>completed</c>.</param>
/// <param name="State"><c>ready</c>, <c>blocked</c> or <c>claimed</c> for a pending task, else its status.</param>
/// <param name="Owner">Its <c>owner</c> as the model wrote it, or null.</param>
/// <param name="ClaimedBy">The session holding Baton's claim of it, or null.</param>
/// <param name="BlockedBy">The ids it waits for.</param>
/// <param name="OpenBlockers">The ids of <paramref name="BlockedBy"/> not completed.</param>
/// <param name="Blocks">The ids that wait for it.</param>
public sealed record NativeTaskJson(
    string Id, string Subject, string Status, string State, string? Owner, string? ClaimedBy,
    IReadOnlyList<string> BlockedBy, IReadOnlyList<string> OpenBlockers, IReadOnlyList<string> Blocks)
{
    /// <summary>The shape of a native task.</summary>
    /// <param name="r">The task.</param>
    /// <returns>The shape.</returns>
    public static NativeTaskJson From(NativeTaskRow r) =>
        new(r.Task.Id, r.Task.Subject, r.Task.Status, r.State, r.Task.Owner, r.ClaimedBy, r.Task.BlockedBy, r.OpenBlockers, r.Task.Blocks);
}
