namespace Baton.Core.Sessions;

/// <summary>
/// A process told apart from any later process that reuses its pid: host name, pid and start time.
/// </summary>
/// <param name="Host">The machine's host name.</param>
/// <param name="Pid">The process id.</param>
/// <param name="StartTime">The process start time in 10 ms units since the Unix epoch.</param>
public sealed record ProcessIdentity(string Host, int Pid, long StartTime);
