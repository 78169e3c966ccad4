namespace Baton.Core.Coordination;

/// <summary>A take of a handoff was refused: another session took it first, or it is addressed to another session.</summary>
public sealed class HandoffUnavailableException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="taker">Who asked.</param>
    /// <param name="current">The handoff as it is now.</param>
    public HandoffUnavailableException(string taker, Handoff current)
        : base(Describe(taker, current))
    {
        Taker = taker;
        Current = current;
    }

    /// <summary>Who asked.</summary>
    public string Taker { get; }

    /// <summary>The handoff as it is now (who took it and when, or whom it is for).</summary>
    public Handoff Current { get; }

    private static string Describe(string taker, Handoff handoff) => handoff.TakenBy is { } by
        ? $"The handoff of '{handoff.Subject}' was already taken by {by} at {Format(handoff.TakenAt!.Value)}."
        : $"The handoff of '{handoff.Subject}' is for {handoff.To}, not {taker}.";
}
