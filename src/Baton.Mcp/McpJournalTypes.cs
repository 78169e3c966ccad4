namespace Baton.Mcp;

/// <summary>The journal entry types the MCP server writes besides the coordination ones (subject <c>session:&lt;actor&gt;</c>).</summary>
public static class McpJournalTypes
{
    /// <summary>A session signed on (when its server started, or by <c>sign_on</c>). Data:
    /// <c>{"name": "..."?, "role": "..."?, "project_dir": "..."?}</c>. When the session has an open row in the registry the
    /// entry comes with the row's touch (its <c>UpdatedAt</c> refreshed; the row is created when missing).</summary>
    public const string SessionSignedOn = "session.signed_on";

    /// <summary>A session signed off (<c>sign_off</c>). Data: <c>{"locks": 1, "items": 2}</c>: how many of its locks were
    /// released and claimed queue items returned.</summary>
    public const string SessionSignedOff = "session.signed_off";
}
