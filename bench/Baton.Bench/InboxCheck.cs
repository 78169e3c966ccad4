using System.Text.Json.Nodes;

namespace Baton.Bench;

/// <summary>Checks through the real <c>baton inbox --json</c> (peeking, so nothing is marked) that a session got every
/// message sent to it: each body present once, with a delivery time (a hook or the wake hook handed it over).</summary>
internal static class InboxCheck
{
    /// <summary>What is wrong with a session's inbox.</summary>
    /// <param name="context">Gives the baton apphost.</param>
    /// <param name="sandbox">The sandbox the session lives in.</param>
    /// <param name="session">The session's id or name.</param>
    /// <param name="bodies">The bodies sent to it, each once.</param>
    /// <returns>One line per problem; none when all were delivered once.</returns>
    public static List<string> Delivered(BenchContext context, Sandbox sandbox, string session, IReadOnlyCollection<string> bodies)
    {
        var listed = ChildProcess.Check(sandbox, sandbox.Root, context.Baton, "inbox", "--session", session, "--all", "--peek", "--limit", "1000", "--json");
        var messages = JsonNode.Parse(listed)!.AsArray().Select(m => m!).ToList();
        var problems = new List<string>();
        var missing = bodies.Count(body => messages.Count(m => (string?)m["body"] == body) != 1);
        if (missing > 0 || messages.Count != bodies.Count)
        {
            problems.Add($"{session}'s inbox holds {messages.Count} messages for {bodies.Count} sent; {missing} bodies not there exactly once");
        }

        var undelivered = messages.Count(m => m["recipients"]!.AsArray().Any(r => r!["delivered_at"] is null));
        if (undelivered > 0)
        {
            problems.Add($"{undelivered} of the messages to {session} were never delivered");
        }

        return problems;
    }
}
