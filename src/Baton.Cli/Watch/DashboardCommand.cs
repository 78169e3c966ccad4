using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>What a key press asks the dashboard's loop to do, as decided by <see cref="DashboardState.Handle"/>.</summary>
internal abstract record DashboardCommand
{
    private DashboardCommand()
    {
    }

    /// <summary>Nothing beyond the change to the state (if any); the loop redraws.</summary>
    public static DashboardCommand None { get; } = new Nothing();

    /// <summary>Leave the dashboard, restoring the terminal.</summary>
    public static DashboardCommand Exit { get; } = new Quit();

    /// <summary>No action.</summary>
    public sealed record Nothing : DashboardCommand;

    /// <summary>Leave the dashboard.</summary>
    public sealed record Quit : DashboardCommand;

    /// <summary>Attach to a session.</summary>
    /// <param name="Session">The session.</param>
    public sealed record Attach(Session Session) : DashboardCommand;

    /// <summary>Kill a session (confirmed).</summary>
    /// <param name="Session">The session.</param>
    public sealed record Kill(Session Session) : DashboardCommand;

    /// <summary>Mark a session's wait as seen.</summary>
    /// <param name="Session">The session.</param>
    public sealed record Ack(Session Session) : DashboardCommand;

    /// <summary>Start a session.</summary>
    /// <param name="Directory">The folder, absolute.</param>
    /// <param name="Task">The task, or null.</param>
    public sealed record New(string Directory, string? Task) : DashboardCommand;
}
