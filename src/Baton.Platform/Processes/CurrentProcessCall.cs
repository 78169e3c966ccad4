using Baton.Core.Relay;

namespace Baton.Platform.Processes;

/// <summary>The relay request the current process is (a hook relay, an MCP relay, or <c>baton hook</c> itself), with its
/// own start time and parent read from the process table.</summary>
public static class CurrentProcessCall
{
    /// <summary>Builds the request (<see cref="RelayRequest.ForCurrentProcess"/> with this process's start and parent).</summary>
    /// <param name="eventName">The hook event (or the verb, for another kind).</param>
    /// <param name="option">The registration's option, or null.</param>
    /// <param name="kind">The request kind; null for a hook call.</param>
    /// <returns>The request, without input.</returns>
    public static RelayRequest Request(string eventName, string? option = null, string? kind = null) =>
        RelayRequest.ForCurrentProcess(eventName, ProcessTable.CurrentProcessStart(), ProcessTable.ParentOf(Environment.ProcessId), option, kind);
}
