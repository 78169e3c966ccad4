using System.Text;
using Spectre.Console;

namespace Baton.Cli.Watch;

/// <summary>
/// The terminal as the live dashboard uses it: the alternate screen with the cursor hidden, Ctrl-C read as a key, keys
/// polled without blocking, and frames drawn in one write that overwrites the screen line by line (no clearing, so no
/// flicker) and is skipped when nothing changed. <see cref="Leave"/> restores everything.
/// </summary>
internal sealed class WatchTerminal : IDisposable
{
    private const string Escape = "\u001b[";
    private readonly TextWriter _output;
    private readonly StringWriter _line = new();
    private readonly IAnsiConsole _ansi;
    private readonly StatusLineWriter _errors = new();
    private TextWriter? _error;
    private bool _entered;
    private bool _treatControlCAsInput;
    private string? _last;
    private bool _clear;

    /// <summary>Creates the terminal over standard output.</summary>
    /// <param name="output">Standard output (the terminal).</param>
    public WatchTerminal(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_line),
            Ansi = AnsiSupport.Yes,
            ColorSystem = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } ? ColorSystemSupport.NoColors : ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
        });
        _ansi.Profile.Width = 4096;
    }

    /// <summary>Whether standard input and output are both a terminal, so a live dashboard can run.</summary>
    /// <param name="output">The writer the command writes to.</param>
    /// <returns>True on a terminal.</returns>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsInputRedirected;

    /// <summary>The terminal's size now (it changes when the window is resized); 80x24 when it cannot be read.</summary>
    /// <returns>Columns and lines.</returns>
    public static (int Width, int Height) Size()
    {
        try
        {
            var width = Console.WindowWidth;
            var height = Console.WindowHeight;
            return (width > 0 ? width : 80, height > 0 ? height : 24);
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    /// <summary>Switches to the alternate screen, hides the cursor, reads Ctrl-C as a key and keeps what is written to
    /// <see cref="Console.Error"/> for <see cref="TakeErrors"/>.</summary>
    public void Enter()
    {
        _treatControlCAsInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        _error = Console.Error;
        Console.SetError(_errors);
        _entered = true;
        _last = null;
        _clear = false;
        Write($"{Escape}?1049h{Escape}?25l{Escape}H{Escape}2J");
    }

    /// <summary>Restores the terminal (<see cref="Leave"/>) and frees the line buffers.</summary>
    public void Dispose()
    {
        Leave();
        _line.Dispose();
        _errors.Dispose();
    }

    /// <summary>Back to the normal screen with the cursor shown, Ctrl-C a signal and <see cref="Console.Error"/> itself again
    /// (for an action, or at the end).</summary>
    public void Leave()
    {
        if (!_entered)
        {
            return;
        }

        _entered = false;
        if (_error is not null)
        {
            Console.SetError(_error);
        }

        try
        {
            Write($"{Escape}0m{Escape}?25h{Escape}?1049l");
            Console.TreatControlCAsInput = _treatControlCAsInput;
        }
        catch (IOException)
        {
            // The terminal is gone (SIGHUP): nothing left to restore.
        }
    }

    /// <summary>Reads a key when one was typed, without waiting.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether a key was read.</returns>
    public static bool TryReadKey(out ConsoleKeyInfo key)
    {
        if (Console.KeyAvailable)
        {
            key = Console.ReadKey(intercept: true);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>The lines written to <see cref="Console.Error"/> since the last call, while the dashboard was on screen.</summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> TakeErrors() => _errors.Take();

    /// <summary>Makes the next <see cref="Draw"/> write the frame even when unchanged (to cover what another process wrote).</summary>
    public void Repaint() => _last = null;

    /// <summary>Makes the next <see cref="Draw"/> clear the screen and write even an unchanged frame (after a resize).</summary>
    public void Invalidate()
    {
        _last = null;
        _clear = true;
    }

    /// <summary>Draws a frame of the terminal's height, each line at its row; skipped when it equals the last one drawn.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="width">The terminal's width the frame was made for.</param>
    public void Draw(DashboardFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var text = new StringBuilder();
        if (_clear)
        {
            text.Append(Escape).Append("2J");
        }

        for (var i = 0; i < frame.Lines.Count; i++)
        {
            var line = frame.Lines[i];
            text.Append(Escape).Append(i + 1).Append(";1H").Append(Ansi(line)).Append(Escape).Append("0m");

            // A line that fills the width leaves the cursor on its last cell, which "erase to end of line" would blank.
            if (CellText.Width(line.Text) < width)
            {
                text.Append(Escape).Append('K');
            }
        }

        var frameText = text.ToString();
        if (frameText != _last)
        {
            Write(frameText);
            _last = frameText;
            _clear = false;
        }
    }

    private string Ansi(FrameLine line)
    {
        var buffer = _line.GetStringBuilder();
        buffer.Clear();
        _ansi.Write(line.ToParagraph());
        return buffer.ToString();
    }

    private void Write(string text)
    {
        _output.Write(text);
        _output.Flush();
    }
}
