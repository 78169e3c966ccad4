using System.Diagnostics;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

/// <summary>Judges sessions gone by id, as a test says, and notes whether it was asked while a store held its write lock.</summary>
public sealed class FakeLiveness : ISessionLiveness
{
    /// <summary>The ids of the sessions whose process is gone.</summary>
    public HashSet<string> Gone { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times liveness was asked.</summary>
    public int Calls { get; private set; }

    /// <summary>How many of those calls came from inside a store's write transaction (an <c>InWriteTransaction</c> of a
    /// <c>Baton.Storage</c> type on the stack): each one held the write lock while the machine was looked at.</summary>
    public int CallsInTransaction { get; private set; }

    /// <summary>Runs at each call, before the answer: a test's way to change the store between a look and a write.</summary>
    public Action<Session>? OnCall { get; set; }

    /// <inheritdoc/>
    public bool IsGone(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Calls++;
        if (new StackTrace().GetFrames().Any(f => f.GetMethod() is { Name: "InWriteTransaction", DeclaringType.Namespace: { } ns } && ns.StartsWith("Baton.Storage", StringComparison.Ordinal)))
        {
            CallsInTransaction++;
        }

        OnCall?.Invoke(session);
        return Gone.Contains(session.SessionId);
    }
}
