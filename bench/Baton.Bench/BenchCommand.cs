using System.Globalization;

namespace Baton.Bench;

/// <summary>Parses the bench's arguments and runs the chosen suites.</summary>
internal static class BenchCommand
{
    private const string Usage =
        "usage: dotnet run -c Release --project bench/Baton.Bench -- <hook|ls|store|watch|coordination|tasks|taskwake|messages|hotpath|contention|registry|teamstore|web|writelock|all> [--runs N] [--baton PATH] [--idle-seconds N] [--live N] [--ended N]";

    private static readonly Dictionary<string, Func<BenchContext, bool>> Suites = new(StringComparer.Ordinal)
    {
        ["hook"] = HookSuite.Run,
        ["ls"] = LsSuite.Run,
        ["store"] = StoreSuite.Run,
        ["watch"] = WatchSuite.Run,
        ["coordination"] = CoordinationSuite.Run,
        ["tasks"] = TasksSuite.Run,
        ["taskwake"] = TaskWakeLatency.Run,
        ["messages"] = MessagesSuite.Run,
        ["hotpath"] = HotPathSuite.Run,
        ["contention"] = ContentionSuite.Run,
        ["registry"] = RegistrySuite.Run,
        ["teamstore"] = TeamStoreSuite.Run,
        ["web"] = WebSuite.Run,
        ["writelock"] = WriteLockSuite.Run,
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var suite, out var runs, out var baton, out var idleSeconds, out var scale, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        baton ??= Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "baton.exe" : "baton");
        if (!File.Exists(baton))
        {
            error.WriteLine($"No baton apphost at {baton}; build bench/Baton.Bench (it references src/Baton.Cli) or pass --baton PATH.");
            return 2;
        }

        var names = suite == "all" ? Suites.Keys.ToList() : [suite];
        var ok = true;
        foreach (var name in names)
        {
            var context = new BenchContext(name, runs, baton, args.Contains("--baton"), output, idleSeconds, scale);
            ok &= Suites[name](context);
            output.WriteLine();
        }

        return ok ? 0 : 1;
    }

    private static bool TryParse(
        string[] args, out string suite, out int? runs, out string? baton, out int? idleSeconds, out LsScale? scale, out string problem)
    {
        suite = "";
        runs = null;
        baton = null;
        idleSeconds = null;
        scale = null;
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 5:
                    runs = n;
                    i++;
                    break;
                case "--idle-seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 1:
                    idleSeconds = s;
                    i++;
                    break;
                case "--live" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var live) && live >= 1:
                    scale = (scale ?? LsScale.Default) with { Live = live };
                    i++;
                    break;
                case "--ended" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var ended):
                    scale = (scale ?? LsScale.Default) with { Ended = ended };
                    i++;
                    break;
                case "--baton" when i + 1 < args.Length:
                    baton = Path.GetFullPath(args[++i]);
                    break;
                case var name when suite.Length == 0 && (name == "all" || Suites.ContainsKey(name)):
                    suite = name;
                    break;
                default:
                    problem = $"Unexpected argument '{args[i]}' (--runs takes a number of at least 5, --idle-seconds and --live at least 1, --ended 0 or more).";
                    return false;
            }
        }

        problem = suite.Length == 0 ? "Name a suite." : "";
        return suite.Length > 0;
    }
}
