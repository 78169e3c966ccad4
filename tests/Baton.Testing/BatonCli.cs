namespace Baton.Testing;

/// <summary>Runs the real <c>baton</c> program (the apphost built beside the tests) in a sandbox: throwaway HOME and BATON_HOME.</summary>
public sealed class BatonCli
{
    private readonly BatonSandbox _sandbox;

    /// <summary>Creates a runner for a sandbox.</summary>
    public BatonCli(BatonSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
    }

    /// <summary>The <c>baton</c> apphost copied into the test output by the reference to src/Baton.Cli.</summary>
    public static string ExecutablePath
    {
        get
        {
            var path = System.IO.Path.Combine(AppContext.BaseDirectory, "baton");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The baton apphost is not at {path}; does this test project reference src/Baton.Cli?");
        }
    }

    /// <summary>
    /// The <c>baton-relay</c> the tests run: the one <c>BATON_RELAY</c> names (./test.sh publishes the Native AOT relay a
    /// user gets and sets it), else the JIT build copied beside <c>baton</c>.
    /// </summary>
    public static string RelayPath
    {
        get
        {
            var configured = System.Environment.GetEnvironmentVariable("BATON_RELAY");
            var path = string.IsNullOrEmpty(configured) ? System.IO.Path.Combine(AppContext.BaseDirectory, "baton-relay") : configured;
            return File.Exists(path) ? path : throw new FileNotFoundException($"baton-relay is not at {path}; run ./test.sh, or build src/Baton.Cli.");
        }
    }

    /// <summary>Where <c>baton hooks install</c> and <c>baton mcp install</c> point for this sandbox: a native relay (one
    /// <c>BATON_RELAY</c> names, without its dll beside it) is copied into the Baton home; a JIT one is used where it is.</summary>
    public string InstalledRelayPath =>
        File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(RelayPath)!, "baton-relay.dll"))
            ? RelayPath
            : System.IO.Path.Combine(_sandbox.BatonHome, "bin", "baton-relay");

    /// <summary>Runs <c>baton-relay --baton BATON hook ARGS</c> as Claude Code's hooks run it: the relay forwards the call to
    /// the sandbox's resident server, or records it through <paramref name="baton"/> (default: the real baton) when none answers.</summary>
    public Task<ProcessResult> RelayAsync(IEnumerable<string> hookArgs, string? stdin, string? workingDirectory = null, IDictionary<string, string?>? environment = null, string? baton = null)
    {
        var env = Environment();
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        return ProcessRunner.RunAsync(RelayPath, ["--baton", baton ?? ExecutablePath, "hook", .. hookArgs], new ProcessRunOptions
        {
            Environment = env,
            StandardInput = stdin,
            WorkingDirectory = workingDirectory ?? _sandbox.Root,
            Timeout = TimeSpan.FromSeconds(60),
        });
    }

    /// <summary>The environment a sandboxed baton gets: HOME and BATON_HOME of the sandbox, and its
    /// <see cref="BatonSandbox.Variables"/>.</summary>
    public IDictionary<string, string?> Environment()
    {
        var env = new Dictionary<string, string?>(_sandbox.Variables, StringComparer.Ordinal)
        {
            ["HOME"] = _sandbox.Home,
            ["BATON_HOME"] = _sandbox.BatonHome,
        };
        return env;
    }

    /// <summary>Runs <c>baton ARGS</c> and returns what it did.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var env = Environment();
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        return ProcessRunner.RunAsync(ExecutablePath, args, new ProcessRunOptions
        {
            Environment = env,
            StandardInput = stdin,
            WorkingDirectory = workingDirectory ?? _sandbox.Root,
            Timeout = TimeSpan.FromSeconds(60),
        });
    }

    /// <summary>Runs <c>baton ARGS</c>.</summary>
    public Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    /// <summary>Runs <c>baton ARGS</c> on a real pseudo-terminal (util-linux <c>script -q -e -c</c>, 250 columns wide),
    /// as a person at a terminal runs it; <see cref="ProcessResult.StdOut"/> is what the terminal received (stdout and stderr, with the
    /// terminal's <c>\r\n</c> line ends).</summary>
    public Task<ProcessResult> RunInTerminalAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var env = Environment();
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        env["TERM"] = "xterm-256color";
        var command = string.Join(' ', new[] { ExecutablePath }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "stty cols 250 rows 50; " + command, "/dev/null"], new ProcessRunOptions
        {
            Environment = env,
            WorkingDirectory = _sandbox.Root,
            Timeout = TimeSpan.FromSeconds(60),
        });
    }
}
