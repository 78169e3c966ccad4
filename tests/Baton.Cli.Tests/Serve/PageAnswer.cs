using System.Net;

namespace Baton.Cli.Tests.Serve;

/// <summary>How the web page answered one GET under load: its status (null when the request failed) and how long it took.</summary>
/// <param name="Path">The page asked for.</param>
/// <param name="Status">The HTTP status, or null when no answer came.</param>
/// <param name="Latency">From sending the request to reading the whole body.</param>
/// <param name="Failure">Why no answer came, or null.</param>
internal sealed record PageAnswer(string Path, HttpStatusCode? Status, TimeSpan Latency, string? Failure);
