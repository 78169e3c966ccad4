using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Contracts;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Text;
using Spectre.Console;

namespace Baton.Cli.Coordination;

/// <summary>What the coordination commands (<c>baton state|lock|queue|progress|events</c>) share: the coordinator, JSON
/// arguments, exit-code help and short texts for tables.</summary>
internal static class CoordinationCli
{
    /// <summary>The exit codes of the coordination commands, for their help.</summary>
    public const string ExitCodesHelp =
        "Acts as the current session when CLAUDE_CODE_SESSION_ID is set, else as 'human'. " +
        "Exit codes: 0 done; 1 refused or nothing there (a stale version or token, a lock held by another, an empty queue, " +
        "a missing key), with one line on stderr naming who holds or wrote it; 2 bad input (a name, a value that is not JSON, " +
        "a TTL out of range).";

    /// <summary>The argument value that means "read it from standard input".</summary>
    public const string StandardInput = "-";

    /// <summary>A coordinator over the context's store.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The coordinator.</returns>
    public static Coordinator Coordinator(this CliContext context) => new(context.Store, context.Environment.Time);

    /// <summary>
    /// Reads a JSON argument: <c>-</c> reads standard input; text that is plainly a bare word rather than JSON is refused with
    /// a hint to quote it. Other malformed JSON, and the size limit, are left to <see cref="Coordinator"/>'s checks.
    /// </summary>
    /// <param name="raw">The argument as given.</param>
    /// <param name="what">What it is, for messages (<c>value</c>, <c>item</c>, <c>result</c>).</param>
    /// <param name="plainTextAsString">Take plain text (not JSON, and not starting as JSON does: <c>{ [ " -</c> or a digit)
    /// as a JSON string instead of refusing it: <c>fix-login</c> is <c>"fix-login"</c>.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="UserErrorException">The text is a bare word (and <paramref name="plainTextAsString"/> is false), or
    /// standard input is empty.</exception>
    public static string ReadJson(string raw, string what, bool plainTextAsString = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        if (raw == StandardInput)
        {
            text = Console.In.ReadToEnd().Trim();
            if (text.Length == 0)
            {
                throw new UserErrorException($"The {what} read from standard input is empty; give one JSON value.");
            }
        }

        if (!IsJson(text) && IsBareWord(text))
        {
            if (plainTextAsString && text.Trim().Length > 0)
            {
                return JsonSerializer.Serialize(text, ContractJson.Default.String);
            }

            var shown = Shorten(text, 40).Replace("'", "", StringComparison.Ordinal);
            throw new UserErrorException(
                $"The {what} '{shown}' is not JSON; to give a string, quote it: '\"{shown}\"' (or pass JSON such as 42, true, {{\"a\": 1}}).");
        }

        return text;
    }

    /// <summary>Writes JSON text to standard output.</summary>
    /// <typeparam name="T">The shape.</typeparam>
    /// <param name="context">The command's context.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">Its source-generated type information (from <see cref="ContractJson"/>).</param>
    public static void WriteJson<T>(this CliContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        context.WriteJson(JsonSerializer.Serialize(value, type));

    /// <summary>Reports a command's result: <paramref name="value"/> as JSON with <c>--json</c>, else one line of text.</summary>
    /// <typeparam name="T">The JSON shape.</typeparam>
    /// <param name="context">The command's context.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <param name="value">The JSON shape of the result.</param>
    /// <param name="type">Its source-generated serialisation metadata.</param>
    /// <param name="text">The line for people.</param>
    /// <returns><see cref="ExitCodes.Ok"/>.</returns>
    public static int Report<T>(this CliContext context, bool json, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string text)
    {
        if (json)
        {
            context.WriteJson(value, type);
        }
        else
        {
            context.Output.WriteLine(text);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes a one-line refusal (<c>baton: ...</c>) to standard error and, with <c>--json</c>, <c>null</c> to
    /// standard output, and returns <see cref="ExitCodes.Condition"/>.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <param name="message">The message.</param>
    /// <returns><see cref="ExitCodes.Condition"/>.</returns>
    public static int NothingThere(this CliContext context, bool json, string message)
    {
        if (json)
        {
            context.WriteJson("null");
        }

        context.Error.WriteLine($"baton: {message}");
        return ExitCodes.Condition;
    }

    /// <summary>A session id shortened for tables; <c>human</c> stays.</summary>
    /// <param name="actor">A session id or <c>human</c>.</param>
    /// <returns>The short form.</returns>
    public static string Who(string actor) => SessionRegistry.ShortId(actor);

    /// <summary>Shortens text for a table cell: made printable (<see cref="TerminalText.Printable"/>), at most <paramref name="max"/> characters.</summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The longest result.</param>
    /// <returns>The shortened text.</returns>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = TerminalText.Printable(text);
        return flat.Length <= max ? flat : flat[..(max - 3)] + "...";
    }

    /// <summary>A table in the style of <c>baton ls</c>: simple border, columns that do not wrap.</summary>
    /// <param name="columns">The column headers.</param>
    /// <returns>The table.</returns>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        return table;
    }

    /// <summary>Whether a text is a plain name: 1–200 ASCII letters, digits and <c>:_-./@</c> (no glob characters).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for a plain name.</returns>
    public static bool IsPlainName(string text) =>
        text is { Length: > 0 and <= CoordinationLimits.MaxNameLength } && text.All(c => char.IsAsciiLetterOrDigit(c) || ":_-./@".Contains(c, StringComparison.Ordinal));

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Text a person typed meaning a string: it does not start like JSON (an object, array, string or number).</summary>
    private static bool IsBareWord(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length == 0 || !("{[\"-".Contains(trimmed[0], StringComparison.Ordinal) || char.IsAsciiDigit(trimmed[0]));
    }
}
