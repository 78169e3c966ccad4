namespace Baton.Core.Sessions;

/// <summary>The snake_case wire names of <see cref="SessionStatus"/> values, as used in <c>--json</c> output and the store.</summary>
public static class SessionStatusNames
{
    /// <summary>Gives the wire name of a status, for example <c>waiting_permission</c>.</summary>
    /// <param name="status">The status to name.</param>
    /// <returns>The snake_case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined status.</exception>
    public static string ToWire(this SessionStatus status) => status switch
    {
        SessionStatus.Starting => "starting",
        SessionStatus.Running => "running",
        SessionStatus.WaitingInput => "waiting_input",
        SessionStatus.WaitingPermission => "waiting_permission",
        SessionStatus.Exited => "exited",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown session status."),
    };

    /// <summary>Reads a wire name back into a status; <c>error</c>, which Baton wrote for a failed turn before such a turn
    /// came to rest at the prompt, reads as <see cref="SessionStatus.WaitingInput"/>.</summary>
    /// <param name="name">A snake_case status name such as <c>running</c>.</param>
    /// <returns>The status.</returns>
    /// <exception cref="FormatException">The name is not one of the statuses.</exception>
    public static SessionStatus Parse(string name) => name switch
    {
        "starting" => SessionStatus.Starting,
        "running" => SessionStatus.Running,
        "waiting_input" => SessionStatus.WaitingInput,
        "waiting_permission" => SessionStatus.WaitingPermission,
        "error" => SessionStatus.WaitingInput,
        "exited" => SessionStatus.Exited,
        _ => throw new FormatException($"'{name}' is not a session status."),
    };

    /// <summary>True for the statuses that mean a person is needed (a permission prompt or an idle prompt).</summary>
    /// <param name="status">The status to test.</param>
    /// <returns>Whether the session waits for a person.</returns>
    public static bool NeedsPerson(this SessionStatus status) =>
        status is SessionStatus.WaitingPermission or SessionStatus.WaitingInput;
}
