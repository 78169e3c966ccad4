namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// Finds the files a shell command plainly writes, conservatively: only what can be told from the text alone, so a lease
/// check never blocks on a guess. Seen: output redirections (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&gt;|</c>, <c>&amp;&gt;</c>,
/// <c>N&gt;</c>), <c>tee</c>, <c>cp</c> and <c>mv</c> (the destination, and for <c>mv</c> the sources), <c>rm</c>,
/// <c>touch</c> and <c>sed -i</c>, in every simple command of lists, pipelines, subshells and here-documents, after
/// variable assignments and <c>sudo</c>/<c>command</c>/<c>exec</c>/<c>nohup</c>. A <c>cd</c> to a plain folder moves where
/// later relative paths start (undone when a subshell ends); after any other <c>cd</c> relative paths are unknown.
/// Left out: any path holding an expansion (<c>$VAR</c>, <c>$(...)</c>, globs, <c>~</c>, braces), commands run through
/// another program (<c>bash -c</c>, <c>xargs</c>, <c>find -exec</c>, interpreters), and all other programs.
/// </summary>
public static class ShellWrites
{
    private static readonly HashSet<string> Separators = new(StringComparer.Ordinal) { ";", "&&", "||", "|", "&", "\n", ";;", "(", ")" };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "!", "then", "do", "else", "elif", "if", "while", "until", "time", "{", "}", "done", "fi", "esac" };

    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "sudo", "command", "exec", "nohup", "builtin", "env" };

    /// <summary>Reads a command.</summary>
    /// <param name="command">The shell command, as the Bash tool got it.</param>
    /// <returns>The paths it writes (absolute, or relative to the folder the command starts in), each once; empty when none can be told.</returns>
    public static IReadOnlyList<WriteTarget> Find(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tokens = ShellLexer.Read(command);
        if (tokens is null)
        {
            return [];
        }

        var writes = new List<WriteTarget>();
        var directories = new Stack<string?>();
        string? directory = "";
        var current = new List<ShellToken>();
        foreach (var token in tokens.Append(ShellToken.Op("\n")))
        {
            if (!token.IsOperator || !Separators.Contains(token.Text))
            {
                current.Add(token);
                continue;
            }

            directory = Simple(current, directory, writes);
            current.Clear();
            if (token.Text == "(")
            {
                directories.Push(directory);
            }
            else if (token.Text == ")" && directories.Count > 0)
            {
                directory = directories.Pop();
            }
        }

        return writes.Distinct().ToList();
    }

    /// <summary>One simple command: records its writes, returns the folder later commands start in ("" for where it started, null for unknown).</summary>
    private static string? Simple(List<ShellToken> tokens, string? directory, List<WriteTarget> writes)
    {
        var words = new List<ShellToken>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsOperator)
            {
                words.Add(token);
                continue;
            }

            var target = i + 1 < tokens.Count && !tokens[i + 1].IsOperator ? tokens[i + 1] : null;
            if (target is not null)
            {
                i++;
            }

            var writesTarget = token.Text switch
            {
                ">" or ">>" or ">|" or "&>" or "&>>" or "<>" => true,
                ">&" => target is not null && target.Text != "-" && !target.Text.All(char.IsAsciiDigit),
                _ => false,
            };
            if (writesTarget && target is not null)
            {
                Add(writes, directory, target, subtree: false);
            }
        }

        var start = 0;
        while (start < words.Count && (IsAssignment(words[start]) || (words[start].Certain && Keywords.Contains(words[start].Text))
            || (words[start].Certain && Wrappers.Contains(words[start].Text) && start + 1 < words.Count && !words[start + 1].Text.StartsWith('-'))))
        {
            start++;
        }

        if (start >= words.Count || !words[start].Certain)
        {
            return directory;
        }

        var name = words[start].Text;
        name = name[(name.LastIndexOf('/') + 1)..];
        var args = words.Skip(start + 1).ToList();
        switch (name)
        {
            case "cd" or "pushd":
                return args is [{ Certain: true } dir] && dir.Text.Length > 0 && !dir.Text.StartsWith('-') ? Join(directory, dir.Text) : null;
            case "popd":
                return null;
            case "tee":
                Operands(args, withValue: "").ForEach(a => Add(writes, directory, a, subtree: false));
                break;
            case "rm":
                var recursive = args.Any(a => a.Text is "--recursive" || (IsShortOptions(a) && a.Text.AsSpan(1).IndexOfAny('r', 'R') >= 0));
                Operands(args, withValue: "").ForEach(a => Add(writes, directory, a, subtree: recursive));
                break;
            case "touch":
                Operands(args, withValue: "dtr").ForEach(a => Add(writes, directory, a, subtree: false));
                break;
            case "cp" or "mv":
                Copy(name == "mv", args, directory, writes);
                break;
            case "sed":
                Sed(args, directory, writes);
                break;
        }

        return directory;
    }

    /// <summary><c>cp</c>/<c>mv</c>: the destination (a file, or a folder receiving each source's name), and for <c>mv</c> the sources.</summary>
    private static void Copy(bool move, List<ShellToken> args, string? directory, List<WriteTarget> writes)
    {
        ShellToken? targetDirectory = null;
        var noTargetDirectory = false;
        var recursive = move;
        for (var i = 0; i < args.Count && args[i].Text != "--"; i++)
        {
            var a = args[i].Text;
            if (a is "-t" && i + 1 < args.Count)
            {
                targetDirectory = args[i + 1];
            }
            else if (a.StartsWith("--target-directory=", StringComparison.Ordinal))
            {
                targetDirectory = args[i] with { Text = a["--target-directory=".Length..] };
            }
            else if (a is "-T" or "--no-target-directory")
            {
                noTargetDirectory = true;
            }
            else if (a is "--recursive" || (IsShortOptions(args[i]) && a.AsSpan(1).IndexOfAny("rRa") >= 0))
            {
                recursive = true;
            }
        }

        var operands = Operands(args, withValue: "tS");
        var sources = targetDirectory is null ? operands.Take(Math.Max(0, operands.Count - 1)).ToList() : operands;
        var destination = targetDirectory ?? (operands.Count >= 2 ? operands[^1] : null);
        if (destination is null)
        {
            return;
        }

        if (move)
        {
            sources.ForEach(s => Add(writes, directory, s, subtree: true));
        }

        if (targetDirectory is null)
        {
            Add(writes, directory, destination, subtree: false);
        }

        if (noTargetDirectory || !destination.Certain)
        {
            return;
        }

        foreach (var source in sources.Where(s => s.Certain))
        {
            var baseName = source.Text.TrimEnd('/');
            baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
            if (baseName is not ("" or "." or ".."))
            {
                Add(writes, directory, destination with { Text = destination.Text.TrimEnd('/') + "/" + baseName }, subtree: recursive);
            }
        }
    }

    /// <summary><c>sed</c> with <c>-i</c>/<c>--in-place</c>: the files after the script (which is the first operand unless given with <c>-e</c>/<c>-f</c>).</summary>
    private static void Sed(List<ShellToken> args, string? directory, List<WriteTarget> writes)
    {
        var inPlace = false;
        var scriptGiven = false;
        var operands = new List<ShellToken>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i].Text;
            if (a == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                inPlace |= a.StartsWith("--in-place", StringComparison.Ordinal);
                var script = a.StartsWith("--expression", StringComparison.Ordinal) || a.StartsWith("--file", StringComparison.Ordinal);
                scriptGiven |= script;
                if ((script || a == "--line-length") && !a.Contains('=', StringComparison.Ordinal))
                {
                    i++;
                }
            }
            else if (IsShortOptions(args[i]))
            {
                // A cluster such as -n, -ni, -i.bak or -ne SCRIPT: i takes the rest as a suffix; e, f and l take a value.
                for (var k = 1; k < a.Length; k++)
                {
                    var letter = a[k];
                    if (letter == 'i')
                    {
                        inPlace = true;
                        if (a.Length == 2 && i + 1 < args.Count && args[i + 1] is { Certain: true, Text: "" })
                        {
                            i++; // BSD sed's -i '' (no backup suffix)
                        }

                        break;
                    }

                    if (letter is 'e' or 'f' or 'l')
                    {
                        scriptGiven |= letter != 'l';
                        if (k == a.Length - 1)
                        {
                            i++;
                        }

                        break;
                    }
                }
            }
            else
            {
                operands.Add(args[i]);
            }
        }

        if (inPlace)
        {
            foreach (var file in scriptGiven ? operands : operands.Skip(1))
            {
                Add(writes, directory, file, subtree: false);
            }
        }
    }

    /// <summary>The operands: the words that are not options (nor the values of the short options in <paramref name="withValue"/>), all words after <c>--</c>.</summary>
    private static List<ShellToken> Operands(List<ShellToken> args, string withValue)
    {
        var operands = new List<ShellToken>();
        var options = true;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (options && a.Text == "--")
            {
                options = false;
            }
            else if (options && a.Text.StartsWith('-') && a.Text.Length > 1)
            {
                if (!a.Text.StartsWith("--", StringComparison.Ordinal) && a.Text.Length == 2 && withValue.Contains(a.Text[1], StringComparison.Ordinal))
                {
                    i++;
                }
            }
            else
            {
                operands.Add(a);
            }
        }

        return operands;
    }

    private static bool IsShortOptions(ShellToken word) => word.Text.Length > 1 && word.Text[0] == '-' && word.Text[1] != '-';

    private static bool IsAssignment(ShellToken word)
    {
        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && (char.IsAsciiLetter(word.Text[0]) || word.Text[0] == '_') && word.Text[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    private static void Add(List<WriteTarget> writes, string? directory, ShellToken target, bool subtree)
    {
        if (!target.Certain || target.Text.Length == 0 || target.Text == "-")
        {
            return;
        }

        if (Join(directory, target.Text) is { } path)
        {
            writes.Add(new WriteTarget(path, subtree));
        }
    }

    /// <summary>A path from a folder: absolute paths stay; relative ones need a known folder.</summary>
    private static string? Join(string? directory, string path) => path.StartsWith('/')
        ? path
        : directory switch
        {
            null => null,
            "" => path,
            _ => directory.TrimEnd('/') + "/" + path,
        };
}
