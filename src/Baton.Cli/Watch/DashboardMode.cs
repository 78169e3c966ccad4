namespace Baton.Cli.Watch;

/// <summary>What the dashboard's keys do right now; every mode but <see cref="Normal"/> owns the footer line.</summary>
internal enum DashboardMode
{
    /// <summary>Keys select, attach, kill, start, filter and quit.</summary>
    Normal,

    /// <summary>"Kill NAME? y/n": only <c>y</c> kills, any other key cancels.</summary>
    ConfirmKill,

    /// <summary>Typing the folder of a new session (Enter takes the default, the current folder, when empty).</summary>
    NewFolder,

    /// <summary>Typing the optional task of a new session.</summary>
    NewTask,

    /// <summary>Typing the filter; it applies as it is typed, Enter keeps it, Esc clears it.</summary>
    FilterInput,
}
