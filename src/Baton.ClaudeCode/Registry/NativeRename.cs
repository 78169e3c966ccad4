using Baton.Core.Sessions;

namespace Baton.ClaudeCode.Registry;

/// <summary>
/// Carries a rename made in Baton over to the session's claude, so that both know the session by one name (what
/// <c>ListAgents</c> shows other sessions): through claude's messaging socket (<see cref="NativeMessagingSocket.Rename"/>),
/// found in its registry entry (<see cref="NativeSessionFile"/>). Needs claude 2.1.332 or later, not in print mode
/// (<see cref="PrintKinds"/>), which ignores the request.
/// </summary>
public static class NativeRename
{
    /// <summary>The registry <c>kind</c>s of claude in print mode (<c>-p</c>, the SDK), which takes no rename.</summary>
    public static readonly IReadOnlySet<string> PrintKinds = new HashSet<string>(["print", "sdk"], StringComparer.Ordinal);

    /// <summary>Asks the session's claude, when the session is live and its claude runs, to take the session's name.</summary>
    /// <param name="folder">Claude Code's registry folder (<see cref="NativeSessionFile.UserFolder"/>).</param>
    /// <param name="session">The session, as Baton has it after the rename.</param>
    /// <returns>Null when claude was asked, has the name already, does not run or the session has ended or has no name;
    /// else why claude keeps its old name, in words for a person (for example <c>its claude (pid 4525) has no messaging
    /// socket to be told through</c>).</returns>
    public static string? Apply(string folder, Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.IsEnded || session.Name is not { } name
            || NativeSessionFile.OfSession(folder, session.SessionId) is not { } entry || entry.Name == name)
        {
            return null;
        }

        if (entry.Kind is { } kind && PrintKinds.Contains(kind))
        {
            return $"its claude (pid {entry.Pid}) runs as '{kind}', which takes no rename";
        }

        if (entry.MessagingSocketPath is not { } socket)
        {
            return $"its claude (pid {entry.Pid}) has no messaging socket to be told through";
        }

        return NativeMessagingSocket.Rename(socket, session.SessionId, name) is { } failure
            ? $"its claude (pid {entry.Pid}) could not be told ({failure})"
            : null;
    }
}
