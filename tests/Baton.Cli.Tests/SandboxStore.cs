using Baton.Core.Home;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests;

/// <summary>The store a sandboxed <c>baton</c> process uses (<see cref="BatonSandbox.BatonHome"/>), opened in the test to set
/// up what the process will find.</summary>
internal static class SandboxStore
{
    /// <summary>Creates the sandbox's home if missing and opens its store.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <returns>The open store; dispose it before the process runs.</returns>
    public static SqliteStore Open(BatonSandbox sandbox)
    {
        var home = new BatonHome(sandbox.BatonHome);
        home.EnsureCreated();
        return SqliteStore.Open(home.DatabasePath);
    }
}
