using System.Globalization;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// Decides whether a session's write touches a file lease of another session of its project.
/// <para>
/// A file lease is a live lock whose resource is <c>file:&lt;path or glob&gt;</c> (see <see cref="FileGlob"/>), the path
/// relative to the holder's project root (an absolute path is taken as it is). Leases and written paths are both resolved
/// through symbolic links before they are compared (<see cref="GlobOf"/>, <see cref="ProjectPath.RelativePhysical"/>). It counts for a session when its holder is
/// another session, not ended and whose process is not gone (an abandoned lease is released by the abandoned-work sweep),
/// whose project root (<see cref="ProjectPath.RootOf"/>) is the same. A lease held by <c>human</c> belongs to no project and
/// counts nowhere. A write conflicts with such a lease when the lease covers its path (the path, or a folder above it, is
/// matched), or for a write that may reach a whole tree, when the lease covers anything under it; unless the writing session
/// holds a lease covering the path itself: a holder's own edits always pass.
/// </para>
/// </summary>
public static class FileLeaseGuard
{
    /// <summary>The prefix that makes a lock resource a file lease.</summary>
    public const string ResourcePrefix = "file:";

    /// <summary>The glob over lock resources that lists file leases (a prefix range of the locks' primary key).</summary>
    public const string ResourcePattern = ResourcePrefix + "*";

    /// <summary>Whether a lock resource is a file lease.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>True for <c>file:…</c>.</returns>
    public static bool IsFileLease(string resource) =>
        resource is not null && resource.StartsWith(ResourcePrefix, StringComparison.Ordinal);

    /// <summary>The glob a file lease names, relative to <paramref name="projectRoot"/> as the file system sees it: the folders
    /// before the first wildcard are resolved through symbolic links (<see cref="ProjectPath.RelativePhysical"/>), so a lease on
    /// <c>link/app.cs</c> where <c>link</c> points at <c>src</c> covers <c>src/app.cs</c>.</summary>
    /// <param name="resource">The lock resource, <c>file:…</c>.</param>
    /// <param name="projectRoot">The holder's project root, absolute.</param>
    /// <returns>The glob (empty pattern: the whole project), or null when the resource is no file lease or names a path
    /// outside the project (through <c>..</c>, an absolute path elsewhere, or a symbolic link that leads out).</returns>
    public static FileGlob? GlobOf(string resource, string projectRoot)
    {
        if (!IsFileLease(resource) || projectRoot is null)
        {
            return null;
        }

        var path = resource[ResourcePrefix.Length..];
        if (ProjectPath.Normalize(path) is not { } lexical)
        {
            return null;
        }

        var segments = lexical.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var literal = segments.TakeWhile(s => s.IndexOfAny(['*', '?']) < 0).Count();
        var prefix = string.Join('/', segments[..literal]);
        var resolved = path.StartsWith('/')
            ? ProjectPath.RelativePhysical("/" + prefix, projectRoot, null)
            : prefix.Length == 0 ? "" : ProjectPath.RelativePhysical(prefix, projectRoot, null);
        return resolved is null
            ? null
            : FileGlob.Parse(string.Join('/', new[] { resolved }.Concat(segments[literal..]).Where(s => s.Length > 0)));
    }

    /// <summary>Checks a session's writes against the live file leases in a store: one read of the live <c>file:</c> locks,
    /// and a read of the holder of each lease that covers a write.</summary>
    /// <param name="store">The store: its file locks and their holders' sessions.</param>
    /// <param name="liveness">Judges whether a holder's process is gone.</param>
    /// <param name="self">The writing session, as recorded.</param>
    /// <param name="cwd">The folder relative write paths start from (the hook's <c>cwd</c>); null for the session's.</param>
    /// <param name="targets">What the tool call writes.</param>
    /// <returns>The conflicts; empty when none (or the session has no project root).</returns>
    public static IReadOnlyList<FileLeaseConflict> Check(
        IBatonStore store, ISessionLiveness liveness, Session self, string? cwd, IReadOnlyList<WriteTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0 || ProjectPath.RootOf(self) is not { } root)
        {
            return [];
        }

        var fileLocks = store.ListLocks(ResourcePattern);
        if (fileLocks.Count == 0)
        {
            return [];
        }

        var holders = new Dictionary<string, Session?>(StringComparer.Ordinal);
        return Conflicts(fileLocks, Holder, self.SessionId, root, cwd ?? self.Cwd, targets);

        Session? Holder(string id)
        {
            if (!holders.TryGetValue(id, out var session))
            {
                session = store.GetSession(id);
                holders[id] = session is not null && Enforces(session, liveness) ? session : null;
            }

            return holders[id];
        }
    }

    /// <summary>Whether a holder's file leases are enforced: its session has not ended and its <c>claude</c> process is not
    /// gone (the leases of a gone holder stay listed until they expire or are swept, but bind nobody).</summary>
    /// <param name="holder">The holder's session.</param>
    /// <param name="liveness">Judges whether its process is gone.</param>
    /// <returns>True when its leases bind other sessions.</returns>
    public static bool Enforces(Session holder, ISessionLiveness liveness)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(liveness);
        return !holder.IsEnded && !liveness.IsGone(holder);
    }

    /// <summary>The conflicts between writes and leases (the rule in the type's summary), without a store.</summary>
    /// <param name="locks">Live locks (other resources than <c>file:</c> are ignored).</param>
    /// <param name="holderOf">The holder's session by id, or null when the holder counts nowhere (unknown, ended, gone, <c>human</c>).
    /// Asked only for holders of leases that cover a write.</param>
    /// <param name="sessionId">The writing session.</param>
    /// <param name="projectRoot">Its project root, absolute.</param>
    /// <param name="cwd">The folder relative write paths start from; null for the root.</param>
    /// <param name="targets">What is written.</param>
    /// <returns>One conflict per (lease, written path), in lease order.</returns>
    public static IReadOnlyList<FileLeaseConflict> Conflicts(
        IReadOnlyList<LockInfo> locks, Func<string, Session?> holderOf, string sessionId, string projectRoot, string? cwd, IReadOnlyList<WriteTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(holderOf);
        ArgumentNullException.ThrowIfNull(targets);
        var paths = targets
            .Select(t => (Path: ProjectPath.RelativePhysical(t.Path, projectRoot, cwd), t.Subtree))
            .Where(t => t.Path is not null)
            .Select(t => (Path: t.Path!, t.Subtree))
            .Distinct()
            .ToList();
        if (paths.Count == 0)
        {
            return [];
        }

        var leases = locks
            .Where(l => IsFileLease(l.Resource))
            .Select(l => (Lock: l, Glob: GlobOf(l.Resource, projectRoot)))
            .Where(l => l.Glob is not null)
            .ToList();
        var own = leases.Where(l => l.Lock.Holder == sessionId).Select(l => l.Glob!).ToList();
        var conflicts = new List<FileLeaseConflict>();
        foreach (var (lease, glob) in leases.Where(l => l.Lock.Holder != sessionId))
        {
            foreach (var (path, subtree) in paths)
            {
                var covered = subtree ? glob!.CoversAnyUnder(path) : glob!.Covers(path);
                if (!covered || own.Any(g => g.Covers(path)))
                {
                    continue;
                }

                if (holderOf(lease.Holder) is { } holder && ProjectPath.SameRoot(ProjectPath.RootOf(holder), projectRoot))
                {
                    conflicts.Add(new FileLeaseConflict(lease, glob, path, holder));
                }
            }
        }

        return conflicts;
    }

    /// <summary>
    /// The file leases of other sessions of the project that overlap a lease <paramref name="holder"/> asks for (some path is
    /// covered by both, <see cref="FileGlob.Overlaps"/>): for refusing or warning about an acquire of <c>file:src/**</c>
    /// while another session holds <c>file:src/app.cs</c>, which the store, seeing two resources, would grant.
    /// </summary>
    /// <param name="resource">The resource asked for, <c>file:…</c>.</param>
    /// <param name="holder">Who asks.</param>
    /// <param name="projectRoot">Its project root, absolute.</param>
    /// <param name="locks">Live locks (other resources than <c>file:</c> are ignored).</param>
    /// <param name="holderOf">The holder's session by id, or null when the holder counts nowhere.</param>
    /// <returns>The overlapping leases; empty when none, or when <paramref name="resource"/> is no file lease of the project.</returns>
    public static IReadOnlyList<LockInfo> Overlapping(
        string resource, string holder, string projectRoot, IReadOnlyList<LockInfo> locks, Func<string, Session?> holderOf)
    {
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(holderOf);
        if (GlobOf(resource, projectRoot) is not { } wanted)
        {
            return [];
        }

        return locks
            .Where(l => l.Holder != holder && GlobOf(l.Resource, projectRoot) is { } glob && glob.Overlaps(wanted))
            .Where(l => holderOf(l.Holder) is { } other && ProjectPath.SameRoot(ProjectPath.RootOf(other), projectRoot))
            .ToList();
    }

    /// <summary>
    /// The denial an agent sees in <c>enforce</c> mode: one line per conflict, such as
    /// <c>alice (1a2b3c4d) holds a lease on src/app.cs (refactoring; until 14:03:22 UTC); ask them, or wait.</c>
    /// </summary>
    /// <param name="conflicts">The conflicts (at least one).</param>
    /// <param name="now">Now (UTC): an expiry on another day shows its date.</param>
    /// <returns>The text.</returns>
    public static string Describe(IReadOnlyList<FileLeaseConflict> conflicts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        return string.Join('\n', conflicts.Select(c => Fact(c, now) + "; ask them, or wait."));
    }

    /// <summary>
    /// The warning an agent sees in <c>warn</c> mode, after the tool call went ahead: <c>Warning from Baton: alice (1a2b3c4d)
    /// holds a lease on src/app.cs (refactoring; until 14:03:22 UTC). File leases are not enforced in this project, so the
    /// tool call went ahead; check with the holder before changing these files further.</c>
    /// </summary>
    /// <param name="conflicts">The conflicts (at least one).</param>
    /// <param name="now">Now (UTC).</param>
    /// <returns>The text.</returns>
    public static string DescribeWarning(IReadOnlyList<FileLeaseConflict> conflicts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        return "Warning from Baton: " + string.Join("; ", conflicts.Select(c => Fact(c, now))) +
            ". File leases are not enforced in this project, so the tool call went ahead; check with the holder before changing these files further.";
    }

    private static string Fact(FileLeaseConflict conflict, DateTimeOffset now)
    {
        var expires = conflict.Lease.ExpiresAt.ToUniversalTime();
        var until = expires.ToString(expires.Date == now.ToUniversalTime().Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var what = conflict.Glob.Pattern.Length == 0 ? "the whole project" : conflict.Glob.Pattern;
        var covers = conflict.Glob.Pattern == conflict.Path ? "" : $", which covers {(conflict.Path.Length == 0 ? "the project root" : conflict.Path)}";
        var reason = string.IsNullOrWhiteSpace(conflict.Lease.Reason) ? "" : conflict.Lease.Reason.Trim() + "; ";
        return $"{HolderLabel(conflict.Holder)} holds a lease on {what}{covers} ({reason}until {until} UTC)";
    }

    /// <summary>How a holder is named to agents and people: <c>name (short id)</c>, or <c>session short id</c>.</summary>
    /// <param name="holder">The holder.</param>
    /// <returns>The label.</returns>
    public static string HolderLabel(Session holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var id = SessionRegistry.ShortId(holder.SessionId);
        return holder.Name is { } name ? $"{name} ({id})" : $"session {id}";
    }
}

/// <summary>A write that touches another session's file lease.</summary>
/// <param name="Lease">The lease (a live <c>file:</c> lock).</param>
/// <param name="Glob">What it covers, relative to the project root.</param>
/// <param name="Path">The written path, relative to the project root.</param>
/// <param name="Holder">The session holding the lease.</param>
public sealed record FileLeaseConflict(LockInfo Lease, FileGlob Glob, string Path, Session Holder);
