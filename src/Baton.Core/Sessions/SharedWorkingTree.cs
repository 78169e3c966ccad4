namespace Baton.Core.Sessions;

/// <summary>
/// The other live sessions working in one working tree (same git top-level, or same folder outside git), and the one-line
/// warning about them that a session starting there gets in its context (SessionStart <c>additionalContext</c>) and that
/// <c>baton new</c> prints.
/// </summary>
public static class SharedWorkingTree
{
    /// <summary>The most sessions the warning names; the rest are counted.</summary>
    public const int MaxNamed = 5;

    /// <summary>The most characters of a task the warning quotes.</summary>
    public const int MaxTaskLength = 80;

    /// <summary>The live sessions (process running) whose working tree is <paramref name="workingTree"/>, but one.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="workingTree">An absolute working tree top-level folder (or a folder outside git).</param>
    /// <param name="except">A session id to leave out (the session starting); null for none.</param>
    /// <returns>The sessions, oldest first.</returns>
    public static IReadOnlyList<Session> Others(SessionRegistry registry, string workingTree, string? except)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(workingTree);
        var tree = Path.TrimEndingDirectorySeparator(workingTree);
        return [.. registry.List(includeEnded: false).Where(s => s.SessionId != except
            && (s.ProjectRoot ?? s.Cwd) is { } root && string.Equals(Path.TrimEndingDirectorySeparator(root), tree, StringComparison.Ordinal))];
    }

    /// <summary>The warning for a session that starts where <paramref name="others"/> work, in one line.</summary>
    /// <param name="workingTree">The working tree.</param>
    /// <param name="others">The other live sessions there (<see cref="Others"/>).</param>
    /// <returns>The line, e.g. <c>2 other live sessions work in this working tree (/src/shop): api (task: Add the endpoint), web-1. …</c>;
    /// null when there are none.</returns>
    public static string? Warning(string workingTree, IReadOnlyList<Session> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (others.Count == 0)
        {
            return null;
        }

        var named = others.Take(MaxNamed).Select(Label);
        var rest = others.Count > MaxNamed ? $" and {others.Count - MaxNamed} more" : "";
        var count = others.Count == 1 ? "1 other live session works" : $"{others.Count} other live sessions work";
        return $"{count} in this working tree ({workingTree}): {string.Join(", ", named)}{rest}. "
            + "Edits here can overwrite each other's: coordinate (baton send NAME \"...\") or give each its own worktree.";
    }

    /// <summary>The warning for a session that has just started (its SessionStart was recorded), or null when it works alone.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="session">The session as stored after its SessionStart.</param>
    /// <returns>The line, or null.</returns>
    public static string? WarningFor(SessionRegistry registry, Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (session.ProjectRoot ?? session.Cwd) is { } tree ? Warning(tree, Others(registry, tree, session.SessionId)) : null;
    }

    private static string Label(Session s)
    {
        var name = s.Name ?? SessionRegistry.ShortId(s.SessionId);
        return s.Task is not { Length: > 0 } task ? name
            : $"{name} (task: {(task.Length > MaxTaskLength ? task[..(MaxTaskLength - 1)] + "…" : task)})";
    }
}
