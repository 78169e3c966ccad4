using Baton.Cli.CommandLine;
using Baton.Cli.Watch;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary>The dashboard's keys acting through <see cref="SessionSupervisor"/>: attach, kill, and new (detached, in tmux);
/// and through the registry: ack.</summary>
internal sealed class DashboardActions : IWatchActions
{
    private readonly CliContext _context;
    private readonly SessionSupervisor _supervisor;

    /// <summary>Creates the actions for one run of <c>baton watch</c>.</summary>
    /// <param name="context">The run.</param>
    public DashboardActions(CliContext context)
    {
        _context = context;
        _supervisor = new SessionSupervisor(context);
    }

    /// <inheritdoc/>
    public void Attach(Session session) => _supervisor.Attach(session);

    /// <inheritdoc/>
    public void Kill(Session session) => _supervisor.Kill(session, force: false);

    /// <inheritdoc/>
    public void Ack(Session session) => _context.Registry.Acknowledge(session.SessionId, _context.Environment.Actor);

    /// <inheritdoc/>
    public void New(string directory, string? task) =>
        _supervisor.Launch(new LaunchOptions(directory, null, task, null, null, null, null, Detach: true, []));
}
