namespace Baton.Cli.Tests.Serve;

/// <summary>One run of the web page's load: the answers, how long sending them took, and how many store changes were made meanwhile.</summary>
/// <param name="Answers">Every request's answer, in the order sent.</param>
/// <param name="Sent">From the first request sent to the last.</param>
/// <param name="Changes">How many <c>baton state set</c> ran meanwhile.</param>
internal sealed record LoadRun(IReadOnlyList<PageAnswer> Answers, TimeSpan Sent, int Changes);
