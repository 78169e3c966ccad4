using Baton.Core.Storage;

namespace Baton.Core.Sessions;

// Changes decided on what the machine says (is this claude process still running?), without holding the store's write lock
// while /proc is read: the decision is taken on the session as read outside any transaction and written only if the row is
// still the same inside the transaction (a compare-and-set on the whole row).
public sealed partial class SessionRegistry
{
    /// <summary>How many times a decision is taken on a row that keeps changing before it is taken inside the transaction.</summary>
    private const int DecideAttempts = 3;

    /// <summary>
    /// Changes a session on a decision that may look at the machine (<see cref="ISessionLiveness"/>): <paramref name="decide"/>
    /// runs on the session as read, outside the write transaction; its change is written only if the stored row is still
    /// equal to that read. A row changed meanwhile is read and decided again; after <see cref="DecideAttempts"/> such tries
    /// the decision is taken inside the transaction, so a busy session is never left undecided.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="decide">Given the session (null when there is none), the change, or null to change nothing. It may run
    /// more than once, so it must have no side effects but setting what the caller reads afterwards.</param>
    /// <returns>The session as stored afterwards (as read when nothing was to change), or null when there is none.</returns>
    /// <exception cref="StoreException">The store cannot be read or written.</exception>
    private Session? ChangeAsRead(string sessionId, Func<Session?, SessionChange?> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = _store.GetSession(sessionId);
            if (decide(seen) is not { } change)
            {
                return seen;
            }

            var last = attempt == DecideAttempts;
            var stale = false;
            var stored = _store.UpdateSession(sessionId, current =>
            {
                stale = !Equals(current, seen);
                return !stale ? change : last ? decide(current) : null;
            });
            if (!stale || last)
            {
                return stored;
            }
        }
    }
}
