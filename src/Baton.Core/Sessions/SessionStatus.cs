namespace Baton.Core.Sessions;

/// <summary>
/// Where a Claude Code session stands, per the status model in docs/status-model.md:
/// <c>starting → running ⇄ waiting_input / waiting_permission → exited</c>.
/// On the wire (JSON, the store) each value is written in snake_case, see <see cref="SessionStatusNames"/>.
/// </summary>
public enum SessionStatus
{
    /// <summary>Known to Baton (for example launched by <c>baton new</c>) before Claude Code's first hook.</summary>
    Starting,

    /// <summary>The agent is working: a prompt was submitted or a tool is in use.</summary>
    Running,

    /// <summary>The agent's turn ended (or failed: <see cref="StatusModel.FailedTurnPrefix"/> in
    /// <see cref="Session.StatusReason"/>); the session waits at its prompt for a person.</summary>
    WaitingInput,

    /// <summary>A permission prompt is open: a person must allow or deny a tool use.</summary>
    WaitingPermission,

    /// <summary>The session ended (SessionEnd) or its <c>claude</c> process is gone.</summary>
    Exited,
}
