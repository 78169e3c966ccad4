using Baton.Core.Repositories;
using Baton.Core.Storage;

namespace Baton.Core.Coordination.FileLeases;

/// <summary>
/// What a file lease may name, checked before it is granted or renewed (by <c>baton lock acquire|renew</c> and the MCP tools
/// <c>acquire_lock</c> and <c>renew_lock</c>): a lease outside the project (<c>file:/</c>, <c>file:../../etc/*</c>, an absolute
/// path elsewhere, a symbolic link that leads out) is refused; a lease on the whole project (<c>file:**</c>, <c>file:.</c>,
/// <c>file:</c>, <c>file:*</c>: every path of the project) refuses every other session's edits, so it needs <c>force</c> and
/// a time to live of at most <see cref="WholeProjectMaxTtl"/>, renewals included.
/// </summary>
public static class FileLeasePolicy
{
    /// <summary>The longest time to live of a whole-project lease: 10 minutes.</summary>
    public static readonly TimeSpan WholeProjectMaxTtl = TimeSpan.FromMinutes(10);

    /// <summary>A name no pattern without a wildcard matches: a glob that covers it covers every name.</summary>
    private const string AnyName = "\u0001baton-any-name\u0001";

    /// <summary>Checks a lease about to be acquired; other resources than <c>file:</c> pass.</summary>
    /// <param name="resource">The lock resource.</param>
    /// <param name="ttl">The time to live asked for.</param>
    /// <param name="force">Whether the caller said it means a whole-project lease.</param>
    /// <param name="projectRoot">The project root the lease is relative to (<see cref="RootFor"/>), absolute.</param>
    /// <exception cref="UserErrorException">The lease names a path outside the project, or the whole project without
    /// <paramref name="force"/> or with a longer time to live than <see cref="WholeProjectMaxTtl"/>.</exception>
    public static void CheckAcquire(string resource, TimeSpan ttl, bool force, string projectRoot)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(projectRoot);
        if (!FileLeaseGuard.IsFileLease(resource))
        {
            return;
        }

        var glob = FileLeaseGuard.GlobOf(resource, projectRoot)
            ?? throw new UserErrorException(
                $"'{resource}' is outside the project {projectRoot}: a file lease names a path or glob inside it, relative to its root (for example file:src/app.cs).");
        if (!IsWholeProject(glob))
        {
            return;
        }

        if (!force)
        {
            throw new UserErrorException(
                $"'{resource}' leases the whole project {projectRoot}: every other session's edits would be refused. Lease the folders or files you will change, " +
                $"or, if you mean it, force it with a ttl of at most {WholeProjectMaxTtl.TotalSeconds:0} seconds.",
                UserErrorRemedy.Force);
        }

        CheckTtl(resource, ttl, glob);
    }

    /// <summary>Checks a renewal: a whole-project lease is never renewed for longer than <see cref="WholeProjectMaxTtl"/>.</summary>
    /// <param name="resource">The lock resource.</param>
    /// <param name="ttl">The new time to live.</param>
    /// <param name="projectRoot">The project root the lease is relative to, absolute.</param>
    /// <exception cref="UserErrorException">A whole-project lease with a longer time to live.</exception>
    public static void CheckRenewal(string resource, TimeSpan ttl, string projectRoot)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(projectRoot);
        if (FileLeaseGuard.GlobOf(resource, projectRoot) is { } glob && IsWholeProject(glob))
        {
            CheckTtl(resource, ttl, glob);
        }
    }

    /// <summary>Whether a lease covers every path of the project: the root itself, or every name at its top.</summary>
    /// <param name="glob">The lease's glob, relative to the project root.</param>
    /// <returns>True for <c>**</c>, <c>*</c>, the empty pattern and their like.</returns>
    public static bool IsWholeProject(FileGlob glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        return glob.Covers("") || glob.Covers(AnyName);
    }

    /// <summary>The project root a lease taken by <paramref name="actor"/> is relative to: its session's
    /// (<see cref="ProjectPath.RootOf"/>), else (a person, or a session not recorded yet) the git top-level of
    /// <paramref name="directory"/>, else that folder.</summary>
    /// <param name="store">The store, for the actor's session.</param>
    /// <param name="actor">A session id, or <c>human</c>.</param>
    /// <param name="directory">The folder the caller works in, absolute.</param>
    /// <returns>The root, absolute, without a trailing <c>/</c>.</returns>
    public static string RootFor(IBatonStore store, string actor, string directory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        if (store.GetSession(actor) is { } session && ProjectPath.RootOf(session) is { } root)
        {
            return root;
        }

        return Path.TrimEndingDirectorySeparator(GitWorkingTree.FindTopLevel(directory) ?? directory);
    }

    private static void CheckTtl(string resource, TimeSpan ttl, FileGlob glob)
    {
        if (ttl > WholeProjectMaxTtl)
        {
            throw new UserErrorException(
                $"'{resource}' leases the whole project ({(glob.Pattern.Length == 0 ? "its root" : glob.Pattern)}): its ttl may be at most {WholeProjectMaxTtl.TotalSeconds:0} seconds, not {ttl.TotalSeconds:0}.");
        }
    }
}
