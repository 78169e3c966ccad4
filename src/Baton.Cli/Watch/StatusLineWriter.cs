using System.Collections.Concurrent;
using System.Text;

namespace Baton.Cli.Watch;

/// <summary>
/// Stands in for <see cref="Console.Error"/> while the dashboard owns the screen: what code writes there (a notifier's
/// warning, say) is kept as lines for the status line instead of landing on top of the frame. Thread-safe.
/// </summary>
internal sealed class StatusLineWriter : TextWriter
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _current = new();
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                Flush();
            }
            else if (value != '\r')
            {
                _current.Append(value);
            }
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_lock)
        {
            if (_current.Length > 0)
            {
                _lines.Enqueue(_current.ToString());
                _current.Clear();
            }
        }
    }

    /// <summary>Takes the lines written so far.</summary>
    /// <returns>The lines, oldest first.</returns>
    public IReadOnlyList<string> Take()
    {
        Flush();
        var lines = new List<string>();
        while (_lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }
}
