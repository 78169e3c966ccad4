using Baton.ClaudeCode.Registry;
using Baton.Cli.CommandLine;
using Baton.Cli.Sessions;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Web;

namespace Baton.Cli.Serve;

/// <summary>The web page's actions that need the CLI's supervisor: kill, as <c>baton kill</c> does it (tmux pane closed,
/// claude ended, the session moved to history as killed), done as the person (<c>human</c>); and a new name told to the
/// session's claude, as <c>baton rename</c> does.</summary>
internal sealed class PageActions : IPageActions
{
    private readonly CliEnvironment _environment;

    /// <summary>Creates the actions.</summary>
    /// <param name="environment">The server's environment.</param>
    public PageActions(CliEnvironment environment) => _environment = environment;

    /// <inheritdoc/>
    public void Kill(Session session)
    {
        using var context = new CliContext(_environment with { CurrentSessionId = null }, TextWriter.Null, TextWriter.Null);
        new SessionSupervisor(context).Kill(session, force: false);
    }

    /// <inheritdoc/>
    public void Renamed(Session session)
    {
        if (NativeRename.Apply(NativeSessionFile.UserFolder, session) is { } failure)
        {
            new BatonLog(_environment.Home).Write("serve", $"{SessionRegistry.ShortId(session.SessionId)} renamed '{session.Name}' in Baton only: {failure}");
        }
    }
}
