using Spectre.Console;

namespace Baton.Cli.Watch;

/// <summary>A run of text in one style.</summary>
/// <param name="Text">The text: printable characters only, already fitted to its cells.</param>
/// <param name="Style">Its style (colours are dropped in plain text).</param>
internal sealed record FrameSpan(string Text, Style Style);

/// <summary>One line of a frame, at most the frame's width in terminal cells.</summary>
/// <param name="Spans">The runs of text, left to right.</param>
internal sealed record FrameLine(IReadOnlyList<FrameSpan> Spans)
{
    /// <summary>The line without styles.</summary>
    public string Text => string.Concat(Spans.Select(s => s.Text));

    /// <summary>The line as a Spectre renderable.</summary>
    /// <returns>A paragraph.</returns>
    public Paragraph ToParagraph()
    {
        var paragraph = new Paragraph();
        foreach (var span in Spans.Where(s => s.Text.Length > 0))
        {
            paragraph.Append(span.Text, span.Style);
        }

        return paragraph;
    }
}

/// <summary>What the dashboard shows at one moment: lines that fit the width (and the height, when one was given).</summary>
/// <param name="Lines">The lines, top to bottom.</param>
internal sealed record DashboardFrame(IReadOnlyList<FrameLine> Lines)
{
    /// <summary>The lines without styles or trailing blanks.</summary>
    public IReadOnlyList<string> PlainLines => Lines.Select(l => l.Text.TrimEnd()).ToList();

    /// <summary>The frame as plain text, one <c>\n</c>-ended line each.</summary>
    /// <returns>The text.</returns>
    public string ToPlainText() => string.Concat(PlainLines.Select(l => l + "\n"));
}
