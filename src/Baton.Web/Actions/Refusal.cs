using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Storage;

namespace Baton.Web.Actions;

/// <summary>The exceptions that refuse what a person asked for (a bad name, a full inbox, a session gone) and whose
/// message the page shows as it is; any other is a failure of the server.</summary>
internal static class Refusal
{
    /// <summary>Whether <paramref name="exception"/> is a refusal to show the person.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a refusal.</returns>
    public static bool Is(Exception exception) =>
        exception is UserErrorException or SessionNameTakenException or CoordinationConflictException or MissingProgramException;
}
