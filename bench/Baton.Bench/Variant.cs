namespace Baton.Bench;

/// <summary>One row of a whole-process suite: a command line, run many times, its timings collected.</summary>
/// <param name="Label">The row's label.</param>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Stdin">The payload piped to stdin, or null.</param>
/// <param name="Extra">Extra environment variables, or null.</param>
internal sealed record Variant(string Label, string FileName, string[] Arguments, byte[]? Stdin = null, IReadOnlyDictionary<string, string>? Extra = null)
{
    /// <summary>The timings of the measured runs, in milliseconds.</summary>
    public List<double> Samples { get; } = [];

    /// <summary>Runs the variant once.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="measured">Whether the run counts (false for a warm-up).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InvalidOperationException">The process exited non-zero.</exception>
    public ChildResult RunOnce(Sandbox sandbox, string workingDirectory, bool measured)
    {
        var result = ChildProcess.Run(FileName, Arguments, sandbox, workingDirectory, Stdin, Extra);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Label}' exited {result.ExitCode}: {result.Stderr.Trim()}");
        }

        if (measured)
        {
            Samples.Add(result.Milliseconds);
        }

        return result;
    }

    /// <summary>Runs every variant <paramref name="warmups"/> times unmeasured, then <paramref name="runs"/> times measured,
    /// interleaved (one of each per round) so drift in the machine's load affects all rows alike.</summary>
    /// <param name="variants">The rows.</param>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="warmups">Unmeasured rounds.</param>
    /// <param name="runs">Measured rounds.</param>
    /// <param name="check">Called with each outcome, to verify it did its work.</param>
    public static void RunRounds(
        IReadOnlyList<Variant> variants, Sandbox sandbox, string workingDirectory, int warmups, int runs, Action<Variant, ChildResult>? check = null)
    {
        for (var round = 0; round < warmups + runs; round++)
        {
            foreach (var variant in variants)
            {
                var result = variant.RunOnce(sandbox, workingDirectory, measured: round >= warmups);
                check?.Invoke(variant, result);
            }
        }
    }
}
