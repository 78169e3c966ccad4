namespace Baton.Cli.Serve;

/// <summary>What <c>baton serve</c> was asked about the web page.</summary>
/// <param name="Port">The port of <c>--port</c> (0 picks a free one), or null.</param>
/// <param name="Kept">Whether <c>--web</c> asks for the page on the port kept in <c>config.json</c> (<see cref="KeptWebPage"/>).</param>
/// <param name="Open">Whether <c>--open</c> asks to open its link in a browser.</param>
internal sealed record WebPageRequest(int? Port, bool Kept, bool Open)
{
    /// <summary>Whether a page is to be served at all.</summary>
    public bool Served => Port is not null || Kept;
}
