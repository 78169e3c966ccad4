using System.Diagnostics.CodeAnalysis;

namespace Baton.Core.Sessions;

/// <summary>
/// What a session id from hook input may be: 1 to <see cref="MaxLength"/> characters, none of them a control character
/// (NUL, ESC, a line break, C1). Claude Code's ids are UUIDs; anything else that does not fit is refused before it is stored,
/// so no id can fill the store or carry an escape sequence.
/// </summary>
public static class SessionIdFormat
{
    /// <summary>The longest session id accepted, in UTF-16 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether a text is fit to be a session id (or another id Claude Code hands Baton, such as a team or agent
    /// name): what <see cref="Check"/> accepts.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it is 1 to <see cref="MaxLength"/> characters, not all white space, none of them a control character.</returns>
    public static bool IsValid([NotNullWhen(true)] string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= MaxLength && !text.Any(char.IsControl);

    /// <summary>Checks a session id from hook input.</summary>
    /// <param name="sessionId">The id.</param>
    /// <exception cref="FormatException">The id is empty, longer than <see cref="MaxLength"/>, or holds a control character;
    /// the message says which, without echoing the id.</exception>
    public static void Check([NotNull] string? sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new FormatException("Hook input has no session_id.");
        }

        if (sessionId.Length > MaxLength)
        {
            throw new FormatException($"Hook input's session_id has {sessionId.Length} characters, more than the {MaxLength} allowed; not recorded.");
        }

        var control = Array.FindIndex(sessionId.ToCharArray(), char.IsControl);
        if (control >= 0)
        {
            throw new FormatException($"Hook input's session_id holds a control character (U+{(int)sessionId[control]:X4}); not recorded.");
        }
    }
}
