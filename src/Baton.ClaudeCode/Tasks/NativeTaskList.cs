using System.Globalization;

namespace Baton.ClaudeCode.Tasks;

/// <summary>
/// A Claude Code native task list as its folder holds it now (<c>&lt;claude dir&gt;/tasks/&lt;list&gt;/</c>, one
/// <c>&lt;id&gt;.json</c> per task beside an empty <c>.lock</c>; see docs/claude-code.md). Reading tolerates what another
/// process may leave there: a half-written file, a file that is not a task, a name that is not a task's: each is skipped
/// and told to the caller with the reason, the rest is read.
/// </summary>
/// <param name="List">The list (<c>CLAUDE_CODE_TASK_LIST_ID</c>).</param>
/// <param name="Folder">Its folder.</param>
/// <param name="Tasks">Its tasks, by id (numerically).</param>
public sealed record NativeTaskList(string List, string Folder, IReadOnlyList<NativeTask> Tasks)
{
    /// <summary>The most task files one reading looks at; the rest are skipped and told.</summary>
    public const int MaxFiles = 10_000;

    /// <summary>The lock file Claude Code keeps beside the tasks.</summary>
    private const string LockFile = ".lock";

    /// <summary>The ids of the tasks one task waits for that are not completed (a blocker with no file counts as done: deleted).</summary>
    /// <param name="task">A task of this list.</param>
    /// <returns>The open blockers' ids.</returns>
    public IReadOnlyList<string> OpenBlockers(NativeTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return [.. task.BlockedBy.Where(b => Tasks.FirstOrDefault(t => t.Id == b) is { Status: not NativeTask.Completed })];
    }

    /// <summary>Reads a list.</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <param name="list">The list.</param>
    /// <param name="skipped">Told each file skipped, with why (e.g. for Baton's log).</param>
    /// <returns>The list, or null when it has no folder (or its name cannot name one).</returns>
    public static NativeTaskList? Read(string claudeDirectory, string list, Action<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(claudeDirectory);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(skipped);
        var folder = NativeTask.Folder(claudeDirectory, list);
        if (!NativeTask.IsListName(list) || !Directory.Exists(folder))
        {
            return null;
        }

        var tasks = new List<NativeTask>();
        var seen = 0;
        try
        {
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetFileName(path);
                if (name == LockFile)
                {
                    continue;
                }

                if (++seen > MaxFiles)
                {
                    skipped($"{folder}: more than {MaxFiles} files; the rest were not read");
                    break;
                }

                var id = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^".json".Length] : null;
                if (id is null || !NativeTask.IsId(id))
                {
                    skipped($"{path}: not a task file (tasks are <number>.json)");
                }
                else if (NativeTask.Load(path, id, out var problem) is { } task)
                {
                    tasks.Add(task);
                }
                else if (problem != "missing")
                {
                    // A file removed between the listing and the read is a task deleted meanwhile, not a problem.
                    skipped($"{path}: {problem}");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            skipped($"{folder}: cannot be listed: {e.Message}");
        }

        return new NativeTaskList(list, folder, [.. tasks.OrderBy(t => long.Parse(t.Id, CultureInfo.InvariantCulture))]);
    }

    /// <summary>The native lists there are: the folders under <c>&lt;claude dir&gt;/tasks/</c>.</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <returns>Their names, sorted (ordinal); empty when there is no such folder.</returns>
    public static IReadOnlyList<string> Names(string claudeDirectory)
    {
        ArgumentNullException.ThrowIfNull(claudeDirectory);
        var tasks = Path.Combine(claudeDirectory, "tasks");
        try
        {
            return Directory.Exists(tasks)
                ? [.. Directory.EnumerateDirectories(tasks).Select(Path.GetFileName).OfType<string>().Where(NativeTask.IsListName).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
