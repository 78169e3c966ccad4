using Baton.Cli.CommandLine;
using Baton.Core.Coordination;
using Baton.Core.Sessions;

namespace Baton.Cli.Coordination;

/// <summary>
/// The abandoned-work part of <c>baton prune</c>: runs <see cref="AbandonedWorkSweep"/> (the locks, claimed queue items and tasks of
/// sessions that ended, whose process is gone or whose heartbeat is older than a limit), or, for <c>--dry-run</c>, its
/// <see cref="AbandonedWorkSweep.Preview"/>, and words the result.
/// </summary>
internal static class AbandonedWorkReport
{
    /// <summary>Releases abandoned work, or with <paramref name="dryRun"/> only finds it.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="heartbeatLimit">How long a session may be silent before its work counts as abandoned.</param>
    /// <param name="dryRun">Find, do not release.</param>
    /// <returns>One entry per holder with work released (or that would be).</returns>
    public static IReadOnlyList<AbandonedWork> Run(CliContext context, TimeSpan heartbeatLimit, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = context.Environment;
        var sweep = new AbandonedWorkSweep(context.Store, environment.Liveness, environment.Time, heartbeatLimit);
        return dryRun ? sweep.Preview() : sweep.Run(environment.Actor);
    }

    /// <summary>One line per released lock, returned item and returned task.</summary>
    /// <param name="work">What was released.</param>
    /// <param name="dryRun">Word it as what would be released.</param>
    /// <returns>The lines, for example <c>Released lock file:src/a.cs held by 1a2b3c4d (token 3)</c>.</returns>
    public static IEnumerable<string> Lines(IReadOnlyList<AbandonedWork> work, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(work);
        foreach (var held in work.SelectMany(w => w.Locks))
        {
            yield return $"{(dryRun ? "Would release" : "Released")} lock {held.Resource} held by {SessionRegistry.ShortId(held.Holder)} (token {held.Token})";
        }

        foreach (var item in work.SelectMany(w => w.Items))
        {
            yield return $"{(dryRun ? "Would return" : "Returned")} item {item.Id} of queue {item.Queue} (claimed by {SessionRegistry.ShortId(item.Claimer ?? "?")})";
        }

        foreach (var task in work.SelectMany(w => w.Tasks))
        {
            yield return $"{(dryRun ? "Would return" : "Returned")} task #{task.Id} of list {task.List} (owned by {SessionRegistry.ShortId(task.Owner ?? "?")})";
        }
    }
}
