using Baton.Platform.Programs;


namespace Baton.Platform.Notifications;

/// <summary>What delivers a notification.</summary>
public enum NotificationMechanismKind
{
    /// <summary>The freedesktop.org <c>notify-send</c> program.</summary>
    NotifySend,

    /// <summary>macOS <c>osascript -e 'display notification …'</c>.</summary>
    Osascript,

    /// <summary>The terminal bell (<c>\a</c>), when no desktop program is found.</summary>
    Bell,
}

/// <summary>The mechanism a <see cref="DesktopNotifier"/> uses and, for a program, where it was found.</summary>
/// <param name="Kind">The mechanism.</param>
/// <param name="ProgramPath">The absolute path of the program; null for <see cref="NotificationMechanismKind.Bell"/>.</param>
public sealed record NotificationMechanism(NotificationMechanismKind Kind, string? ProgramPath)
{
    /// <summary>The program name of <c>notify-send</c>.</summary>
    public const string NotifySendProgram = "notify-send";

    /// <summary>The program name of <c>osascript</c>.</summary>
    public const string OsascriptProgram = "osascript";

    /// <summary>The short wire name: <c>notify-send</c>, <c>osascript</c> or <c>bell</c>.</summary>
    public string Name => Kind switch
    {
        NotificationMechanismKind.NotifySend => NotifySendProgram,
        NotificationMechanismKind.Osascript => OsascriptProgram,
        _ => "bell",
    };

    /// <summary>Picks the mechanism for a platform from what is on a search path.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="searchPath">A <c>PATH</c>-style list; null for this process's <c>PATH</c>.</param>
    /// <returns><c>notify-send</c> (freedesktop) or <c>osascript</c> (macOS) when found, else the bell.</returns>
    public static NotificationMechanism Detect(NotificationPlatform platform, string? searchPath)
    {
        var (kind, program) = platform switch
        {
            NotificationPlatform.Freedesktop => (NotificationMechanismKind.NotifySend, NotifySendProgram),
            NotificationPlatform.MacOS => (NotificationMechanismKind.Osascript, OsascriptProgram),
            _ => (NotificationMechanismKind.Bell, null),
        };
        return program is not null && ExecutableSearch.Find(program, searchPath) is { } path
            ? new NotificationMechanism(kind, path)
            : new NotificationMechanism(NotificationMechanismKind.Bell, null);
    }

    /// <summary>A phrase for people, for example <c>notify-send (/usr/bin/notify-send)</c> or <c>the terminal bell</c>.</summary>
    /// <returns>The phrase.</returns>
    public string Describe() => ProgramPath is null ? "the terminal bell" : $"{Name} ({ProgramPath})";
}
