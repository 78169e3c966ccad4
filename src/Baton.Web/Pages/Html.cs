using System.Globalization;
using System.Text.Encodings.Web;
using Baton.Core.Text;

namespace Baton.Web.Pages;

/// <summary>
/// The page's one way to put text into HTML: text any session controls (names, tasks, messages, lock reasons, journal
/// data) is made printable (<see cref="TerminalText"/>: terminal escapes and other control characters become spaces),
/// clipped to a length a page can show, then HTML-encoded, so it can never become markup or script.
/// </summary>
internal static class Html
{
    /// <summary>The most characters a table cell shows.</summary>
    public const int CellLength = 200;

    /// <summary>The most characters a message body or a journal entry's data shows.</summary>
    public const int BodyLength = 8000;

    /// <summary>One line of text, clipped to <paramref name="max"/> characters (an ellipsis marks the cut), encoded.</summary>
    /// <param name="text">The text; null is empty.</param>
    /// <param name="max">The most characters shown.</param>
    /// <returns>HTML text.</returns>
    public static string Text(string? text, int max = CellLength) => HtmlEncoder.Default.Encode(Clip(TerminalText.Printable(text), max));

    /// <summary>Text of several lines (a message body), clipped to <see cref="BodyLength"/>, encoded; show it in an element
    /// that keeps line breaks.</summary>
    /// <param name="text">The text; null is empty.</param>
    /// <returns>HTML text.</returns>
    public static string Lines(string? text) => HtmlEncoder.Default.Encode(Clip(TerminalText.PrintableLines(text), BodyLength));

    /// <summary>A value for an attribute or a URL path segment, encoded (never clipped: it names something).</summary>
    /// <param name="text">The text.</param>
    /// <returns>Encoded text.</returns>
    public static string Attribute(string? text) => HtmlEncoder.Default.Encode(TerminalText.Printable(text));

    /// <summary>A URL path segment, escaped for the URL, then for HTML.</summary>
    /// <param name="segment">The segment (a session id).</param>
    /// <returns>Encoded text.</returns>
    public static string Segment(string segment) => HtmlEncoder.Default.Encode(Uri.EscapeDataString(segment));

    /// <summary>A time as people read it here: UTC, to the second.</summary>
    /// <param name="at">The time.</param>
    /// <returns>HTML text.</returns>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A day as people read it here: UTC.</summary>
    /// <param name="at">A time in it.</param>
    /// <returns>HTML text such as <c>2026-12-06</c>.</returns>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An age: seconds, minutes, hours or days.</summary>
    /// <param name="age">The age.</param>
    /// <returns>Text such as <c>42s</c>, <c>5m</c>, <c>3h</c>.</returns>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s"),
        { TotalMinutes: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m"),
        { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays}d"),
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
