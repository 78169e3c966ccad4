namespace Baton.Core.Storage;

/// <summary>The store could not be opened, read or written (a missing or unwritable file, a server down, a corrupt schema).</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the store's location.</param>
    /// <param name="innerException">The driver's exception.</param>
    public StoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
