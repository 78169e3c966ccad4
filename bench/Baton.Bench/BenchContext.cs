using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Baton.Bench;

/// <summary>What a suite needs: its name, the run count override, the baton apphost and where to print.</summary>
/// <param name="Suite">The suite's name.</param>
/// <param name="Runs">The measured runs per row when given with <c>--runs</c>; null for the suite's default.</param>
/// <param name="Baton">The baton apphost the suite runs.</param>
/// <param name="BatonGiven">Whether <see cref="Baton"/> came from <c>--baton</c>.</param>
/// <param name="Output">Where the report goes.</param>
/// <param name="IdleSeconds">The idle interval of the <c>watch</c> and <c>messages</c> suites when given with <c>--idle-seconds</c>; null for their defaults.</param>
/// <param name="Scale">The <c>ls</c> suite's store when given with <c>--live</c> or <c>--ended</c>; null for its default.</param>
internal sealed record BenchContext(string Suite, int? Runs, string Baton, bool BatonGiven, TextWriter Output, int? IdleSeconds = null, LsScale? Scale = null)
{
    /// <summary>The configuration the bench (and with it the referenced baton) was built in.</summary>
    public static string Configuration { get; } =
        typeof(BenchContext).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";

    /// <summary>Prints the command that reproduces this suite, the machine (with its load as the suite starts), and the baton being measured.</summary>
    /// <param name="title">What the suite measures, one line.</param>
    /// <param name="runsBaton">Whether the suite starts the baton apphost (false for in-process suites).</param>
    /// <param name="options">The suite's own options as given, for example <c> --idle-seconds 10</c>.</param>
    public void WriteHeader(string title, bool runsBaton = true, string options = "")
    {
        var command = $"dotnet run -c {Configuration} --project bench/Baton.Bench -- {Suite}"
            + (Runs is { } runs ? $" --runs {runs}" : "")
            + options
            + (BatonGiven ? $" --baton {Baton}" : "");
        Output.WriteLine($"$ {command}");
        Output.WriteLine(
            $"machine: nproc={Environment.ProcessorCount}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, "
            + $"{RuntimeInformation.FrameworkDescription}{CpuModel()}{LoadAverage()}");
        Output.WriteLine($"suite:   {Suite}: {title}");
        if (runsBaton)
        {
            Output.WriteLine($"baton:   {Baton} ({(BatonGiven ? "given with --baton" : $"{Configuration} build referenced by the bench")})");
        }

        if (!string.Equals(Configuration, "Release", StringComparison.Ordinal))
        {
            Output.WriteLine($"warning: this is a {Configuration} build; figures worth quoting come from -c Release");
        }
    }

    /// <summary>The run count for a row: the override, else the suite's default.</summary>
    /// <param name="fallback">The suite's default.</param>
    /// <returns>The count.</returns>
    public int RunsOr(int fallback) => Runs ?? fallback;

    private static string CpuModel() => ReadOrEmpty(() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? ", " + line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : "");

    /// <summary>The load averages over 1, 5 and 15 minutes as the suite starts: other work on the machine skews the figures.</summary>
    private static string LoadAverage() => ReadOrEmpty(() =>
        ", load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1/5/15 min)");

    private static string ReadOrEmpty(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Formats milliseconds for the tables.</summary>
    /// <param name="ms">Milliseconds.</param>
    /// <returns>The text, two decimals.</returns>
    public static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats a ratio of two figures for the tables.</summary>
    /// <param name="a">The figure.</param>
    /// <param name="b">Its floor.</param>
    /// <returns>The text, two decimals and an x.</returns>
    public static string Ratio(double a, double b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
