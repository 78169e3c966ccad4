using System.Text;
using System.Text.Json;

namespace Baton.Core.Coordination;

/// <summary>
/// The limits the <see cref="Coordinator"/> enforces before anything reaches the store. A request outside them fails with a
/// <see cref="UserErrorException"/> whose message says what was wrong and what is allowed, and nothing is stored.
/// </summary>
public static class CoordinationLimits
{
    /// <summary>The longest scope, key, resource, queue, subject or actor name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest event type, in characters.</summary>
    public const int MaxEventTypeLength = 100;

    /// <summary>The largest value, queue item, result or handoff text, in UTF-8 bytes (256 KiB).</summary>
    public const int MaxValueBytes = 256 * 1024;

    /// <summary>
    /// The longest request (one JSON-RPC message, one line) Baton's MCP server reads, in bytes (4 MiB); a longer one is
    /// refused unread. The largest legitimate request is a handoff, two texts of up to <see cref="MaxValueBytes"/> each;
    /// JSON escaping can make a text up to 6 times longer on the wire (<c>\u0001</c>), so 3 MiB and the envelope fit.
    /// </summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>The largest event metadata, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    /// <summary>The longest short text (a lock's reason, a progress phase or message, an event message), in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The lowest queue priority.</summary>
    public const int MinPriority = -1000;

    /// <summary>The highest queue priority.</summary>
    public const int MaxPriority = 1000;

    /// <summary>The most entries one listing returns.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>The shortest lock time-to-live or claim lease.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>The longest lock time-to-live or claim lease.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>The longest an acquire may wait for a lock.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private const string NameSymbols = ":_-./@";

    /// <summary>Checks a scope, key, queue, subject or actor name: 1–200 ASCII letters, digits and <c>:_-./@</c>.</summary>
    internal static void Name(string? value, string what) => Check(value, what, NameSymbols, MaxNameLength);

    /// <summary>Checks a lock resource: like a name, plus <c>*</c> (a file lease may name a glob, for example <c>file:src/*.cs</c>).</summary>
    internal static void Resource(string? value) => Check(value, "resource", NameSymbols + "*", MaxNameLength);

    /// <summary>Checks a glob pattern over names (null allowed): name characters plus <c>*</c> and <c>?</c>.</summary>
    internal static void Pattern(string? value, string what)
    {
        if (value is not null)
        {
            Check(value, what, NameSymbols + "*?", MaxNameLength);
        }
    }

    /// <summary>Checks an event type: 1–100 ASCII letters, digits and <c>_-.</c>.</summary>
    internal static void EventType(string? value) => Check(value, "event type", "_-.", MaxEventTypeLength);

    /// <summary>Checks a journal type pattern (null allowed): letters, digits, <c>_-.</c>, <c>*</c> and <c>?</c>.</summary>
    internal static void TypePattern(string? value)
    {
        if (value is not null)
        {
            Check(value, "type pattern", "_-.*?", MaxNameLength);
        }
    }

    /// <summary>Checks that <paramref name="value"/> is one JSON document of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    internal static void Json(string? value, string what, int maxBytes = MaxValueBytes)
    {
        if (value is null)
        {
            throw new UserErrorException($"A {what} is required: any JSON value, at most {maxBytes / 1024} KiB.");
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            throw new UserErrorException($"The {what} is {bytes} bytes; at most {maxBytes} bytes ({maxBytes / 1024} KiB) are allowed.");
        }

        try
        {
            using var _ = JsonDocument.Parse(value);
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"The {what} is not valid JSON ({Shorten(e.Message, 120)}); give one JSON value, for example {{\"a\": 1}}, \"text\" or 42.");
        }
    }

    /// <summary>Checks a text's length; null is refused, and blank too when <paramref name="required"/>.</summary>
    internal static void Text(string? value, string what, bool required, int maxLength = MaxTextLength)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            throw new UserErrorException($"A {what} is required (1-{maxLength} characters).");
        }

        if (value.Length > maxLength)
        {
            throw new UserErrorException($"The {what} has {value.Length} characters; at most {maxLength} are allowed.");
        }
    }

    /// <summary>Checks a free text by its UTF-8 size.</summary>
    internal static void LargeText(string? value, string what, bool required)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            throw new UserErrorException($"The {what} must not be empty (at most {MaxValueBytes / 1024} KiB).");
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxValueBytes)
        {
            throw new UserErrorException($"The {what} is {bytes} bytes; at most {MaxValueBytes} bytes ({MaxValueBytes / 1024} KiB) are allowed.");
        }
    }

    /// <summary>Checks a time-to-live or lease: 1 s to 24 h.</summary>
    internal static void Duration(TimeSpan value, string what)
    {
        if (value < MinDuration || value > MaxDuration)
        {
            throw new UserErrorException(
                $"A {what} of {value.TotalSeconds:0.###} s is out of range: use {MinDuration.TotalSeconds:0} s to {MaxDuration.TotalSeconds:0} s (24 h).");
        }
    }

    /// <summary>Checks a wait: 0 to <see cref="MaxWait"/>.</summary>
    internal static void Wait(TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > MaxWait)
        {
            throw new UserErrorException($"A wait of {value.TotalSeconds:0.###} s is out of range: use 0 to {MaxWait.TotalSeconds:0} s.");
        }
    }

    /// <summary>Checks an integer range.</summary>
    internal static void Range(long value, long min, long max, string what)
    {
        if (value < min || value > max)
        {
            throw new UserErrorException($"A {what} of {value} is out of range: use {min} to {max}.");
        }
    }

    private static void Check(string? value, string what, string symbols, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new UserErrorException($"A {what} is required: 1-{maxLength} characters of letters, digits and '{symbols}'.");
        }

        if (value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || symbols.Contains(c, StringComparison.Ordinal)))
        {
            throw new UserErrorException(
                $"'{Shorten(value, 60)}' is not a valid {what}: use 1-{maxLength} characters of ASCII letters, digits and '{symbols}'" +
                (value.Length > maxLength ? $" (it has {value.Length})." : "."));
        }
    }

    private static string Shorten(string text, int max)
    {
        var shown = Baton.Core.Text.TerminalText.Printable(text.Length <= max ? text : text[..max]);
        return text.Length <= max ? shown : shown + "...";
    }
}
