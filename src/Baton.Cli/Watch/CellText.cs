using Spectre.Console;

namespace Baton.Cli.Watch;

/// <summary>Text fitted to terminal cells: control characters made harmless, long text cut with <c>…</c>.</summary>
internal static class CellText
{
    /// <summary>The mark of cut text.</summary>
    public const string Ellipsis = "…";

    /// <summary>How many cells the text takes.</summary>
    /// <param name="text">Printable text.</param>
    /// <returns>The cell count.</returns>
    public static int Width(string text) => text.GetCellWidth();

    /// <summary>Cuts the text to at most <paramref name="cells"/> cells, ending with <c>…</c> when cut.</summary>
    /// <param name="text">Printable text.</param>
    /// <param name="cells">The cells available (0 or more).</param>
    /// <returns>The text, at most that wide.</returns>
    public static string Truncate(string text, int cells)
    {
        if (Width(text) <= cells)
        {
            return text;
        }

        return cells <= 0 ? "" : Take(text, cells - 1) + Ellipsis;
    }

    /// <summary>Cuts the text's start so its end (what was typed last) stays visible: <c>…end</c>.</summary>
    /// <param name="text">Printable text.</param>
    /// <param name="cells">The cells available (0 or more).</param>
    /// <returns>The text, at most that wide.</returns>
    public static string TruncateStart(string text, int cells)
    {
        if (Width(text) <= cells)
        {
            return text;
        }

        if (cells <= 0)
        {
            return "";
        }

        var used = 0;
        var start = text.Length;
        while (start > 0 && used + text[start - 1].GetCellWidth() <= cells - 1)
        {
            start--;
            used += text[start].GetCellWidth();
        }

        if (start < text.Length && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        return Ellipsis + text[start..];
    }

    /// <summary>Fits the text to exactly <paramref name="cells"/> cells: cut, or padded with spaces.</summary>
    /// <param name="text">Printable text.</param>
    /// <param name="cells">The cells.</param>
    /// <returns>The fitted text.</returns>
    public static string Pad(string text, int cells)
    {
        var cut = Truncate(text, cells);
        var width = Width(cut);
        return width < cells ? cut + new string(' ', cells - width) : cut;
    }

    private static string Take(string text, int cells)
    {
        var used = 0;
        var end = 0;
        while (end < text.Length && used + text[end].GetCellWidth() <= cells)
        {
            used += text[end].GetCellWidth();
            end++;
        }

        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }
}
