using Baton.Core.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Baton.Cli.Rendering;

/// <summary>
/// A Spectre.Console render hook that makes the text of every segment printable (<see cref="TerminalText.Printable"/>)
/// before it is written, so a table cell or paragraph built from stored text cannot carry an escape sequence; the styles and
/// control codes Spectre.Console adds itself are kept. Cells should still be built from printable text, so their widths
/// are measured right.
/// </summary>
internal sealed class PrintableRenderHook : IRenderHook
{
    /// <inheritdoc/>
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
        renderables.Select(r => (IRenderable)new Printable(r));

    private sealed class Printable(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            inner.Render(options, maxWidth).Select(s => s.IsControlCode || s.IsLineBreak ? s : new Segment(TerminalText.Printable(s.Text), s.Style));
    }
}
