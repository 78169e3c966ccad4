namespace Baton.Testing;

/// <summary>
/// A throwaway root for one test: a fake <c>HOME</c> (so the real ~/.claude is never touched)
/// and a Baton home beside it. On dispose, the processes it started (found by their HOME or BATON_HOME) are given a moment
/// to end and then killed, so that no late hook writes the sandbox again, and everything is deleted (best effort).
/// </summary>
public sealed class BatonSandbox : IDisposable
{
    /// <summary>How long the sandbox's processes may take to end by themselves on dispose: 3 s.</summary>
    private static readonly TimeSpan LateProcessGrace = TimeSpan.FromSeconds(3);

    private readonly TempDirectory _root;

    private BatonSandbox(TempDirectory root)
    {
        _root = root;
        Home = root.CreateSubdirectory("home");
        BatonHome = root.CreateSubdirectory("baton-home");
    }

    /// <summary>The sandbox root.</summary>
    public string Root => _root.Path;

    /// <summary>The fake HOME for claude and any other child.</summary>
    public string Home { get; }

    /// <summary>The Baton home (database, logs, hooks) for this test.</summary>
    public string BatonHome { get; }

    /// <summary>More variables every process of the sandbox gets (baton, its resident server, claude started through it),
    /// for example <c>BATON_HOST</c> and <c>BATON_STORE_URL</c> to play one machine of a team sharing a team store.</summary>
    public IDictionary<string, string?> Variables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Creates a new sandbox.</summary>
    public static BatonSandbox Create() => new(TempDirectory.Create("baton-sandbox-"));

    /// <summary>Creates (if needed) and returns a directory under the sandbox root.</summary>
    public string CreateDirectory(params string[] parts) => _root.CreateSubdirectory(parts);

    /// <inheritdoc/>
    public void Dispose()
    {
        ProcessProbe.EndAll(() => ProcessProbe.WithHomeUnder(Root), LateProcessGrace);
        _root.Dispose();
    }
}
