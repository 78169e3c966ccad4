namespace Baton.Bench;

/// <summary>Order statistics of a set of timings (milliseconds); percentiles by nearest rank.</summary>
/// <param name="Count">How many samples.</param>
/// <param name="Median">The median (mean of the middle two for an even count).</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Min">The smallest sample.</param>
/// <param name="Max">The largest sample.</param>
/// <param name="Total">The sum of the samples.</param>
internal sealed record Summary(int Count, double Median, double P95, double P99, double Min, double Max, double Total)
{
    public static Summary Of(IReadOnlyCollection<double> samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new Summary(n, median, Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[0], sorted[^1], sorted.Sum());
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
