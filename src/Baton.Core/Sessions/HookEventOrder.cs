namespace Baton.Core.Sessions;

/// <summary>
/// Orders hook events of one session. Claude Code starts background (<c>async</c>) hooks in event order but runs them
/// in parallel, so they may reach the store out of order. The key is the hook process's start time (10 ms units) times 16
/// plus the event's rank within a turn (<see cref="HookEvents.RankOf"/>), which breaks ties in the same 10 ms.
/// </summary>
public static class HookEventOrder
{
    /// <summary>Builds the order key.</summary>
    /// <param name="hookProcessStart">The hook process's start time in 10 ms units since the Unix epoch.</param>
    /// <param name="eventName">A known hook event name.</param>
    /// <returns>A key that grows with time and, within one 10 ms, with the event's place in a turn.</returns>
    /// <exception cref="ArgumentException">The event is unknown.</exception>
    public static long Compose(long hookProcessStart, string eventName) =>
        checked((hookProcessStart * 16) + HookEvents.RankOf(eventName));
}
