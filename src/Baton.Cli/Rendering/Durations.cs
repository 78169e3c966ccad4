using System.Globalization;

namespace Baton.Cli.Rendering;

/// <summary>Short, human durations for tables: <c>42s</c>, <c>5m</c>, <c>3h12m</c>, <c>2d4h</c>.</summary>
internal static class Durations
{
    /// <summary>Formats a duration; negative ones (clock skew) show as <c>0s</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Short(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration switch
        {
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds}s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h{duration.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d{duration.Hours}h"),
        };
    }
}
