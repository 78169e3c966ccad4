namespace Baton.Core.Storage;

/// <summary>The store could not be opened, read or written (a missing or unwritable file, a server down, a corrupt schema).</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the store's location.</param>
    /// <param name="innerException">The driver's exception.</param>
    /// <param name="transient">Whether the same call may succeed if tried again soon (see <see cref="IsTransient"/>).</param>
    /// <param name="damaged">Whether the store's file is damaged (see <see cref="IsDamaged"/>).</param>
    public StoreException(string message, Exception? innerException = null, bool transient = false, bool damaged = false)
        : base(message, innerException)
    {
        IsTransient = transient;
        IsDamaged = damaged;
    }

    /// <summary>True when the store found its own file damaged (SQLite's "database disk image is malformed" or "file is not a
    /// database"), so recovering it, not retrying or fixing permissions, is the way out (<c>baton doctor</c> says how).</summary>
    public bool IsDamaged { get; }

    /// <summary>
    /// True when the failure is one of the moment and trying again soon may succeed: the store's write lock was held too
    /// long by another process, a lock or serialization conflict, a server that did not answer in time or dropped the
    /// connection. False for a failure that lasts until someone acts: a corrupt or unwritable file, a full disk, a refused
    /// login, a schema newer than this Baton.
    /// </summary>
    public bool IsTransient { get; }
}
