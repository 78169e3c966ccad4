using System.Reflection;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// How a Claude Code hook entry calls Baton: an executable run directly (no shell) with
/// <see cref="LeadingArguments"/> then <c>hook &lt;Event&gt;</c>. Written as the hook's
/// <c>"command"</c> and <c>"args"</c> (Claude Code settings, see docs/claude-code.md, "Hooks").
/// Normally <c>command = "/abs/path/baton"</c>, <c>args = ["hook", "Stop"]</c>; when Baton runs as
/// <c>dotnet /abs/baton.dll</c>, <c>command</c> is the dotnet host and
/// <c>args = ["/abs/baton.dll", "hook", "Stop"]</c>. Two commands are equal when their executable
/// and leading arguments are equal (ordinal).
/// </summary>
public sealed class HookCommand : IEquatable<HookCommand>
{
    /// <summary>The argument that selects Baton's hook handler; the event name follows it.</summary>
    public const string HookVerb = "hook";

    private readonly string[] _leadingArguments;

    /// <summary>Creates a hook command.</summary>
    /// <param name="executable">Absolute path of the program Claude Code runs.</param>
    /// <param name="leadingArguments">Arguments before <c>hook &lt;Event&gt;</c>, e.g. the path of <c>baton.dll</c>; none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="executable"/> is blank or not an absolute path, or an argument is null.</exception>
    public HookCommand(string executable, IEnumerable<string>? leadingArguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        if (!Path.IsPathFullyQualified(executable))
        {
            throw new ArgumentException($"A hook executable must be an absolute path, not '{executable}'.", nameof(executable));
        }

        var arguments = leadingArguments?.ToArray() ?? [];
        if (Array.IndexOf(arguments, null) >= 0)
        {
            throw new ArgumentException("Leading arguments must not contain null.", nameof(leadingArguments));
        }

        Executable = executable;
        _leadingArguments = arguments;
    }

    private HookCommand(string executable, string[] leadingArguments)
    {
        Executable = executable;
        _leadingArguments = leadingArguments;
    }

    /// <summary>Absolute path of the program Claude Code runs (the hook's <c>"command"</c>).</summary>
    public string Executable { get; }

    /// <summary>Arguments before <c>hook &lt;Event&gt;</c>; empty for a native <c>baton</c> executable.</summary>
    public IReadOnlyList<string> LeadingArguments => _leadingArguments;

    /// <summary>The command Baton is running as now (see <see cref="ForProcess"/>).</summary>
    /// <exception cref="InvalidOperationException">
    /// The process path is unknown, or the process is the dotnet host and the entry assembly has no file location.
    /// </exception>
    public static HookCommand ForCurrentProcess()
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("The path of the running Baton executable is unknown, so no hook command can point at it.");
        var entryAssembly = Assembly.GetEntryAssembly()?.Location;
        if (IsDotnetHost(processPath) && string.IsNullOrEmpty(entryAssembly))
        {
            throw new InvalidOperationException("Baton runs under the dotnet host but its entry assembly has no file location, so no hook command can point at it.");
        }

        return ForProcess(processPath, entryAssembly);
    }

    /// <summary>
    /// The command for a process: the process itself, or, when the process is the <c>dotnet</c>
    /// host, the host with <paramref name="entryAssemblyPath"/> as first argument.
    /// </summary>
    /// <param name="processPath">Absolute path of the running executable.</param>
    /// <param name="entryAssemblyPath">Absolute path of the entry assembly (<c>baton.dll</c>); used only under the dotnet host.</param>
    /// <exception cref="ArgumentException">A needed path is missing or not absolute.</exception>
    public static HookCommand ForProcess(string processPath, string? entryAssemblyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processPath);
        if (!IsDotnetHost(processPath))
        {
            return new HookCommand(StableToolPath(processPath));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(entryAssemblyPath);
        if (!Path.IsPathFullyQualified(entryAssemblyPath))
        {
            throw new ArgumentException($"The entry assembly path must be absolute, not '{entryAssemblyPath}'.", nameof(entryAssemblyPath));
        }

        return new HookCommand(processPath, [entryAssemblyPath]);
    }

    /// <summary>
    /// A .NET global tool runs from a versioned folder, <c>~/.dotnet/tools/.store/baton.cli/VERSION/…/baton</c>, reached
    /// through <c>~/.dotnet/tools/baton</c> (a link or a shim). Settings must name the latter, which survives updates.
    /// </summary>
    /// <param name="processPath">The resolved path of the running executable.</param>
    /// <returns>The tools folder's entry for the same program when there is one, else <paramref name="processPath"/>.</returns>
    private static string StableToolPath(string processPath)
    {
        var store = processPath.IndexOf($"{Path.DirectorySeparatorChar}.store{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        if (store < 0)
        {
            return processPath;
        }

        var entry = Path.Combine(processPath[..store], Path.GetFileName(processPath));
        return File.Exists(entry) ? entry : processPath;
    }

    /// <summary>The full <c>"args"</c> of the hook for <paramref name="eventName"/>: leading arguments, <c>hook</c>, the event, and the option when there is one.</summary>
    /// <param name="eventName">The Claude Code event, e.g. <c>Stop</c>.</param>
    /// <param name="option">An option after the event (see <see cref="HookRegistration.Option"/>), or null.</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is blank.</exception>
    public IReadOnlyList<string> ArgumentsFor(string eventName, string? option = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return option is null ? [.. _leadingArguments, HookVerb, eventName] : [.. _leadingArguments, HookVerb, eventName, option];
    }

    /// <inheritdoc/>
    public bool Equals(HookCommand? other) =>
        other is not null
        && string.Equals(Executable, other.Executable, StringComparison.Ordinal)
        && _leadingArguments.AsSpan().SequenceEqual(other._leadingArguments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HookCommand);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Executable, StringComparer.Ordinal);
        foreach (var argument in _leadingArguments)
        {
            hash.Add(argument, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The executable and leading arguments separated by spaces (for display only, not quoted).</summary>
    public override string ToString() => string.Join(' ', [Executable, .. _leadingArguments]);

    /// <summary>A command read back from a settings file, where the path need not be absolute.</summary>
    internal static HookCommand FromSettings(string executable, string[] leadingArguments) => new(executable, leadingArguments);

    private static bool IsDotnetHost(string processPath)
    {
        var name = Path.GetFileName(processPath);
        return string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "dotnet.exe", StringComparison.OrdinalIgnoreCase);
    }
}
