using System.Globalization;

namespace Baton.Core.Storage;

/// <summary>
/// The process of this machine that holds a store's write lock (<see cref="IStoreFactory.FindWriteLockHolder"/>), told
/// so a person can act on it: every writer waits while it holds the lock, and one that is stopped (SIGSTOP, Ctrl-Z, a
/// debugger) holds it until it is resumed.
/// </summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Command">What it runs, short: the program's file name and its first two arguments, e.g. <c>baton mcp</c>.</param>
/// <param name="Stopped">Whether it is stopped (state <c>T</c> or <c>t</c> in <c>/proc/PID/stat</c>): it will not let go by itself.</param>
public sealed record StoreLockHolder(int Pid, string Command, bool Stopped)
{
    /// <summary>The longest <see cref="Command"/> kept, in characters.</summary>
    public const int MaxCommandLength = 60;

    /// <summary>Describes a process of this machine from what its process table says.</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="arguments">Its command line, program first (empty when unknown).</param>
    /// <param name="stopped">Whether it is stopped.</param>
    /// <returns>The holder, its command made short (<see cref="MaxCommandLength"/>).</returns>
    public static StoreLockHolder Of(int pid, IReadOnlyList<string> arguments, bool stopped)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new StoreLockHolder(pid, ShortCommand(arguments), stopped);
    }

    /// <summary>Says who holds the lock, e.g. <c>`baton mcp` pid 1234 (stopped)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"`{Command}` pid {Pid}{(Stopped ? " (stopped)" : string.Empty)}");

    /// <summary>A command line made short: a program run by <c>dotnet</c> is named by its assembly (<c>dotnet baton.dll
    /// mcp</c> is <c>baton mcp</c>), paths are cut to file names, and two arguments are kept.</summary>
    private static string ShortCommand(IReadOnlyList<string> arguments)
    {
        var words = arguments.ToList();
        if (words is [var host, var assembly, ..] && Path.GetFileName(host) == "dotnet" && assembly.EndsWith(".dll", StringComparison.Ordinal))
        {
            words.RemoveAt(0);
            words[0] = Path.GetFileNameWithoutExtension(assembly);
        }

        if (words.Count == 0)
        {
            return "?";
        }

        words[0] = Path.GetFileName(words[0]);
        var text = string.Join(' ', words.Take(3));
        return text.Length <= MaxCommandLength ? text : text[..MaxCommandLength] + "…";
    }
}
