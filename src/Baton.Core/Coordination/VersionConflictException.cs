namespace Baton.Core.Coordination;

/// <summary>A compare-and-set of scoped state was refused: the key is not at the expected version. Read it again and retry.</summary>
public sealed class VersionConflictException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <param name="expectedVersion">The version the caller expected (0: the key was not to exist).</param>
    /// <param name="currentVersion">The key's version now; 0 when it does not exist (never written, or deleted).</param>
    /// <param name="writer">Who last wrote or deleted it; null when never written.</param>
    /// <param name="at">When (UTC); null when never written.</param>
    public VersionConflictException(string scope, string key, long expectedVersion, long currentVersion, string? writer, DateTimeOffset? at)
        : base(Describe(scope, key, expectedVersion, currentVersion, writer, at))
    {
        Scope = scope;
        Key = key;
        ExpectedVersion = expectedVersion;
        CurrentVersion = currentVersion;
        Writer = writer;
        At = at;
    }

    /// <summary>The scope.</summary>
    public string Scope { get; }

    /// <summary>The key.</summary>
    public string Key { get; }

    /// <summary>The version the caller expected (0: the key was not to exist).</summary>
    public long ExpectedVersion { get; }

    /// <summary>The key's version now; 0 when it does not exist (retrying with 0 then creates it).</summary>
    public long CurrentVersion { get; }

    /// <summary>Who last wrote or deleted the key; null when it was never written.</summary>
    public string? Writer { get; }

    /// <summary>When the key was last written or deleted (UTC); null when it was never written.</summary>
    public DateTimeOffset? At { get; }

    private static string Describe(string scope, string key, long expected, long current, string? writer, DateTimeOffset? at)
    {
        var who = writer is null ? "" : $" ({(current == 0 ? "deleted" : "written")} by {writer} at {Format(at!.Value)})";
        var now = current == 0 ? $"does not exist{who}" : $"is at version {current}{who}";
        var wanted = expected == 0 ? "was expected not to exist" : $"was expected at version {expected}";
        return $"Version conflict: '{key}' in scope '{scope}' {wanted} but {now}; read it again and retry with expected_version {current}.";
    }
}
