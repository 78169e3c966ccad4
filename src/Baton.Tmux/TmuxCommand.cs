namespace Baton.Tmux;

/// <summary>Builds the parts of <c>new-session</c> / <c>new-window</c> that carry the pane's command and environment.</summary>
internal static class TmuxCommand
{
    /// <summary>
    /// Appends <c>-e K=V</c> for each variable, then <c>--</c> and the command. tmux execs a command of two or more words
    /// directly, but hands a single word to <c>default-shell -c</c>; such a word is single-quoted when it holds anything
    /// a shell would interpret (a space, a quote, <c>$</c>…), so it still names exactly one program.
    /// </summary>
    public static void Append(List<string> args, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            args.Add("-e");
            args.Add($"{name}={value}");
        }

        if (command.Count == 0)
        {
            return;
        }

        args.Add("--");
        if (command.Count == 1)
        {
            args.Add(IsPlain(command[0]) ? command[0] : "'" + command[0].Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        }
        else
        {
            args.AddRange(command);
        }
    }

    /// <summary>Checks the command and environment a caller passed.</summary>
    /// <exception cref="ArgumentException">A command word is empty, or a variable name is empty or holds '='.</exception>
    public static void Validate(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        if (command.Count > 0 && string.IsNullOrEmpty(command[0]))
        {
            throw new ArgumentException("The command's program name is empty.", nameof(command));
        }

        foreach (var (name, value) in environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || value is null)
            {
                throw new ArgumentException($"Not a usable environment variable: '{name}'.", nameof(environment));
            }
        }
    }

    private static bool IsPlain(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '+' or ',' or ':' or '@' or '%') && word[0] != '-';
}
