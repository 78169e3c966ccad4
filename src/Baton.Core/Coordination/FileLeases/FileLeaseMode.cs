namespace Baton.Core.Coordination.FileLeases;

/// <summary>What the PreToolUse hook does about an edit of a file another session of the project holds a lease on.</summary>
public enum FileLeaseMode
{
    /// <summary>Let the edit through, with the holder, the reason and the expiry as context for the agent (the default).</summary>
    Warn,

    /// <summary>Deny the tool call, telling the agent who holds the lease, why and until when.</summary>
    Enforce,

    /// <summary>Do not check.</summary>
    Off,
}

/// <summary>The wire names of <see cref="FileLeaseMode"/>: <c>warn</c>, <c>enforce</c>, <c>off</c>.</summary>
public static class FileLeaseModes
{
    /// <summary>The mode of a project that never set one.</summary>
    public const FileLeaseMode Default = FileLeaseMode.Warn;

    /// <summary>The wire names, in the order they are listed to people.</summary>
    public static IReadOnlyList<string> Names { get; } = ["enforce", "warn", "off"];

    /// <summary>The wire name of a mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>warn</c>, <c>enforce</c> or <c>off</c>.</returns>
    public static string ToWire(this FileLeaseMode mode) => mode switch
    {
        FileLeaseMode.Enforce => "enforce",
        FileLeaseMode.Off => "off",
        _ => "warn",
    };

    /// <summary>Reads a wire name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="mode">The mode, when known.</param>
    /// <returns>True when <paramref name="text"/> names a mode.</returns>
    public static bool TryParse(string? text, out FileLeaseMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "enforce":
                mode = FileLeaseMode.Enforce;
                return true;
            case "warn":
                mode = FileLeaseMode.Warn;
                return true;
            case "off":
                mode = FileLeaseMode.Off;
                return true;
            default:
                mode = Default;
                return false;
        }
    }

    /// <summary>Reads a wire name given by a person.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="UserErrorException">It names no mode.</exception>
    public static FileLeaseMode Parse(string text) => TryParse(text, out var mode)
        ? mode
        : throw new UserErrorException($"'{text}' is not a file lease mode: use {string.Join(", ", Names)}.");
}
