using Baton.Core;

namespace Baton.Mcp.Hosting;

/// <summary>The MCP server's wording of what an agent can do after a <see cref="UserErrorException"/>: the tools and
/// arguments that help (the command line words the same remedies with its commands).</summary>
internal static class ToolRemedies
{
    /// <summary>The error's message and remedy as one line, e.g. <c>No open session 'x'; sign on first. See
    /// list_sessions.</c></summary>
    /// <param name="error">The error.</param>
    /// <returns>The line the model reads.</returns>
    public static string Describe(UserErrorException error) => error.MessageWith(error.Remedy switch
    {
        UserErrorRemedy.ListLiveSessions or UserErrorRemedy.ChooseAnotherName => "See list_sessions.",
        UserErrorRemedy.ListAllSessions => "See list_sessions with status 'all'.",
        UserErrorRemedy.ListMessages => "See inbox with unread_only: false.",
        UserErrorRemedy.Force => "Pass force: true to do it anyway.",
        _ => null,
    });
}
