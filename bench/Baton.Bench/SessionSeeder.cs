using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;

namespace Baton.Bench;

/// <summary>The sessions a seeded store holds, by how <c>baton ls</c> should see them.</summary>
/// <param name="Live">Open, with the bench's own pid and start time: listed by <c>baton ls</c>.</param>
/// <param name="Dead">Open, with pids that cannot exist: shown as exited, only by <c>--all</c>.</param>
/// <param name="Ended">Ended sessions (history): only by <c>--all</c>.</param>
internal sealed record SeededSessions(IReadOnlyList<Session> Live, IReadOnlyList<Session> Dead, IReadOnlyList<Session> Ended)
{
    public int Count => Live.Count + Dead.Count + Ended.Count;
}

/// <summary>Fills a store with realistic sessions through <see cref="IStore.UpdateSession"/>, one transaction and
/// journal entry each, deterministically (fixed seed).</summary>
internal static class SessionSeeder
{
    private static readonly string[] Models = ["claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5"];
    private static readonly string[] EndReasons = ["prompt_input_exit", "clear", "logout", "other", "pruned"];
    private static readonly SessionStatus[] OpenStatuses =
        [SessionStatus.Running, SessionStatus.WaitingInput, SessionStatus.WaitingPermission, SessionStatus.Running, SessionStatus.WaitingInput];

    private static readonly string[] Tools = ["Bash", "Edit", "Read", "Grep", "Write", "WebFetch"];

    /// <summary>Seeds the store.</summary>
    /// <param name="store">An empty store.</param>
    /// <param name="live">Open sessions owned by this (running) process.</param>
    /// <param name="dead">Open sessions whose process does not exist.</param>
    /// <param name="ended">Ended sessions.</param>
    /// <param name="liveNamePrefix">When given, every live session is named with it and its index (<c>bench-07</c>);
    /// otherwise a third of the open sessions have names.</param>
    /// <returns>What was stored.</returns>
    public static SeededSessions Seed(IStore store, int live, int dead, int ended, string? liveNamePrefix = null)
    {
        var random = new Random(20250601);
        var now = DateTimeOffset.UtcNow;
        var self = ProcessTable.Identify(Environment.ProcessId) ?? throw new InvalidOperationException("Cannot read this process's start time.");
        var impossiblePid = PidMax() + 1;
        var result = new SeededSessions(
            Enumerable.Range(0, live).Select(i => Open(random, now, i, self, liveNamePrefix)).ToList(),
            Enumerable.Range(0, dead).Select(i => Open(random, now, live + i, self with { Pid = impossiblePid + i })).ToList(),
            Enumerable.Range(0, ended).Select(i => Ended(random, now, i)).ToList());
        foreach (var session in result.Live.Concat(result.Dead).Concat(result.Ended).OrderBy(s => s.StartedAt))
        {
            var data = new JsonObject { ["event"] = HookEvents.SessionStart, ["from"] = null, ["to"] = session.Status.ToWire() };
            store.UpdateSession(session.SessionId, _ => new SessionChange(session, JournalTypes.SessionStatus, session.SessionId, data.ToJsonString()));
        }

        return result;
    }

    private static Session Open(Random random, DateTimeOffset now, int i, ProcessIdentity process, string? namePrefix = null)
    {
        var started = now.AddMinutes(-random.Next(5, 60 * 24 * 3));
        var status = OpenStatuses[i % OpenStatuses.Length];
        return Common(random, started, i) with
        {
            Name = namePrefix is not null ? $"{namePrefix}{i:00}" : i % 3 == 0 ? $"worker-{i}" : null,
            Status = status,
            StatusReason = i % OpenStatuses.Length == OpenStatuses.Length - 1 ? StatusModel.FailedTurnPrefix + "overloaded_error" : null,
            Pid = process.Pid,
            ProcessStart = process.StartTime,
            Host = process.Host,
            UpdatedAt = now.AddSeconds(-random.Next(1, 3600)),
        };
    }

    private static Session Ended(Random random, DateTimeOffset now, int i)
    {
        var started = now.AddMinutes(-random.Next(60, 60 * 24 * 30));
        var ended = started.AddMinutes(random.Next(2, 60 * 6));
        return Common(random, started, i) with
        {
            Name = i % 5 == 0 ? $"worker-{i % 40}" : null,
            Status = SessionStatus.Exited,
            Pid = 10_000 + random.Next(0, 50_000),
            ProcessStart = started.ToUnixTimeMilliseconds() / 10,
            Host = ThisProcess.HostName,
            UpdatedAt = ended,
            EndedAt = ended,
            EndReason = EndReasons[i % EndReasons.Length],
        };
    }

    private static Session Common(Random random, DateTimeOffset started, int i)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var id = new Guid(bytes).ToString();
        var project = $"service-{i % 25:00}";
        var root = $"/home/dev/src/{project}";
        var cwd = i % 4 == 0 ? root + "/packages/api" : root;
        return new Session
        {
            SessionId = id,
            Cwd = cwd,
            ProjectRoot = root,
            Project = project,
            Branch = i % 3 == 0 ? "main" : $"feature/ticket-{1000 + i}",
            Dirty = i % 2 == 0,
            TranscriptPath = $"/home/dev/.claude/projects/{cwd.Replace('/', '-')}/{id}.jsonl",
            Model = Models[i % Models.Length],
            Task = i % 5 < 2 ? $"Migrate the {project} billing endpoints to the v2 API and update their tests (ticket {1000 + i})" : null,
            LastEvent = HookEvents.PostToolUse,
            LastTool = Tools[i % Tools.Length],
            StartedAt = started,
            EventOrder = (started.ToUnixTimeMilliseconds() / 10 * 16) + 7,
        };
    }

    /// <summary>The largest pid this kernel hands out; pids above it cannot exist.</summary>
    private static int PidMax()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 4_194_304;
        }
    }
}
