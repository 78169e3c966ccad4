using System.Runtime.InteropServices;

namespace Baton.Core.Home;

/// <summary>
/// Refuses a home, store or log that another user owns: Baton would otherwise keep its state, or append its log, where that
/// user can read and change it. The owner is read without following a link (<c>statx(2)</c> with
/// <c>AT_SYMLINK_NOFOLLOW</c>) and compared with the effective user id (<c>geteuid(2)</c>). Where the owner cannot be read
/// (not Linux, or a C library without <c>statx</c>) nothing is refused.
/// </summary>
public static class ForeignOwner
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int StatxUidOffset = 20;

    /// <summary>The effective user id of this process; null on Windows.</summary>
    public static uint? CurrentUser { get; } = OperatingSystem.IsWindows() ? null : NativeGetEuid();

    /// <summary>The user id that owns <paramref name="path"/> (a link itself, not its target).</summary>
    /// <param name="path">A file or folder.</param>
    /// <returns>The owner's uid, or null when nothing is there or the owner cannot be read here.</returns>
    public static uint? OwnerOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            return NativeStatx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxUid, buffer) == 0
                ? BitConverter.ToUInt32(buffer, StatxUidOffset)
                : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="path"/> exists and is owned by another user than <paramref name="user"/>.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="user">The uid that should own it; null for <see cref="CurrentUser"/>.</param>
    /// <returns>True when another user owns it.</returns>
    public static bool IsForeign(string path, uint? user = null) =>
        (user ?? CurrentUser) is { } expected && OwnerOf(path) is { } owner && owner != expected;

    /// <summary>Throws when <paramref name="path"/> is owned by another user.</summary>
    /// <param name="path">The path.</param>
    /// <param name="what">What Baton keeps there, for the message: <c>Baton's home</c>, <c>the store</c>.</param>
    /// <param name="user">The uid that should own it; null for <see cref="CurrentUser"/> (a test gives another).</param>
    /// <exception cref="UnauthorizedAccessException">Another user owns it; the one-line message names both uids.</exception>
    public static void Refuse(string path, string what, uint? user = null)
    {
        if ((user ?? CurrentUser) is { } expected && OwnerOf(path) is { } owner && owner != expected)
        {
            throw new UnauthorizedAccessException(
                $"{what} {path} is owned by uid {owner}, not by you (uid {expected}); Baton does not use a home, store or log another user owns (set BATON_HOME to a folder of yours)");
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint NativeGetEuid();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int directory, string path, int flags, uint mask, byte[] buffer);
}
