namespace Baton.Storage.Contract.Races;

/// <summary>The <c>dotnet</c> executable that runs the tests, to start helper programs with.</summary>
public static class DotnetHost
{
    private static readonly Lazy<string> LazyPath = new(Find);

    /// <summary>An absolute path to <c>dotnet</c>, or plain <c>dotnet</c> to look it up on PATH.</summary>
    public static string Path => LazyPath.Value;

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } current
            && System.IO.Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return "dotnet";
    }
}
