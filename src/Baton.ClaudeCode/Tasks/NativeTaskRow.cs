using Baton.Core.Tasks;

namespace Baton.ClaudeCode.Tasks;

/// <summary>One task of a native list as Baton shows it: the file's task, its state in one word, the session holding its
/// claim and its open blockers.</summary>
/// <param name="Task">The task as its file holds it.</param>
/// <param name="State"><c>ready</c>, <c>blocked</c> or <c>claimed</c> for a pending task, else its status.</param>
/// <param name="ClaimedBy">The session holding its Baton claim (<see cref="NativeTaskSettings.ClaimResource"/>), or null.</param>
/// <param name="OpenBlockers">The ids it waits for that are not completed.</param>
public sealed record NativeTaskRow(NativeTask Task, string State, string? ClaimedBy, IReadOnlyList<string> OpenBlockers);
