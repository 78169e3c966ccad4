using Baton.Core;

namespace Baton.Cli.CommandLine;

/// <summary>The command line's wording of what a person can do after a <see cref="UserErrorException"/>: the
/// <c>baton</c> commands and options that help (the MCP server words the same remedies with its tools).</summary>
internal static class CommandLineRemedies
{
    /// <summary>The error's message and remedy as one line, e.g. <c>No session matches 'x'. See 'baton ls --all'.</c></summary>
    /// <param name="error">The error.</param>
    /// <returns>The line, without the <c>baton:</c> prefix.</returns>
    public static string Describe(UserErrorException error) => error.MessageWith(error.Remedy switch
    {
        UserErrorRemedy.ListLiveSessions => "See 'baton ls'.",
        UserErrorRemedy.ListAllSessions => "See 'baton ls --all'.",
        UserErrorRemedy.ListMessages => "See 'baton inbox --all'.",
        UserErrorRemedy.ListConversations => "See 'baton history'.",
        UserErrorRemedy.ChooseAnotherName => "See 'baton ls'; choose another with --name.",
        UserErrorRemedy.Force => "Add --force to do it anyway.",
        _ => null,
    });
}
