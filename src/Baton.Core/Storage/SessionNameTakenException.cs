namespace Baton.Core.Storage;

/// <summary>A change would give a session a name that another open session has: names are unique among open sessions,
/// and the store decides a race between two such changes (exactly one wins).</summary>
public sealed class SessionNameTakenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The name.</param>
    /// <param name="innerException">The driver's constraint violation.</param>
    public SessionNameTakenException(string name, Exception? innerException = null)
        : base($"The name '{name}' is taken by another open session.", innerException)
    {
        Name = name;
    }

    /// <summary>The name that was taken.</summary>
    public string Name { get; }
}
