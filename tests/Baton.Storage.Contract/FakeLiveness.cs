using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

/// <summary>Judges sessions gone by id, as a test says.</summary>
public sealed class FakeLiveness : ISessionLiveness
{
    /// <summary>The ids of the sessions whose process is gone.</summary>
    public HashSet<string> Gone { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times liveness was asked.</summary>
    public int Calls { get; private set; }

    /// <inheritdoc/>
    public bool IsGone(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Calls++;
        return Gone.Contains(session.SessionId);
    }
}
