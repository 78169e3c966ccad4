using Baton.Cli.Watch;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Watch;

/// <summary>Builds watched sessions for dashboard tests, at times relative to a fixed <see cref="Now"/>.</summary>
internal static class Sessions
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static WatchedSession Watched(
        string id,
        SessionStatus status = SessionStatus.Running,
        int waitedSeconds = 0,
        int idleSeconds = 0,
        string? name = null,
        string? project = "api",
        string? branch = "main",
        bool? dirty = false,
        string? task = null,
        int unread = 0,
        string? taskList = null) =>
        new(
            new Session
            {
                SessionId = id,
                Name = name,
                Status = status,
                Project = project,
                Branch = branch,
                Dirty = dirty,
                Task = task,
                TaskList = taskList,
                StartedAt = Now.AddHours(-1),
                UpdatedAt = Now.AddSeconds(-idleSeconds),
            },
            Now.AddSeconds(-waitedSeconds),
            unread);

    public static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, shift: false, alt: false, control: false);

    public static ConsoleKeyInfo Char(char c) => new(c, c is >= 'a' and <= 'z' ? ConsoleKey.A + (c - 'a') : 0, shift: false, alt: false, control: false);

    public static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, false, false, false);

    public static ConsoleKeyInfo Escape => new('\u001b', ConsoleKey.Escape, false, false, false);

    public static ConsoleKeyInfo CtrlC => new('\u0003', ConsoleKey.C, shift: false, alt: false, control: true);

    public static void Type(this DashboardState state, string text)
    {
        foreach (var c in text)
        {
            state.Handle(Char(c));
        }
    }
}
