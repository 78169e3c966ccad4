namespace Baton.Bench;

/// <summary>A small text table: the first column left-aligned, the others right-aligned, two spaces apart.</summary>
internal sealed class Table
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with a header row.</summary>
    /// <param name="headers">The column names.</param>
    public Table(params string[] headers) => _rows.Add(headers);

    /// <summary>Adds a row; missing trailing cells are left blank.</summary>
    /// <param name="cells">The cells.</param>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table.</summary>
    /// <param name="output">Where.</param>
    public void Write(TextWriter output)
    {
        var columns = _rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => _rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var cells = Enumerable.Range(0, columns).Select(c =>
            {
                var cell = c < row.Length ? row[c] : "";
                return c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]);
            });
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
