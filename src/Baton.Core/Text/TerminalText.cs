using System.Text;

namespace Baton.Core.Text;

/// <summary>
/// Baton's one terminal-text sanitiser: text any session controls (a task, a message body, a lock reason, a project name,
/// a session id) is passed through it before it reaches a person's terminal, so it cannot move the cursor, clear the
/// screen, change the title or write the clipboard. Every control character (C0 such as ESC, <c>\r</c> and BEL, DEL, and
/// C1 such as the one-character CSI <c>U+009B</c> and OSC <c>U+009D</c>) becomes a space; what followed an ESC stays as
/// visible, harmless text. JSON output does not need it: JSON escapes control characters itself.
/// </summary>
public static class TerminalText
{
    /// <summary>Replaces every control character, line breaks included, by a space: text for one line or one table cell.</summary>
    /// <param name="text">The text; null is empty.</param>
    /// <returns>Printable text, as long as <paramref name="text"/>.</returns>
    public static string Printable(string? text) => Replace(text, keepLineBreaks: false);

    /// <summary>Replaces every control character but <c>\n</c> by a space: text of several lines (a message body).</summary>
    /// <param name="text">The text; null is empty.</param>
    /// <returns>Printable text, as long as <paramref name="text"/>.</returns>
    public static string PrintableLines(string? text) => Replace(text, keepLineBreaks: true);

    private static string Replace(string? text, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        bool Unsafe(char c) => char.IsControl(c) && !(keepLineBreaks && c == '\n');
        if (!text.Any(Unsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(Unsafe(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
