using Baton.Core.Home;

namespace Baton.Bench;

/// <summary>
/// A throwaway temp folder holding a HOME and a BATON_HOME for the processes a suite starts, so nothing touches the real
/// <c>~/.claude</c>, <c>~/.baton</c> or git configuration. Deleted on dispose.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    /// <summary>Variables (by prefix) never passed on: Claude Code's own, Baton's switches, git's overrides, and tmux's (so
    /// nothing the bench starts finds the tmux server the bench itself may run in).</summary>
    private static readonly string[] StrippedPrefixes = ["CLAUDE", "BATON_", "GIT_", "TMUX"];

    private Sandbox(string root)
    {
        Root = root;
        UserHome = Path.Combine(root, "home");
        Baton = new BatonHome(Path.Combine(root, "baton-home"));
        Directory.CreateDirectory(UserHome);
    }

    /// <summary>The sandbox folder.</summary>
    public string Root { get; }

    /// <summary>The HOME of child processes.</summary>
    public string UserHome { get; }

    /// <summary>The BATON_HOME of child processes (created by baton itself on first use).</summary>
    public BatonHome Baton { get; }

    /// <summary>Creates a sandbox under the system temp folder.</summary>
    /// <returns>The sandbox.</returns>
    public static Sandbox Create() => new(Directory.CreateTempSubdirectory("baton-bench-").FullName);

    /// <summary>Points a child's environment at the sandbox and strips CLAUDE*, BATON_*, GIT_* and TMUX* variables.</summary>
    /// <param name="environment">A <see cref="System.Diagnostics.ProcessStartInfo.Environment"/>.</param>
    public void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => StrippedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            environment.Remove(key);
        }

        environment["HOME"] = UserHome;
        environment["XDG_CONFIG_HOME"] = Path.Combine(UserHome, ".config");
        environment[BatonHome.EnvironmentVariable] = Baton.Root;
    }

    /// <summary>Lines baton logged about its own failures (a hook exits 0 even when it records nothing).</summary>
    /// <returns>The log's lines, none when there is no log.</returns>
    public IReadOnlyList<string> BatonLogLines() => File.Exists(Baton.LogPath) ? File.ReadAllLines(Baton.LogPath) : [];

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
