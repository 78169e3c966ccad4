using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Baton.Core.Text;

namespace Baton.Cli.CommandLine;

/// <summary>A System.CommandLine parse error said for a person: a value of an option or argument that is not a number names what is expected
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
        var (name, valueType, helpName, tokens) = error.SymbolResult switch
        {
            OptionResult { Option: { } option } result => (option.Name, option.ValueType, option.HelpName, result.Tokens),
            ArgumentResult { Argument: { } argument } result => ($"<{argument.Name}>", argument.ValueType, argument.HelpName, result.Tokens),
            _ => (null, null, null, null),
        };
        if (name is not null
            && (Nullable.GetUnderlyingType(valueType!) ?? valueType) is var type
            && (type == typeof(int) || type == typeof(long))
            && tokens!.Count > 0
            && !long.TryParse(tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            var unit = helpName switch
            {
                "SECONDS" or "S" => "a whole number of seconds",
                "MINUTES" => "a whole number of minutes",
                "DAYS" => "a whole number of days",
                _ => "a whole number",
            };
            return TerminalText.Printable($"'{tokens[^1].Value}' is not a valid {name}: give {unit}.");
        }

        return TerminalText.Printable(error.Message);
    }
}
