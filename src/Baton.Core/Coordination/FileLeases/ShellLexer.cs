using System.Text;

namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// Splits a POSIX shell command line into words and operators, enough to see which files it plainly writes (see
/// <see cref="ShellWrites"/>). A word whose value the shell would only know when running it (a parameter, a command
/// substitution, a glob, a brace or tilde expansion) is marked <see cref="ShellToken.Certain"/> false. Here-document bodies
/// are skipped, comments dropped. A quote left open makes the whole line unreadable (null).
/// </summary>
internal static class ShellLexer
{
    /// <summary>Reads a command line.</summary>
    /// <param name="text">The command.</param>
    /// <returns>The tokens, or null when the line cannot be read (an unterminated quote or substitution).</returns>
    public static List<ShellToken>? Read(string text)
    {
        var tokens = new List<ShellToken>();
        var heredocs = new Queue<(string Delimiter, bool StripTabs)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r')
            {
                i++;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 2;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '\n')
            {
                tokens.Add(ShellToken.Op("\n"));
                i++;
                while (heredocs.Count > 0)
                {
                    var (delimiter, stripTabs) = heredocs.Dequeue();
                    i = SkipHeredoc(text, i, delimiter, stripTabs);
                }
            }
            else if (Operator(text, i) is { } op)
            {
                i += op.Length;
                var digits = op.TakeWhile(char.IsAsciiDigit).Count();
                var bare = op[digits..];
                if (bare is "<<" or "<<-")
                {
                    while (i < text.Length && text[i] is ' ' or '\t')
                    {
                        i++;
                    }

                    var word = Word(text, ref i);
                    if (word is null)
                    {
                        return null;
                    }

                    heredocs.Enqueue((word.Value.Raw, bare == "<<-"));
                    tokens.Add(ShellToken.Op(bare));
                    tokens.Add(ShellToken.Word(word.Value.Raw, certain: true));
                }
                else
                {
                    tokens.Add(ShellToken.Op(bare));
                }
            }
            else
            {
                var word = Word(text, ref i);
                if (word is null)
                {
                    return null;
                }

                tokens.Add(ShellToken.Word(word.Value.Value, word.Value.Certain));
            }
        }

        return tokens;
    }

    /// <summary>The operator at <paramref name="i"/> (with a leading file descriptor number for redirections), or null.</summary>
    private static string? Operator(string text, int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i > start && (i >= text.Length || text[i] is not ('<' or '>')))
        {
            return null;
        }

        string[] candidates = i > start
            ? [">>", ">|", ">&", "<<-", "<<<", "<<", "<&", "<>", ">", "<"]
            : ["&>>", "&&", "||", ";;", ">>", ">|", ">&", "&>", "<<-", "<<<", "<<", "<&", "<>", ">", "<", "|", "&", ";", "(", ")"];
        foreach (var candidate in candidates)
        {
            if (string.CompareOrdinal(text, i, candidate, 0, candidate.Length) == 0)
            {
                return text[start..i] + candidate;
            }
        }

        return null;
    }

    /// <summary>Reads one word from <paramref name="i"/>: its value after quote removal, its raw text, and whether its value is certain.</summary>
    private static (string Value, string Raw, bool Certain)? Word(string text, ref int i)
    {
        var value = new StringBuilder();
        var start = i;
        var certain = true;
        var first = true;
        var brace = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')')
            {
                break;
            }

            switch (c)
            {
                case '\\':
                    if (i + 1 < text.Length)
                    {
                        value.Append(text[i + 1]);
                    }

                    i += 2;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    value.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            return null;
                        }

                        var d = text[i];
                        if (d == '"')
                        {
                            i++;
                            break;
                        }

                        if (d == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`' or '\n')
                        {
                            value.Append(text[i + 1]);
                            i += 2;
                        }
                        else if (d is '$' or '`')
                        {
                            certain = false;
                            if (!SkipSubstitution(text, ref i))
                            {
                                return null;
                            }
                        }
                        else
                        {
                            value.Append(d);
                            i++;
                        }
                    }

                    break;
                case '$' or '`':
                    certain = false;
                    if (!SkipSubstitution(text, ref i))
                    {
                        return null;
                    }

                    break;
                default:
                    if (c is '*' or '?' or '[' || (c == '~' && first))
                    {
                        certain = false;
                    }

                    brace |= c == '{';

                    value.Append(c);
                    i++;
                    break;
            }

            first = false;
        }

        // A brace is an expansion ({a,b}, {1..3}) unless it is the word { that opens a group.
        var word = value.ToString();
        return (word, text[start..i], certain && (!brace || word == "{"));
    }

    /// <summary>Skips <c>$NAME</c>, <c>${...}</c>, <c>$(...)</c>, <c>$((...))</c>, <c>$'...'</c> or <c>`...`</c> at <paramref name="i"/>.</summary>
    /// <returns>False when it is not closed.</returns>
    private static bool SkipSubstitution(string text, ref int i)
    {
        if (text[i] == '`')
        {
            var close = i + 1;
            while (close < text.Length && text[close] != '`')
            {
                close += text[close] == '\\' ? 2 : 1;
            }

            i = close + 1;
            return close < text.Length;
        }

        i++;
        if (i >= text.Length)
        {
            return true;
        }

        switch (text[i])
        {
            case '(' or '{':
                var open = text[i];
                var closeChar = open == '(' ? ')' : '}';
                var depth = 0;
                while (i < text.Length)
                {
                    var c = text[i];
                    if (c == '\\')
                    {
                        i += 2;
                        continue;
                    }

                    if (c == '\'' && open == '(')
                    {
                        var end = text.IndexOf('\'', i + 1);
                        if (end < 0)
                        {
                            return false;
                        }

                        i = end + 1;
                        continue;
                    }

                    if (c == open)
                    {
                        depth++;
                    }
                    else if (c == closeChar && --depth == 0)
                    {
                        i++;
                        return true;
                    }

                    i++;
                }

                return false;
            case '\'':
                var quote = i + 1;
                while (quote < text.Length && text[quote] != '\'')
                {
                    quote += text[quote] == '\\' ? 2 : 1;
                }

                i = quote + 1;
                return quote < text.Length;
            default:
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i < text.Length && text[i] is '@' or '*' or '#' or '?' or '$' or '!' or '-' && text[i - 1] == '$')
                {
                    i++;
                }

                return true;
        }
    }

    /// <summary>Skips a here-document body starting at <paramref name="i"/> (the start of a line), past its delimiter line.</summary>
    private static int SkipHeredoc(string text, int i, string rawDelimiter, bool stripTabs)
    {
        var delimiter = rawDelimiter.Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal);
        while (i < text.Length)
        {
            var end = text.IndexOf('\n', i);
            var line = end < 0 ? text[i..] : text[i..end];
            i = end < 0 ? text.Length : end + 1;
            if ((stripTabs ? line.TrimStart('\t') : line).TrimEnd('\r') == delimiter)
            {
                break;
            }
        }

        return i;
    }
}

/// <summary>A word or an operator of a shell command line.</summary>
/// <param name="Text">A word's value after quote removal, or the operator (redirection operators without their descriptor number).</param>
/// <param name="IsOperator">True for an operator.</param>
/// <param name="Certain">For a word: whether its value is known without running the shell (no expansion in it).</param>
internal sealed record ShellToken(string Text, bool IsOperator, bool Certain)
{
    /// <summary>An operator.</summary>
    public static ShellToken Op(string text) => new(text, true, true);

    /// <summary>A word.</summary>
    public static ShellToken Word(string text, bool certain) => new(text, false, certain);
}
