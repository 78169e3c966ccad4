using System.Globalization;

namespace Baton.Bench;

/// <summary>
/// <c>messages</c>: how fast a message between sessions (issue 5) reaches its recipient. (1) From <c>baton send</c> to the
/// message in the recipient's next hook output (<see cref="HookDelivery"/>). (2) From <c>baton send</c> to an idle real
/// claude session's new model request, woken by its wake hook, and what the armed wake hook costs while nothing happens
/// (<see cref="WakeLatency"/>).
/// </summary>
internal static class MessagesSuite
{
    /// <summary>What every body of the bench starts with, so a text's bodies can be counted.</summary>
    private const string Marker = "Bench message #";

    /// <summary>Runs both parts and prints their figures, then any failed checks.</summary>
    /// <param name="context">The suite's context.</param>
    /// <returns>Whether every check passed.</returns>
    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader(
            "messages between sessions: `baton send` to the next hook output, and to an idle claude's new model request",
            options: context.IdleSeconds is { } given ? $" --idle-seconds {given}" : "");
        var problems = new List<string>();

        output.WriteLine();
        problems.AddRange(HookDelivery.Run(context));

        output.WriteLine();
        problems.AddRange(WakeLatency.Run(context));

        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    /// <summary>The body of message number <paramref name="k"/>: unique, and no body is a prefix of another.</summary>
    /// <param name="k">The sample's number, warm-ups included.</param>
    /// <returns>The text.</returns>
    public static string Body(int k) => string.Create(CultureInfo.InvariantCulture, $"{Marker}{k:000}: rebase on main before you go on.");

    /// <summary>How many of the bench's message bodies a text holds.</summary>
    /// <param name="text">A hook's context or a model request's message.</param>
    /// <returns>The count.</returns>
    public static int BodiesIn(string text)
    {
        var count = 0;
        for (var at = text.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
