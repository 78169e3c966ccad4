using Baton.Core.Sessions;
using System.Data.Common;

namespace Baton.Storage.Relational;

/// <summary>Maps <see cref="Session"/> to and from rows of the <c>sessions</c> table of both SQL stores (times as Unix
/// milliseconds, UTC; booleans as the database's own: SQLite's 0/1 integers read and bind as <see cref="bool"/> too).</summary>
public static class SessionRows
{
    /// <summary>The column list, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "session_id, name, status, status_reason, cwd, project_root, project, branch, dirty, pid, process_start, host, " +
        "transcript_path, model, task, last_event, last_tool, started_at, updated_at, ended_at, end_reason, " +
        "active_subagents, stop_pending, event_order, launch_id, tmux_socket, tmux_pane, notified_at, status_since, seen_at, task_list, restored_at, process_boot_id, process_start_ticks, team_name, agent_name, parent_session_id, os_user";

    /// <summary>An upsert of every column from <c>@</c>-parameters named like the columns.</summary>
    public static readonly string Upsert =
        $"INSERT INTO sessions ({Columns}) VALUES ({string.Join(", ", Names.Select(n => "@" + n))}) " +
        $"ON CONFLICT (session_id) DO UPDATE SET {string.Join(", ", Names.Skip(1).Select(n => $"{n} = excluded.{n}"))}";

    private static string[] Names => Columns.Split(", ");

    /// <summary>Reads the current row of a reader selecting <see cref="Columns"/>.</summary>
    /// <param name="r">The reader.</param>
    /// <returns>The session.</returns>
    public static Session Read(DbDataReader r) => new()
    {
        SessionId = r.GetString(0),
        Name = Text(r, 1),
        Status = SessionStatusNames.Parse(r.GetString(2)),
        StatusReason = Text(r, 3),
        Cwd = Text(r, 4),
        ProjectRoot = Text(r, 5),
        Project = Text(r, 6),
        Branch = Text(r, 7),
        Dirty = r.IsDBNull(8) ? null : r.GetBoolean(8),
        Pid = r.IsDBNull(9) ? null : r.GetInt32(9),
        ProcessStart = Int64(r, 10),
        Host = Text(r, 11),
        TranscriptPath = Text(r, 12),
        Model = Text(r, 13),
        Task = Text(r, 14),
        LastEvent = Text(r, 15),
        LastTool = Text(r, 16),
        StartedAt = Time(r, 17),
        UpdatedAt = Time(r, 18),
        EndedAt = OptionalTime(r, 19),
        EndReason = Text(r, 20),
        ActiveSubagents = r.GetInt32(21),
        StopPending = r.GetBoolean(22),
        EventOrder = r.GetInt64(23),
        LaunchId = Text(r, 24),
        TmuxSocket = Text(r, 25),
        TmuxPane = Text(r, 26),
        NotifiedAt = OptionalTime(r, 27),
        StatusSince = OptionalTime(r, 28),
        SeenAt = OptionalTime(r, 29),
        TaskList = Text(r, 30),
        RestoredAt = OptionalTime(r, 31),
        ProcessBootId = Text(r, 32),
        ProcessStartTicks = Int64(r, 33),
        TeamName = Text(r, 34),
        AgentName = Text(r, 35),
        ParentSessionId = Text(r, 36),
        User = Text(r, 37),
    };

    /// <summary>The parameters of <see cref="Upsert"/> for a session.</summary>
    /// <param name="s">The session.</param>
    /// <returns>Name and value pairs.</returns>
    public static (string, object?)[] Parameters(Session s) =>
    [
        ("@session_id", s.SessionId), ("@name", s.Name), ("@status", s.Status.ToWire()), ("@status_reason", s.StatusReason),
        ("@cwd", s.Cwd), ("@project_root", s.ProjectRoot), ("@project", s.Project), ("@branch", s.Branch),
        ("@dirty", s.Dirty), ("@pid", s.Pid), ("@process_start", s.ProcessStart), ("@host", s.Host),
        ("@transcript_path", s.TranscriptPath), ("@model", s.Model), ("@task", s.Task), ("@last_event", s.LastEvent),
        ("@last_tool", s.LastTool), ("@started_at", s.StartedAt.ToUnixTimeMilliseconds()),
        ("@updated_at", s.UpdatedAt.ToUnixTimeMilliseconds()), ("@ended_at", s.EndedAt?.ToUnixTimeMilliseconds()),
        ("@end_reason", s.EndReason), ("@active_subagents", s.ActiveSubagents), ("@stop_pending", s.StopPending),
        ("@event_order", s.EventOrder), ("@launch_id", s.LaunchId), ("@tmux_socket", s.TmuxSocket), ("@tmux_pane", s.TmuxPane),
        ("@notified_at", s.NotifiedAt?.ToUnixTimeMilliseconds()), ("@status_since", s.StatusSince?.ToUnixTimeMilliseconds()),
        ("@seen_at", s.SeenAt?.ToUnixTimeMilliseconds()), ("@task_list", s.TaskList),
        ("@restored_at", s.RestoredAt?.ToUnixTimeMilliseconds()), ("@process_boot_id", s.ProcessBootId),
        ("@process_start_ticks", s.ProcessStartTicks), ("@team_name", s.TeamName), ("@agent_name", s.AgentName),
        ("@parent_session_id", s.ParentSessionId), ("@os_user", s.User),
    ];

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Int64(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DateTimeOffset? OptionalTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    private static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds.Read(r, i));
}
