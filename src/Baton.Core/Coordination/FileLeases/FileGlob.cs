namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// A path pattern of a file lease, relative to a project root, with <c>/</c> between segments. In a segment <c>*</c> matches
/// any run of characters but <c>/</c> (dot-files too) and <c>?</c> one character; a whole segment <c>**</c> matches any
/// number of segments (none included); every other character, <c>**</c> inside a longer segment being two <c>*</c>, matches
/// only itself. Comparison is ordinal, ignoring case on macOS and Windows (whose file systems usually do).
/// <para>
/// A lease on a folder is a lease on everything under it: <see cref="Covers"/> is true for a path the pattern matches or
/// that lies under a path it matches, and two leases <see cref="Overlaps"/> when some path is covered by both. Both answers
/// are exact (no approximation): they intersect the two patterns as automata, first over segments, then over the characters
/// of two segments.
/// </para>
/// </summary>
public sealed class FileGlob
{
    private static readonly Segment Globstar = new([], IsGlobstar: true);

    private readonly Segment[] _segments;

    private FileGlob(string pattern, Segment[] segments)
    {
        Pattern = pattern;
        _segments = segments;
    }

    /// <summary>The pattern as parsed (normalised, relative); empty for the project root itself.</summary>
    public string Pattern { get; }

    /// <summary>Whether the pattern has a wildcard (<c>*</c>, <c>?</c>); a pattern without one names one path.</summary>
    public bool IsLiteral => _segments.All(s => !s.IsGlobstar && s.Tokens.All(t => t.Kind == TokenKind.Char));

    /// <summary>Whether this build compares paths ignoring case (macOS, Windows).</summary>
    public static bool IgnoresCase { get; } = OperatingSystem.IsMacOS() || OperatingSystem.IsWindows();

    /// <summary>Parses a normalised relative pattern (see <see cref="ProjectPath.Normalize"/>).</summary>
    /// <param name="pattern">The pattern, for example <c>src/**/*.cs</c>; empty for the project root.</param>
    /// <returns>The glob.</returns>
    public static FileGlob Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new FileGlob(pattern, Split(pattern).Select(s => s == "**" ? Globstar : new Segment(Tokens(s, literal: false), false)).ToArray());
    }

    /// <summary>A glob that matches exactly one path, whatever characters it holds (<c>*</c> and <c>?</c> too).</summary>
    /// <param name="path">A normalised relative path; empty for the project root.</param>
    /// <returns>The glob.</returns>
    public static FileGlob Literal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileGlob(path, Split(path).Select(s => new Segment(Tokens(s, literal: true), false)).ToArray());
    }

    /// <summary>Whether the pattern matches <paramref name="path"/> itself.</summary>
    /// <param name="path">A normalised relative path.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(string path) => Intersect(_segments, Literal(path)._segments);

    /// <summary>Whether the pattern matches <paramref name="path"/> or one of the folders above it (a lease on a folder covers its content).</summary>
    /// <param name="path">A normalised relative path.</param>
    /// <returns>True when covered.</returns>
    public bool Covers(string path) => Intersect([.. _segments, Globstar], Literal(path)._segments);

    /// <summary>Whether <paramref name="path"/>, taken as a folder and all it holds, shares any path with what this pattern covers
    /// (for writes that may reach a whole tree, such as <c>rm -r</c> or <c>mv</c>).</summary>
    /// <param name="path">A normalised relative path.</param>
    /// <returns>True when they share a path.</returns>
    public bool CoversAnyUnder(string path) => Intersect([.. _segments, Globstar], [.. Literal(path)._segments, Globstar]);

    /// <summary>Whether some path is covered by both globs (each covering what it matches and everything under it).</summary>
    /// <param name="other">The other glob.</param>
    /// <returns>True when they overlap.</returns>
    public bool Overlaps(FileGlob other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Intersect([.. _segments, Globstar], [.. other._segments, Globstar]);
    }

    /// <inheritdoc/>
    public override string ToString() => Pattern;

    private static string[] Split(string pattern) => pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static Token[] Tokens(string segment, bool literal)
    {
        if (literal)
        {
            return segment.Select(c => new Token(TokenKind.Char, c)).ToArray();
        }

        var tokens = new List<Token>(segment.Length);
        foreach (var c in segment)
        {
            var kind = c switch { '*' => TokenKind.Star, '?' => TokenKind.One, _ => TokenKind.Char };
            if (kind == TokenKind.Star && tokens.Count > 0 && tokens[^1].Kind == TokenKind.Star)
            {
                continue;
            }

            tokens.Add(new Token(kind, c));
        }

        return [.. tokens];
    }

    /// <summary>Whether some sequence of non-empty segments is matched by both segment patterns: a search over pairs of positions.</summary>
    private static bool Intersect(Segment[] a, Segment[] b) => Reachable(
        a.Length,
        b.Length,
        (i, j) => (i < a.Length && a[i].IsGlobstar, j < b.Length && b[j].IsGlobstar),
        (i, j) => (a[i].IsGlobstar, b[j].IsGlobstar) switch
        {
            (true, true) => false,
            (true, false) or (false, true) => true,
            _ => Intersect(a[i].Tokens, b[j].Tokens),
        });

    /// <summary>Whether some string is matched by both segment patterns (one that only <c>*</c> patterns share, the empty
    /// string, is never the only one: they share every string).</summary>
    private static bool Intersect(Token[] a, Token[] b) => Reachable(
        a.Length,
        b.Length,
        (i, j) => (i < a.Length && a[i].Kind == TokenKind.Star, j < b.Length && b[j].Kind == TokenKind.Star),
        (i, j) => (a[i], b[j]) switch
        {
            ({ Kind: TokenKind.Star }, { Kind: TokenKind.Star }) => false,
            ({ Kind: TokenKind.Char } x, { Kind: TokenKind.Char } y) => Same(x.Value, y.Value),
            _ => true,
        });

    /// <summary>
    /// The product of two patterns as automata: state (i, j) means "the first i elements of one and the first j of the other
    /// are used up". A repeatable element (a <c>*</c> or a <c>**</c> segment) may be left (an empty match) or consume an
    /// element while staying; any other consumes one. The patterns share a word when (lengthA, lengthB) is reachable.
    /// </summary>
    /// <param name="lengthA">Elements of the first pattern.</param>
    /// <param name="lengthB">Elements of the second.</param>
    /// <param name="repeatable">At (i, j): whether element i of the first, and j of the second, is repeatable.</param>
    /// <param name="together">At (i, j), both in range: whether one element (a char or a segment) can be consumed by both.</param>
    private static bool Reachable(int lengthA, int lengthB, Func<int, int, (bool A, bool B)> repeatable, Func<int, int, bool> together)
    {
        var seen = new bool[lengthA + 1, lengthB + 1];
        var pending = new Stack<(int I, int J)>();
        pending.Push((0, 0));
        seen[0, 0] = true;
        while (pending.Count > 0)
        {
            var (i, j) = pending.Pop();
            if (i == lengthA && j == lengthB)
            {
                return true;
            }

            var (repeatA, repeatB) = repeatable(i, j);
            if (repeatA)
            {
                Visit(i + 1, j);
            }

            if (repeatB)
            {
                Visit(i, j + 1);
            }

            if (i < lengthA && j < lengthB && together(i, j))
            {
                Visit(repeatA ? i : i + 1, repeatB ? j : j + 1);
            }
        }

        return false;

        void Visit(int i, int j)
        {
            if (!seen[i, j])
            {
                seen[i, j] = true;
                pending.Push((i, j));
            }
        }
    }

    private static bool Same(char a, char b) => a == b || (IgnoresCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    private enum TokenKind
    {
        Char,
        One,
        Star,
    }

    private readonly record struct Token(TokenKind Kind, char Value);

    private sealed record Segment(Token[] Tokens, bool IsGlobstar);
}
