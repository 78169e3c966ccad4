using System.Globalization;

namespace Baton.ClaudeCode.Versions;

/// <summary>
/// A Claude Code release number (<c>major.minor.patch</c>) and the range of releases Baton supports: the one place that
/// knows which behaviour belongs to which release (see docs/claude-code.md). <c>test.sh</c> runs the whole suite against
/// <see cref="NewestTested"/> and a smoke run against <see cref="OldestSupported"/>.
/// </summary>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number.</param>
/// <param name="Patch">The patch number.</param>
public readonly record struct ClaudeCodeVersion(int Major, int Minor, int Patch) : IComparable<ClaudeCodeVersion>
{
    /// <summary>The oldest release Baton supports (the smoke run of <c>test.sh</c>).</summary>
    public static ClaudeCodeVersion OldestSupported { get; } = new(2, 1, 197);

    /// <summary>The newest release the whole test suite ran against (the one <c>test.sh</c> pins).</summary>
    public static ClaudeCodeVersion NewestTested { get; } = new(2, 1, 332);

    /// <summary>The first release seen with its own messaging socket (<c>messagingSocketPath</c> in its session registry,
    /// see docs/claude-code.md), through which the resident server wakes a session idle at its prompt without a wake hook.
    /// Releases between <see cref="OldestSupported"/> (which has none) and this one were not tried, so they count as without.</summary>
    public static ClaudeCodeVersion FirstWithMessagingSocket { get; } = new(2, 1, 332);

    /// <summary>Reads the version from <c>claude --version</c> output, for example <c>2.1.332 (Claude Code)</c>.</summary>
    /// <param name="text">The output.</param>
    /// <param name="version">The version, when the text starts with one.</param>
    /// <returns>Whether a version was read.</returns>
    public static bool TryParse(string? text, out ClaudeCodeVersion version)
    {
        version = default;
        var token = text?.Trim().Split(' ', 2)[0];
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
        {
            return false;
        }

        version = new ClaudeCodeVersion(major, minor, patch);
        return true;
    }

    /// <summary>Whether this release has its own messaging socket (<see cref="FirstWithMessagingSocket"/> or newer).</summary>
    public bool HasMessagingSocket => this >= FirstWithMessagingSocket;

    /// <summary>Where this release stands against the supported range.</summary>
    public ClaudeCodeSupport Support =>
        this < OldestSupported ? ClaudeCodeSupport.TooOld
        : this > NewestTested ? ClaudeCodeSupport.NewerThanTested
        : ClaudeCodeSupport.Tested;

    /// <inheritdoc/>
    public int CompareTo(ClaudeCodeVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    /// <summary>Whether <paramref name="left"/> is an older release than <paramref name="right"/>.</summary>
    public static bool operator <(ClaudeCodeVersion left, ClaudeCodeVersion right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is a newer release than <paramref name="right"/>.</summary>
    public static bool operator >(ClaudeCodeVersion left, ClaudeCodeVersion right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is the same or an older release than <paramref name="right"/>.</summary>
    public static bool operator <=(ClaudeCodeVersion left, ClaudeCodeVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is the same or a newer release than <paramref name="right"/>.</summary>
    public static bool operator >=(ClaudeCodeVersion left, ClaudeCodeVersion right) => left.CompareTo(right) >= 0;

    /// <summary>The release as <c>major.minor.patch</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
