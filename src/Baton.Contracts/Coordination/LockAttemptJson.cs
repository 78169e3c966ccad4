using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>The answer of <c>baton lock acquire</c>: <c>{"outcome", "granted", "lock": lock, "previous": lock|null}</c>.</summary>
/// <param name="Outcome"><c>acquired</c>, <c>renewed</c> (the caller held it already), <c>taken_over</c> (another holder's
/// lock had expired) or <c>held_by_another</c>.</param>
/// <param name="Granted">Whether the caller holds the lock now.</param>
/// <param name="Lock">Granted: the caller's lock (token, expiry); refused: the holder's lock.</param>
/// <param name="Previous">With <c>taken_over</c>, the expired lock that was replaced; else null.</param>
public sealed record LockAttemptJson(string Outcome, bool Granted, LockJson Lock, LockJson? Previous)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The shape.</returns>
    public static LockAttemptJson From(LockAttempt attempt) => new(
        attempt.Outcome switch
        {
            LockOutcome.Acquired => "acquired",
            LockOutcome.Renewed => "renewed",
            LockOutcome.TakenOver => "taken_over",
            _ => "held_by_another",
        },
        attempt.Granted,
        LockJson.From(attempt.Lock),
        attempt.Previous is { } previous ? LockJson.From(previous) : null);
}
