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

    /// <summary>The environment a sandboxed baton gets: HOME and BATON_HOME of the sandbox.</summary>
    public IDictionary<string, string?> Environment() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["HOME"] = _sandbox.Home,
        ["BATON_HOME"] = _sandbox.BatonHome,
    };

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
}
