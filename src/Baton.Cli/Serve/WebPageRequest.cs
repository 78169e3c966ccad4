namespace Baton.Cli.Serve;

/// <summary>What <c>baton serve</c> was asked about the web page.</summary>
/// <param name="Port">The port of <c>--port</c> (0 picks a free one), or null to serve no page.</param>
/// <param name="Open">Whether <c>--open</c> asks to open its link in a browser.</param>
internal sealed record WebPageRequest(int? Port, bool Open);
