using System.CommandLine;

namespace Baton.Cli.CommandLine;

/// <summary>Options many commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--json</c>: print JSON (snake_case names, ISO 8601 UTC times) instead of a table.</summary>
    /// <returns>A new option instance (an option belongs to one command).</returns>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (snake_case fields, ISO 8601 UTC times) instead of a table" };

    /// <summary><c>--dry-run</c>: say what would change, change nothing.</summary>
    /// <returns>A new option instance.</returns>
    public static Option<bool> DryRun() => new("--dry-run") { Description = "Show what would change without changing anything" };
}
