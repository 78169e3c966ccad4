using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Storage;

namespace Baton.Core.Sessions;

/// <summary>
/// The session registry: records hook observations, lists live sessions (judging liveness by process), resolves ids,
/// sets tasks, prunes dead sessions, finds conflicts and the sessions <c>baton restore</c> brings back
/// (<see cref="RestoreCandidates"/>). Every change is one store transaction with its journal entry.
/// </summary>
public sealed partial class SessionRegistry
{
    /// <summary>The actor name for changes made by a person at the command line.</summary>
    public const string HumanActor = "human";

    /// <summary>The end reason of a session moved to history by <see cref="Prune"/>.</summary>
    public const string PrunedReason = "pruned";

    /// <summary>The end reason of a session whose <c>claude</c> exited, removing its entry from Claude Code's live-session
    /// registry, without its SessionEnd reaching Baton (<see cref="EndExited"/>).</summary>
    public const string ExitedReason = "exited";

    /// <summary>The end reason of a session ended by <c>baton kill</c> (<see cref="MarkKilled"/>).</summary>
    public const string KilledReason = "killed";

    /// <summary>How many characters of a session id make its short id.</summary>
    public const int ShortIdLength = 8;

    private readonly IStore _store;
    private readonly ISessionLiveness _liveness;
    private readonly TimeProvider _time;

    /// <summary>Creates a registry over a store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="liveness">Judges whether a session's process is gone.</param>
    /// <param name="time">The clock (UTC).</param>
    public SessionRegistry(IStore store, ISessionLiveness liveness, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _liveness = liveness;
        _time = time;
    }

    /// <summary>The short form of a session id shown to people.</summary>
    /// <param name="sessionId">A session id.</param>
    /// <returns>Its first <see cref="ShortIdLength"/> characters.</returns>
    public static string ShortId(string sessionId) =>
        sessionId.Length <= ShortIdLength ? sessionId : sessionId[..ShortIdLength];

    /// <summary>Records one hook observation (status model in <see cref="StatusModel"/>), journaled as
    /// <see cref="JournalTypes.SessionStatus"/> when the status changed, else <see cref="JournalTypes.SessionActivity"/>.
    /// A SessionEnd reported by another process than the session's own <c>claude</c>, while that one still runs, changes
    /// nothing (a forged end would release the live session's work).</summary>
    /// <param name="observation">What the hook saw.</param>
    /// <returns>The session as stored.</returns>
    public Session Record(HookObservation observation) => Record(observation, out _);

    /// <summary>Records one hook observation, as <see cref="Record(HookObservation)"/>, and tells the status before it.</summary>
    /// <param name="observation">What the hook saw.</param>
    /// <param name="previous">The status read in the same transaction, before the change; null for a new session.</param>
    /// <returns>The session as stored.</returns>
    public Session Record(HookObservation observation, out SessionStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(observation);
        SessionStatus? before = null;
        Session stored;
        if (observation.LaunchId is { } launchId && observation.EventName == HookEvents.SessionStart)
        {
            stored = _store.UpdateLaunchedSession(observation.SessionId, launchId, (current, launched) =>
            {
                before = current?.Status ?? launched?.Status;
                return Bind(current, launched, observation);
            })!;
        }
        else if (observation.EventName == HookEvents.SessionEnd)
        {
            // Whether the session's claude still runs is read from /proc, outside the write transaction.
            stored = ChangeAsRead(observation.SessionId, current =>
            {
                before = current?.Status;
                return IsForgedEnd(current, observation) ? null : Observed(current, current, observation, replaces: null);
            })!;
        }
        else
        {
            stored = _store.UpdateSession(observation.SessionId, current =>
            {
                before = current?.Status;
                return Observed(current, current, observation, replaces: null);
            })!;
        }

        previous = before;
        return stored;
    }

    /// <summary>
    /// Records what Claude Code's live-session registry said about a session (<see cref="StatusModel.Apply(Session?,
    /// RegistryObservation)"/>), in one transaction, journaled like a hook's change with <c>"event": "registry"</c> and the
    /// registry's <c>waiting_for</c>. Claude Code's name for the session becomes Baton's when Baton has none (a session
    /// started without <c>baton new</c>) or when a person chose it in claude (<c>/rename</c>, <c>--name</c>), unless it is no
    /// valid session name or a live session has it. A reading that changes nothing writes nothing.
    /// </summary>
    /// <param name="observation">What the registry said.</param>
    /// <param name="previous">The status before the change; null for a session Baton had not known.</param>
    /// <returns>The session as stored, or null when there is none and the reading made none.</returns>
    public Session? Record(RegistryObservation observation, out SessionStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(observation);
        try
        {
            return Record(observation, adoptName: true, out previous);
        }
        catch (SessionNameTakenException)
        {
            return Record(observation, adoptName: false, out previous);
        }
    }

    private Session? Record(RegistryObservation observation, bool adoptName, out SessionStatus? previous)
    {
        SessionStatus? before = null;
        var stored = _store.UpdateSession(observation.SessionId, current =>
        {
            before = current?.Status;
            var next = StatusModel.Apply(current, observation);
            if (adoptName && observation.Name is { } name && IsValidName(name) && next.Name != name && !next.IsEnded
                && (next.Name is null || observation.NameSource != RegistryObservation.DerivedName))
            {
                next = next with { Name = name, UpdatedAt = observation.At };
            }

            if (current is not null && ReferenceEquals(next, current))
            {
                return null;
            }

            var data = new JsonObject { ["event"] = "registry", ["waiting_for"] = observation.WaitingFor };
            string type;
            if (current is null || current.Status != next.Status)
            {
                type = JournalTypes.SessionStatus;
                data["from"] = current?.Status.ToWire();
                data["to"] = next.Status.ToWire();
            }
            else if (current.Name != next.Name)
            {
                type = JournalTypes.SessionRenamed;
                data["from"] = current.Name;
                data["to"] = next.Name;
            }
            else
            {
                type = JournalTypes.SessionActivity;
                data["status"] = next.Status.ToWire();
            }

            return new SessionChange(next, type, observation.SessionId, data.ToJsonString());
        });
        previous = before;
        return stored;
    }

    /// <summary>
    /// Records the git state of an open session's working tree, read after its hook was answered (the resident server
    /// probes git off the agent's waiting path): one transaction and a <see cref="JournalTypes.SessionActivity"/> entry
    /// <c>{"event": "git", "branch": …, "dirty": …}</c> when branch, dirty state or project root changed; nothing otherwise.
    /// </summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="git">What git said.</param>
    /// <returns>The session as stored, or null when there is none.</returns>
    public Session? RecordGit(string sessionId, GitFacts git)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(git);
        return _store.UpdateSession(sessionId, current =>
        {
            if (current is null || current.IsEnded
                || (current.Branch == git.Branch && current.Dirty == git.Dirty && current.ProjectRoot == git.TopLevel && current.Project == git.Project))
            {
                return null;
            }

            var next = current with
            {
                ProjectRoot = git.TopLevel,
                Project = git.Project,
                Branch = git.Branch,
                Dirty = git.Dirty,
                UpdatedAt = _time.GetUtcNow(),
            };
            var data = new JsonObject { ["event"] = "git", ["branch"] = git.Branch, ["dirty"] = git.Dirty };
            return new SessionChange(next, JournalTypes.SessionActivity, sessionId, data.ToJsonString());
        });
    }

    /// <summary>
    /// Decides in the store, atomically, whether a desktop notification about the session's current status is due
    /// (<see cref="Notifications.NotificationPolicy"/>) and if so records it (<see cref="Session.NotifiedAt"/>): of hooks
    /// racing to notify about one change, exactly one is told yes. A session whose wait a person has marked as seen
    /// (<see cref="Acknowledge"/>) gets none until its status changes again.
    /// </summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="previous">The status before the change that prompts the notification.</param>
    /// <param name="minInterval">The least time between two notifications about one session.</param>
    /// <returns>True when the caller is to send the notification.</returns>
    public bool ClaimNotification(string sessionId, SessionStatus? previous, TimeSpan minInterval)
    {
        var now = _time.GetUtcNow();
        var claimed = false;
        _store.UpdateSession(sessionId, current =>
        {
            claimed = current is { SeenAt: null }
                && Notifications.NotificationPolicy.ShouldNotify(previous, current.Status, current.NotifiedAt, now, minInterval);
            return !claimed ? null : new SessionChange(
                current! with { NotifiedAt = now },
                JournalTypes.SessionNotified,
                "baton",
                new JsonObject { ["status"] = current!.Status.ToWire() }.ToJsonString());
        });
        return claimed;
    }

    /// <summary>
    /// Creates the row of a session <c>baton new</c> is about to start (status <see cref="SessionStatus.Starting"/>, keyed by
    /// its launch id until the SessionStart hook binds Claude Code's <c>session_id</c>). Sessions whose process is gone are
    /// pruned first so they do not hold names. A generated name is the project's name and the lowest free number.
    /// </summary>
    /// <param name="request">The launch.</param>
    /// <returns>The stored session.</returns>
    /// <exception cref="UserErrorException">The requested name is taken by an open session.</exception>
    public Session Launch(LaunchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Prune(dryRun: false, request.Actor);
        var root = request.Git?.TopLevel ?? request.Directory;
        var project = request.Git?.Project ?? StatusModel.ProjectName(root);
        for (var number = 1; ; number++)
        {
            var name = request.Name ?? $"{project}-{number}";
            var now = _time.GetUtcNow();
            var session = new Session
            {
                SessionId = request.LaunchId,
                LaunchId = request.LaunchId,
                Name = name,
                Task = request.Task,
                TaskList = request.TaskList,
                Status = SessionStatus.Starting,
                Cwd = request.Directory,
                ProjectRoot = root,
                Project = project,
                Branch = request.Git?.Branch,
                Dirty = request.Git?.Dirty,
                Host = ThisProcess.HostName,
                User = ThisProcess.UserName,
                StartedAt = now,
                UpdatedAt = now,
            };
            try
            {
                return _store.UpdateSession(request.LaunchId, current => current is not null ? null : new SessionChange(
                    session,
                    JournalTypes.SessionLaunched,
                    request.Actor,
                    new JsonObject { ["name"] = name, ["task"] = request.Task, ["cwd"] = request.Directory }.ToJsonString()))!;
            }
            catch (SessionNameTakenException) when (request.Name is null && number < 1000)
            {
            }
            catch (SessionNameTakenException)
            {
                throw new UserErrorException($"The name '{name}' is taken by a live session.", UserErrorRemedy.ChooseAnotherName);
            }
        }
    }

    /// <summary>Records the tmux pane and process of a launched session that Claude Code has not named yet (later, hooks
    /// record them themselves), so a claude that never starts is still judged by its process.</summary>
    /// <param name="launchId">The launch id.</param>
    /// <param name="socket">The tmux server's socket path.</param>
    /// <param name="pane">The pane id.</param>
    /// <param name="process">The pane's process (claude itself: tmux runs it directly), or null when already gone.</param>
    public void SetLaunchPane(string launchId, string socket, string pane, ProcessIdentity? process) =>
        _store.UpdateSession(launchId, current => current is { Status: SessionStatus.Starting, TmuxPane: null } ? new SessionChange(
            (process is null ? current : current.RunningAs(process)) with
            {
                TmuxSocket = socket,
                TmuxPane = pane,
                UpdatedAt = _time.GetUtcNow(),
            },
            JournalTypes.SessionActivity,
            SessionRegistry.HumanActor,
            new JsonObject { ["tmux_pane"] = pane }.ToJsonString()) : null);

    /// <summary>Renames a session; names are unique among open sessions.</summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="name">The new name (1–64 characters: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>).</param>
    /// <param name="actor">Who renames.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The name is invalid or taken, or the session does not exist.</exception>
    public Session Rename(string sessionId, string name, string actor)
    {
        ValidateName(name);
        try
        {
            return _store.UpdateSession(sessionId, current => current is null ? null : new SessionChange(
                current with { Name = name, UpdatedAt = _time.GetUtcNow() },
                JournalTypes.SessionRenamed,
                actor,
                new JsonObject { ["from"] = current.Name, ["to"] = name }.ToJsonString()))
                ?? throw new UserErrorException($"No session '{sessionId}'.");
        }
        catch (SessionNameTakenException)
        {
            throw new UserErrorException($"The name '{name}' is taken by a live session.", UserErrorRemedy.ChooseAnotherName);
        }
    }

    /// <summary>
    /// Marks a waiting session's wait as seen by a person (<see cref="Session.SeenAt"/>, journaled as
    /// <see cref="JournalTypes.SessionSeen"/>): it stays waiting, sorts below unseen waits and gets no notification until its
    /// status changes (then the store clears the mark). Acknowledging a wait already seen changes nothing.
    /// </summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="actor">Who acknowledges: a session id or <see cref="HumanActor"/>.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The session does not exist, has ended, or does not wait for a person.</exception>
    public Session Acknowledge(string sessionId, string actor)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var now = _time.GetUtcNow();
        Session? refused = null;
        var stored = _store.UpdateSession(sessionId, current =>
        {
            refused = current is null || current.IsEnded || !current.Status.NeedsPerson() ? current : null;
            return refused is not null || current is null || current.SeenAt is not null ? null : new SessionChange(
                current with { SeenAt = now },
                JournalTypes.SessionSeen,
                actor,
                new JsonObject { ["status"] = current.Status.ToWire() }.ToJsonString());
        }) ?? throw new UserErrorException($"No session '{sessionId}'.");
        return refused is null ? stored : throw new UserErrorException(
            $"Session {refused.Name ?? ShortId(refused.SessionId)} is {(refused.IsEnded ? "ended" : refused.Status.ToWire())}, not waiting for a person; only a waiting session can be acknowledged.");
    }

    /// <summary>Checks a session name: 1–64 characters of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, not starting with <c>-</c>.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="UserErrorException">The name is not allowed, with what is.</exception>
    public static void ValidateName(string name)
    {
        if (!IsValidName(name))
        {
            throw new UserErrorException($"'{name}' is not a session name: use 1-64 letters, digits, '.', '_' or '-', not starting with '-'.");
        }
    }

    /// <summary>Whether <paramref name="name"/> is a session name (see <see cref="ValidateName"/>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for 1-64 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, not starting with <c>-</c>.</returns>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name[0] != '-'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Moves a session to history as <c>killed</c> (after <c>baton kill</c> ended its process). A session killed
    /// while <see cref="SessionStatus.Starting"/> may have been bound to Claude Code's <c>session_id</c> meanwhile (its
    /// launch row replaced): then the row bound to its <see cref="Session.LaunchId"/> is the one moved.</summary>
    /// <param name="session">The session as it was read before the kill.</param>
    /// <param name="force">Whether the kill was forced.</param>
    /// <param name="actor">Who killed it.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The session does not exist.</exception>
    public Session MarkKilled(Session session, bool force, string actor)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sessionId = session.SessionId;
        if (_store.GetSession(sessionId) is null && session.LaunchId is { } launchId
            && _store.FindSessions(launchId).Where(s => s.LaunchId == launchId).OrderBy(s => s.IsEnded).ThenByDescending(s => s.StartedAt).FirstOrDefault() is { } bound)
        {
            sessionId = bound.SessionId;
        }

        return End(sessionId, KilledReason, JournalTypes.SessionKilled, actor, new JsonObject { ["force"] = force });
    }

    /// <summary>Moves a launched session whose claude could not be started to history as <c>launch_failed</c>.</summary>
    /// <param name="sessionId">The launch id.</param>
    /// <param name="why">What failed.</param>
    /// <param name="actor">Who launched it.</param>
    /// <returns>The session as stored.</returns>
    public Session MarkLaunchFailed(string sessionId, string why, string actor) =>
        End(sessionId, "launch_failed", JournalTypes.SessionStatus, actor, new JsonObject { ["to"] = "exited", ["reason"] = why });

    private Session End(string sessionId, string reason, string journalType, string actor, JsonObject data)
    {
        var now = _time.GetUtcNow();
        return _store.UpdateSession(sessionId, current =>
        {
            if (current is null)
            {
                return null;
            }

            data["from"] = current.Status.ToWire();
            return new SessionChange(Ended(current, reason, now), journalType, actor, data.ToJsonString());
        }) ?? throw new UserErrorException($"No session '{sessionId}'.");
    }

    private static Session Ended(Session current, string reason, DateTimeOffset now) => current with
    {
        Status = SessionStatus.Exited,
        EndedAt = current.EndedAt ?? now,
        EndReason = reason,
        UpdatedAt = now,
        ActiveSubagents = 0,
        StopPending = false,
    };

    /// <summary>A SessionEnd for an open session whose recorded <c>claude</c> process still runs, reported by another
    /// process: Claude Code runs a session's SessionEnd hook under that very process, so this one is refused.</summary>
    private bool IsForgedEnd(Session? current, HookObservation observation) =>
        current is { IsEnded: false, Process: { } recorded }
        && observation.Process?.IsSameProcess(recorded) != true
        && !_liveness.IsGone(current);

    private static SessionChange Observed(Session? before, Session? basis, HookObservation observation, string? replaces)
    {
        var next = StatusModel.Apply(basis, observation);
        var from = before?.Status ?? basis?.Status;
        var data = new JsonObject { ["event"] = observation.EventName };
        string type;
        if (from != next.Status || basis is null)
        {
            type = JournalTypes.SessionStatus;
            data["from"] = from?.ToWire();
            data["to"] = next.Status.ToWire();
        }
        else
        {
            type = JournalTypes.SessionActivity;
            data["status"] = next.Status.ToWire();
        }

        if (observation.ToolName is { } tool)
        {
            data["tool"] = tool;
        }

        if (observation.TeammateName is { } teammate)
        {
            data["teammate"] = teammate;
        }

        if (observation.TaskId is { } taskId)
        {
            data["task_id"] = taskId;
            data["task_subject"] = observation.TaskSubject;
        }

        if (next.StatusReason is { } reason)
        {
            data["reason"] = reason;
        }

        if (next.TaskList is { } list && list != (before ?? basis)?.TaskList)
        {
            // Learned from CLAUDE_CODE_TASK_LIST_ID in the hook's environment (a session not started by baton new --task-list).
            data["task_list"] = list;
        }

        if (observation.SpoolId is { } spooled)
        {
            data[HookObservation.SpoolIdField] = spooled;
        }

        if (replaces is not null)
        {
            data["launch_id"] = observation.LaunchId;
            data["replaces"] = replaces;
        }

        // A conversation that ended and is resumed: its earlier run keeps its own row in history.
        var keeps = before is { IsEnded: true, SessionId: var id } && id == next.SessionId && !next.IsEnded ? ConversationRuns.EarlierRunId(before) : null;
        if (keeps is not null)
        {
            // The earlier run keeps its restore mark; the reopened conversation may be restored again once it is lost.
            data["earlier_run"] = keeps;
            next = next with { RestoredAt = null };
        }

        return new SessionChange(next, type, observation.SessionId, data.ToJsonString(), replaces, keeps);
    }

    /// <summary>A SessionStart of a session started by <c>baton new</c>: the launch's row becomes Claude Code's session
    /// (first start), or a new conversation of the same launch (after <c>/clear</c>) inherits its name, task and pane.</summary>
    private static SessionChange Bind(Session? current, Session? launched, HookObservation observation)
    {
        if (launched is null || launched.SessionId == observation.SessionId)
        {
            return Observed(current, current, observation, replaces: null);
        }

        if (launched is { Status: SessionStatus.Starting, IsEnded: false })
        {
            // Claude Code's row may exist already: made by a hook that ran in parallel (async UserPromptSubmit), or the
            // ended row of a conversation this launch resumes. The launch's name and task win; the rest is merged.
            var basis = current is null
                ? launched with { SessionId = observation.SessionId }
                : current with
                {
                    Name = launched.Name ?? current.Name,
                    Task = launched.Task ?? current.Task,
                    TaskList = launched.TaskList ?? current.TaskList,
                    LaunchId = launched.LaunchId,
                    TmuxSocket = launched.TmuxSocket ?? current.TmuxSocket,
                    TmuxPane = launched.TmuxPane ?? current.TmuxPane,
                    StartedAt = launched.StartedAt,
                };
            return Observed(current ?? launched, basis, observation, replaces: launched.SessionId);
        }

        if (launched is { EndReason: KilledReason } && launched.SessionId == launched.LaunchId && current is null)
        {
            // Killed while starting, before this SessionStart reached Baton: the killed launch becomes Claude's session, ended.
            var killed = launched with { SessionId = observation.SessionId, Cwd = observation.Cwd ?? launched.Cwd, UpdatedAt = observation.At };
            var data = new JsonObject { ["event"] = observation.EventName, ["status"] = killed.Status.ToWire(), ["launch_id"] = launched.LaunchId, ["replaces"] = launched.SessionId };
            return new SessionChange(killed, JournalTypes.SessionActivity, observation.SessionId, data.ToJsonString(), launched.SessionId);
        }

        if (current is not null)
        {
            return Observed(current, current, observation, replaces: null);
        }

        var inherited = new Session
        {
            SessionId = observation.SessionId,
            LaunchId = launched.LaunchId,
            Name = launched.IsEnded ? launched.Name : null,
            Task = launched.Task,
            TaskList = launched.TaskList,
            TmuxSocket = launched.TmuxSocket,
            TmuxPane = launched.TmuxPane,
            StartedAt = observation.At,
            UpdatedAt = observation.At,
        };
        return Observed(null, inherited, observation, replaces: null);
    }

    /// <summary>Lists sessions as they are now: an open session whose process is gone shows as <see cref="SessionStatus.Exited"/>.</summary>
    /// <param name="includeEnded">Also list ended sessions and open ones whose process is gone.</param>
    /// <returns>The sessions, oldest first.</returns>
    public IReadOnlyList<Session> List(bool includeEnded) => [.. Read(includeEnded)];

    /// <summary>The sessions of <see cref="List"/>, read from the store one at a time as they are asked for (for output that
    /// streams), each process looked at once (<see cref="ISessionLiveness.Snapshot"/>).</summary>
    /// <param name="includeEnded">Also list ended sessions and open ones whose process is gone.</param>
    /// <returns>The sessions, oldest first, read lazily: enumerate to the end or dispose, and change nothing meanwhile.</returns>
    public IEnumerable<Session> Read(bool includeEnded)
    {
        var liveness = _liveness.Snapshot();
        var sessions = _store.ReadSessions(includeEnded ? SessionFilter.All : SessionFilter.Open).Select(s => Observe(s, liveness));
        return includeEnded ? sessions : sessions.Where(s => s.Status != SessionStatus.Exited);
    }

    /// <summary>Ended sessions in a time range, by end time.</summary>
    /// <param name="from">From (UTC), inclusive.</param>
    /// <param name="before">Before (UTC), exclusive.</param>
    /// <returns>The sessions, ordered by end time.</returns>
    public IReadOnlyList<Session> History(DateTimeOffset from, DateTimeOffset before) => History(from, before, null, null);

    /// <summary>A page of ended sessions in a time range, by end time: the <paramref name="limit"/> that ended last before
    /// <paramref name="cursor"/> (the oldest session of the page shown before).</summary>
    /// <param name="from">From (UTC), inclusive.</param>
    /// <param name="before">Before (UTC), exclusive.</param>
    /// <param name="limit">At most this many (those that ended last); null for all.</param>
    /// <param name="cursor">An ended session: only those that ended before it (by end time, then id); null for no cursor.</param>
    /// <returns>The sessions, ordered by end time, then id.</returns>
    /// <exception cref="UserErrorException">The cursor has not ended.</exception>
    public IReadOnlyList<Session> History(DateTimeOffset from, DateTimeOffset before, int? limit, Session? cursor)
    {
        if (cursor is { EndedAt: null })
        {
            throw new UserErrorException($"Session {ShortId(cursor.SessionId)} has not ended, so it cannot mark a page of history.");
        }

        var end = cursor?.EndedAt is { } at && at < before ? at : before;
        var filter = SessionFilter.EndedBetween(from, end) with
        {
            EndedBeforeId = cursor?.EndedAt == end ? cursor.SessionId : null,
            LastEnded = limit,
        };
        return [.. _store.ListSessions(filter).OrderBy(s => s.EndedAt).ThenBy(s => s.SessionId, StringComparer.Ordinal)];
    }

    /// <summary>Finds one session by full id, unique id prefix, name or launch id. Open sessions win over ended ones of the
    /// same name, and the latest run of a resumed conversation over its earlier runs (<see cref="ConversationRuns"/>).</summary>
    /// <param name="idOrName">An id, id prefix or name.</param>
    /// <returns>The session, with its status observed as in <see cref="List"/>.</returns>
    /// <exception cref="UserErrorException">Nothing matches, or more than one session does.</exception>
    public Session Resolve(string idOrName)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            throw new UserErrorException("A session id, id prefix or name is required.");
        }

        if (_store.GetSession(idOrName) is { } exact)
        {
            return Observe(exact);
        }

        var matches = _store.FindSessions(idOrName);
        if (matches.Count == 0)
        {
            throw new UserErrorException($"No session matches '{idOrName}'.", UserErrorRemedy.ListAllSessions);
        }

        var open = matches.Where(s => !s.IsEnded).ToList();
        var candidates = open.Count > 0 ? open : matches.ToList();
        if (candidates.Select(s => ConversationRuns.ConversationId(s.SessionId)).Distinct(StringComparer.Ordinal).Count() == 1
            && candidates.FirstOrDefault(s => s.SessionId == ConversationRuns.ConversationId(s.SessionId)) is { } latestRun)
        {
            // The runs of one resumed conversation: the conversation's own id names its latest run.
            candidates = [latestRun];
        }

        if (candidates.Count > 1)
        {
            var names = string.Join(", ", candidates.Take(5).Select(s => ShortId(s.SessionId) + (s.Name is null ? "" : $" ({s.Name})")));
            throw new UserErrorException($"'{idOrName}' matches {candidates.Count} sessions: {names}; give more of the id.");
        }

        return Observe(candidates[0]);
    }

    /// <summary>The open sessions whose process runs that work in <paramref name="directory"/>: those whose working directory
    /// is the nearest folder at or above it (a subfolder of a session's folder finds that session); when there is none, those
    /// whose project root is at or above it.</summary>
    /// <param name="directory">An absolute folder path.</param>
    /// <returns>The sessions; empty when none.</returns>
    public IReadOnlyList<Session> LiveIn(string directory)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var live = List(includeEnded: false);
        var enclosing = live
            .Where(s => s.Cwd is { } cwd && Encloses(cwd, target))
            .GroupBy(s => Path.TrimEndingDirectorySeparator(s.Cwd!).Length)
            .OrderByDescending(g => g.Key)
            .FirstOrDefault();
        return enclosing?.ToList() ?? live.Where(s => s.ProjectRoot is { } root && Encloses(root, target)).ToList();

        static bool Encloses(string folder, string path)
        {
            var trimmed = Path.TrimEndingDirectorySeparator(folder);
            return string.Equals(trimmed, path, StringComparison.Ordinal)
                || (path.StartsWith(trimmed, StringComparison.Ordinal) && (trimmed == "/" || path[trimmed.Length] == '/'));
        }
    }

    /// <summary>Sets or clears a session's task description.</summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="task">The task, or null to clear it.</param>
    /// <param name="actor">Who sets it: a session id or <see cref="HumanActor"/>.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The session does not exist, or the task is longer than 1,000 characters.</exception>
    public Session SetTask(string sessionId, string? task, string actor)
    {
        if (task is { Length: > 1000 })
        {
            throw new UserErrorException($"A task is at most 1000 characters; this one has {task.Length}.");
        }

        var stored = _store.UpdateSession(sessionId, current => current is null ? null : new SessionChange(
            current with { Task = string.IsNullOrWhiteSpace(task) ? null : task.Trim(), UpdatedAt = _time.GetUtcNow() },
            JournalTypes.SessionTask,
            actor,
            new JsonObject { ["task"] = task }.ToJsonString()));
        return stored ?? throw new UserErrorException($"No session '{sessionId}'.");
    }

    /// <summary>Joins a session to a task list (or leaves it with null), journaled as <see cref="JournalTypes.SessionTaskList"/>:
    /// it then shows among the list's sessions (<c>baton tasks ls LIST</c>) and hears of the list's changes.</summary>
    /// <param name="sessionId">The full session id.</param>
    /// <param name="list">The list, or null to leave.</param>
    /// <param name="actor">Who sets it.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The session does not exist.</exception>
    public Session JoinTaskList(string sessionId, string? list, string actor)
    {
        var stored = _store.UpdateSession(sessionId, current => current is null ? null : new SessionChange(
            current with { TaskList = list, UpdatedAt = _time.GetUtcNow() },
            JournalTypes.SessionTaskList,
            actor,
            new JsonObject { ["task_list"] = list }.ToJsonString()));
        return stored ?? throw new UserErrorException($"No session '{sessionId}'.");
    }

    /// <summary>
    /// Moves open sessions whose process is gone to history with end reason <see cref="PrunedReason"/>, one transaction
    /// each, which writes only if the session is as it was when judged gone (its process is looked at outside the
    /// transaction); a session that changed meanwhile is judged again. Idempotent.
    /// </summary>
    /// <param name="dryRun">Only report what would be moved.</param>
    /// <param name="actor">Who prunes: a session id or <see cref="HumanActor"/>.</param>
    /// <returns>The sessions moved (or that would be), as they were before.</returns>
    public IReadOnlyList<Session> Prune(bool dryRun, string actor)
    {
        var gone = _store.ListSessions(SessionFilter.Open).Where(_liveness.IsGone).ToList();
        if (dryRun)
        {
            return gone;
        }

        var moved = new List<Session>();
        foreach (var session in gone)
        {
            if (EndGone(session.SessionId, PrunedReason, JournalTypes.SessionPruned, actor, []) is { } before)
            {
                moved.Add(before);
            }
        }

        return moved;
    }

    /// <summary>
    /// Moves one open session whose <c>claude</c> exited without its SessionEnd reaching Baton to history, with end reason
    /// <see cref="ExitedReason"/>: the resident server does it a while after claude removed the session's entry from its
    /// live-session registry (<c>~/.claude/sessions</c>). One transaction, journaled as <see cref="JournalTypes.SessionStatus"/>
    /// (<c>{"from", "to": "exited", "reason": "exited"}</c>), which writes only if the session is still open and its process
    /// gone (looked at outside the transaction); a session that changed meanwhile is judged again.
    /// </summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="actor">Who ends it.</param>
    /// <returns>True when it was ended now; false when there is no such session, it had ended, or its process still runs
    /// (or is not known).</returns>
    public bool EndExited(string sessionId, string actor) =>
        EndGone(sessionId, ExitedReason, JournalTypes.SessionStatus, actor, new JsonObject { ["to"] = "exited", ["reason"] = ExitedReason }) is not null;

    /// <summary>Ends an open session whose process is gone, as <paramref name="reason"/>; returns it as it was before, or
    /// null when it was not ended.</summary>
    private Session? EndGone(string sessionId, string reason, string journalType, string actor, JsonObject data)
    {
        var now = _time.GetUtcNow();
        Session? before = null;
        ChangeAsRead(sessionId, current =>
        {
            before = null;
            if (current is null || current.IsEnded || !_liveness.IsGone(current))
            {
                return null;
            }

            before = current;
            data["from"] = current.Status.ToWire();
            return new SessionChange(Ended(current, reason, now), journalType, actor, data.ToJsonString());
        });
        return before;
    }

    /// <summary>Live sessions sharing one project (same git top-level, or same path outside git).</summary>
    /// <returns>One entry per shared project, each with two or more sessions.</returns>
    public IReadOnlyList<ProjectConflict> Conflicts() => List(includeEnded: false)
        .GroupBy(s => s.ProjectRoot ?? s.Cwd ?? "", StringComparer.Ordinal)
        .Where(g => g.Key.Length > 0 && g.Count() > 1)
        .Select(g => new ProjectConflict(g.Key, g.First().Project ?? StatusModel.ProjectName(g.Key), g.ToList(), RiskOf(g.Key, g.ToList())))
        .ToList();

    private static string RiskOf(string root, List<Session> sessions)
    {
        var branches = sessions.Select(s => s.Branch ?? "?").Distinct(StringComparer.Ordinal).ToList();
        return branches.Count == 1
            ? $"{sessions.Count} sessions edit one working tree ({root}) on branch '{branches[0]}': their changes can overwrite each other; give each its own worktree."
            : $"{sessions.Count} sessions share one working tree ({root}) across branches {string.Join(", ", branches.Select(b => $"'{b}'"))}: a checkout by one changes the files under the others.";
    }

    private Session Observe(Session session) => Observe(session, _liveness);

    private static Session Observe(Session session, ISessionLiveness liveness) =>
        !session.IsEnded && session.Status != SessionStatus.Exited && liveness.IsGone(session)
            ? session with { Status = SessionStatus.Exited }
            : session;
}
