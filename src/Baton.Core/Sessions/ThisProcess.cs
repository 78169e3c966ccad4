using System.Globalization;

namespace Baton.Core.Sessions;

/// <summary>
/// Who and where the current process is: the host and OS user recorded with the sessions it sees start, and the origin
/// of every journal entry it writes. Read once per process from the environment; no process is started.
/// </summary>
public static class ThisProcess
{
    /// <summary>The variable that names this machine in a team store, where the machine's own name is not unique (containers).</summary>
    public const string HostVariable = "BATON_HOST";

    /// <summary>The host name recorded with processes: <see cref="HostVariable"/> when set, else the machine's name.</summary>
    public static string HostName { get; } = Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } host ? host : Environment.MachineName;

    /// <summary>The OS user this process runs as, recorded with the sessions it sees start and in the journal.</summary>
    public static string UserName { get; } = Environment.UserName;

    /// <summary>Who and where this process is, <c>user@host[pid]</c> (for example <c>ada@laptop[4242]</c>): the origin every
    /// journal entry it writes records (<see cref="Journal.JournalEntry.Origin"/>), so a change made as another session
    /// (a forged <c>CLAUDE_CODE_SESSION_ID</c>) still names the OS user and process that made it.</summary>
    public static string Origin { get; } = string.Create(CultureInfo.InvariantCulture, $"{UserName}@{HostName}[{Environment.ProcessId}]");
}
