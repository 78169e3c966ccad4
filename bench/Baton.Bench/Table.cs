using System.Globalization;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>A small text table: the first column left-aligned, the others right-aligned, two spaces apart.</summary>
internal sealed class Table
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with a header row.</summary>
    /// <param name="headers">The column names.</param>
    public Table(params string[] headers) => _rows.Add(headers);

    /// <summary>A table for <see cref="AddTimings"/> rows: the title, then samples, median, p95, min and max (ms).</summary>
    /// <param name="title">The first column's header.</param>
    /// <returns>The table.</returns>
    public static Table ForTimings(string title) => new(title, "samples", "median ms", "p95 ms", "min ms", "max ms");

    /// <summary>Adds a row; missing trailing cells are left blank.</summary>
    /// <param name="cells">The cells.</param>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Adds a row of timings: the label, the count, then the median, p95, min and max in milliseconds (two
    /// decimals), then <paramref name="more"/>; only the label and a count of 0 when there are no samples.</summary>
    /// <param name="label">The row's label.</param>
    /// <param name="milliseconds">The samples.</param>
    /// <param name="more">Cells after the timings.</param>
    public void AddTimings(string label, IReadOnlyCollection<double> milliseconds, params string[] more)
    {
        if (milliseconds.Count == 0)
        {
            Add(label, "0");
            return;
        }

        var s = Summary.Of(milliseconds);
        Add([label, s.Count.ToString(CultureInfo.InvariantCulture), Ms(s.Median), Ms(s.P95), Ms(s.Min), Ms(s.Max), .. more]);
    }

    /// <summary>Adds a row of ratios beside <see cref="AddTimings"/> rows: the label, a blank count, then the ratios of
    /// the medians, p95s, minimums and maximums of <paramref name="samples"/> to those of <paramref name="floor"/>.</summary>
    /// <param name="label">The row's label.</param>
    /// <param name="samples">The timings measured (ms).</param>
    /// <param name="floor">The timings they are compared with (ms).</param>
    public void AddRatios(string label, IReadOnlyCollection<double> samples, IReadOnlyCollection<double> floor)
    {
        var (a, b) = (Summary.Of(samples), Summary.Of(floor));
        Add(label, "", Ratio(a.Median, b.Median), Ratio(a.P95, b.P95), Ratio(a.Min, b.Min), Ratio(a.Max, b.Max));
    }

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
