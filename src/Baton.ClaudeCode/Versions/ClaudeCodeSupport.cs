namespace Baton.ClaudeCode.Versions;

/// <summary>Where a Claude Code release stands against the range Baton supports (<see cref="ClaudeCodeVersion"/>).</summary>
public enum ClaudeCodeSupport
{
    /// <summary>Older than <see cref="ClaudeCodeVersion.OldestSupported"/>: Baton's hooks may not work.</summary>
    TooOld,

    /// <summary>Within the supported range.</summary>
    Tested,

    /// <summary>Newer than <see cref="ClaudeCodeVersion.NewestTested"/>: expected to work, but not tested.</summary>
    NewerThanTested,
}
