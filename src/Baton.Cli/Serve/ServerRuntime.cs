using System.Reflection;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Platform.Processes;

namespace Baton.Cli.Serve;

/// <summary>
/// The runtime settings the resident server runs with (<see cref="Variables"/>): tiered compilation off, so the code it runs
/// for every hook is compiled once, fully optimized, when first called, instead of quickly first and then again in the
/// background while it serves (measured side by side, server CPU per five-Bash <c>claude -p</c> run: 98–112 against
/// 161–167 ms over its first 15 runs, 57–61 against 69–74 ms once warm; the <c>hotpath</c> benchmark prints it per run). A short <c>baton</c> command starts 10–20 %
/// slower without tiering, so only <c>baton serve</c> runs so: started without them, it runs itself again in place
/// (<see cref="ProcessImage.Replace"/>: the same pid, arguments and standard streams), however it was started (the user
/// service, a relay, <c>baton serve start</c>, by hand).
/// </summary>
internal static class ServerRuntime
{
    /// <summary>The variables: <c>DOTNET_TieredCompilation=0</c>. One a user set already (to any value) is left as it is.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_TieredCompilation"] = "0",
    };

    /// <summary>Runs this <c>baton</c> again in place with <see cref="Variables"/>, unless they are all set already or this
    /// process is not <c>baton</c> itself (a test host running the command line); returns only then, or when that failed
    /// (logged: the server then runs with the runtime's defaults).</summary>
    /// <param name="log">Baton's log.</param>
    public static void Ensure(BatonLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Variables.Keys.All(name => Environment.GetEnvironmentVariable(name) is not null)
            || Assembly.GetEntryAssembly() != typeof(ServerRuntime).Assembly)
        {
            return;
        }

        var baton = HookCommand.ForCurrentProcess();
        var failure = ProcessImage.Replace(baton.Executable, [.. baton.LeadingArguments, .. Environment.GetCommandLineArgs().Skip(1)], Variables);
        log.Write("serve", $"could not run again with {string.Join(' ', Variables.Select(v => $"{v.Key}={v.Value}"))} ({failure}); serving with the runtime's defaults");
    }
}
