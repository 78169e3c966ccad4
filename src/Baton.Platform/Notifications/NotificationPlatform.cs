namespace Baton.Platform.Notifications;

/// <summary>The kind of desktop a notification is shown on, which decides the program used.</summary>
public enum NotificationPlatform
{
    /// <summary>Linux and other freedesktop.org desktops: <c>notify-send</c>.</summary>
    Freedesktop,

    /// <summary>macOS: <c>osascript</c> running <c>display notification</c>.</summary>
    MacOS,

    /// <summary>Anything else: the terminal bell only.</summary>
    Other,
}

/// <summary>Finds the <see cref="NotificationPlatform"/> of this machine.</summary>
public static class NotificationPlatforms
{
    /// <summary>The platform this process runs on.</summary>
    public static NotificationPlatform Current =>
        OperatingSystem.IsMacOS() ? NotificationPlatform.MacOS
        : OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD() ? NotificationPlatform.Freedesktop
        : NotificationPlatform.Other;
}
