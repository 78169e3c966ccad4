namespace Baton.Core;

/// <summary>
/// What a person or agent can do after a <see cref="UserErrorException"/>, told apart from its message so that each
/// adapter words it in its own terms: the command line names its commands and options (<c>baton ls</c>, <c>--force</c>),
/// the MCP server its tools and arguments (<c>list_sessions</c>, <c>force: true</c>). Core's messages name neither.
/// </summary>
public enum UserErrorRemedy
{
    /// <summary>Nothing beyond the message.</summary>
    None,

    /// <summary>Look up the live sessions (their ids, names and projects).</summary>
    ListLiveSessions,

    /// <summary>Look up every session, ended ones too.</summary>
    ListAllSessions,

    /// <summary>Look up the messages, read ones too.</summary>
    ListMessages,

    /// <summary>Look up past conversations (the command line's history by date).</summary>
    ListConversations,

    /// <summary>Look up the live sessions and choose a name none of them has.</summary>
    ChooseAnotherName,

    /// <summary>Ask again, forced, if that is what was meant.</summary>
    Force,
}
