using System.Text;
using Baton.Core.Text;

namespace Baton.Cli.Rendering;

/// <summary>
/// A writer that passes text on made printable (<see cref="TerminalText.PrintableLines"/>): every control character but
/// <c>\n</c> becomes a space, so no text a command prints (plain lines, error messages) can carry an escape sequence to the
/// terminal. JSON passes unchanged: it holds no raw control characters.
/// </summary>
internal sealed class PrintableTextWriter : TextWriter
{
    private readonly TextWriter _inner;

    /// <summary>Creates a writer over another.</summary>
    /// <param name="inner">The writer that receives the printable text; not disposed by this one.</param>
    public PrintableTextWriter(TextWriter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        CoreNewLine = ['\n'];
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => _inner.Write(value == '\n' || !char.IsControl(value) ? value : ' ');

    /// <inheritdoc/>
    public override void Write(string? value) => _inner.Write(TerminalText.PrintableLines(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();
}
