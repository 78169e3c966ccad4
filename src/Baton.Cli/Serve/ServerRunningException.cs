namespace Baton.Cli.Serve;

/// <summary>Thrown when a resident server is asked to start for a home another one already serves.</summary>
internal sealed class ServerRunningException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="running">What the running server wrote about itself, or null when it has not yet.</param>
    public ServerRunningException(ServerInfo? running)
        : base(running is null
            ? "A Baton server is already starting for this BATON_HOME."
            : $"A Baton server already runs for this BATON_HOME (pid {running.Pid}, socket {running.Socket}" +
                (running.WebPort is { } page ? $", its page at http://127.0.0.1:{page}/" : "") + ").")
    {
        Running = running;
    }

    /// <summary>What the running server wrote about itself, or null.</summary>
    public ServerInfo? Running { get; }
}
