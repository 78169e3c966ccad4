using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using Baton.Core.Text;

namespace Baton.Cli.CommandLine;

/// <summary>A System.CommandLine parse error said for a person: a value that is not a number names what is expected
/// (<c>a whole number of seconds</c>), not a .NET type such as <c>System.Int32</c>; a whole number an option's own check
/// refused (a port out of range) keeps that check's message.</summary>
internal static class ParseErrorText
{
    /// <summary>The one-line text of a parse error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The text, printable.</returns>
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.SymbolResult is OptionResult { Option: { } option } result
            && (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) is var type
            && (type == typeof(int) || type == typeof(long))
            && result.Tokens.Count > 0
            && !long.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            var unit = option.HelpName switch
            {
                "SECONDS" or "S" => "a whole number of seconds",
                "MINUTES" => "a whole number of minutes",
                "DAYS" => "a whole number of days",
                _ => "a whole number",
            };
            return TerminalText.Printable($"'{result.Tokens[^1].Value}' is not a valid {option.Name}: give {unit}.");
        }

        return TerminalText.Printable(error.Message);
    }
}
