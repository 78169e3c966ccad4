namespace Baton.Core.Storage;

/// <summary>Which sessions a listing returns.</summary>
/// <param name="IncludeOpen">Include sessions that have not ended.</param>
/// <param name="IncludeEnded">Include ended sessions (history).</param>
/// <param name="EndedFrom">With ended sessions: only those ended at or after this time (UTC); null for no bound.</param>
/// <param name="EndedBefore">With ended sessions: only those ended before this time (UTC); null for no bound.</param>
/// <param name="EndedBeforeId">With <paramref name="EndedBefore"/>: also the sessions that ended exactly then whose id sorts
/// before this one (ordinal), so that a session named as a page cursor and everything after it are left out, ties included.</param>
/// <param name="LastEnded">With ended sessions only: just this many of the matching sessions, those that ended last (by end
/// time, then id); null for all. The listing keeps its order.</param>
public sealed record SessionFilter(
    bool IncludeOpen,
    bool IncludeEnded,
    DateTimeOffset? EndedFrom = null,
    DateTimeOffset? EndedBefore = null,
    string? EndedBeforeId = null,
    int? LastEnded = null)
{
    /// <summary>Sessions that have not ended.</summary>
    public static SessionFilter Open { get; } = new(true, false);

    /// <summary>Every session.</summary>
    public static SessionFilter All { get; } = new(true, true);

    /// <summary>Sessions that ended in [<paramref name="from"/>, <paramref name="before"/>).</summary>
    /// <param name="from">Lower bound (UTC), inclusive.</param>
    /// <param name="before">Upper bound (UTC), exclusive.</param>
    /// <returns>The filter.</returns>
    public static SessionFilter EndedBetween(DateTimeOffset from, DateTimeOffset before) => new(false, true, from, before);
}
