using Baton.ClaudeCode.Settings;
using Baton.Core.Home;

namespace Baton.Cli.Hooks;

/// <summary>
/// What Baton's hooks call: <c>baton-relay --baton &lt;this baton&gt; hook &lt;Event&gt;</c>, which forwards each call to the
/// resident server (<c>baton serve</c>), when a relay is at hand; else this <c>baton</c> itself (<c>baton hook &lt;Event&gt;</c>,
/// a .NET process per hook). The relay is the one named by <c>BATON_RELAY</c>, else the one beside this <c>baton</c>. A
/// native (Native AOT, single-file) relay is copied to <c>$BATON_HOME/bin/baton-relay</c> (0700) and called there, so
/// the hooks keep working when the .NET tool is updated and its versioned folder goes away; a relay that needs its
/// <c>baton-relay.dll</c> beside it (a development build) is called where it is.
/// </summary>
internal static class HookTarget
{
    /// <summary>The environment variable that names the relay to install.</summary>
    public const string RelayVariable = "BATON_RELAY";

    /// <summary>The relay's file name.</summary>
    public const string RelayName = "baton-relay";

    /// <summary>The command the hooks should call, without installing anything (for status and doctor).</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>The command.</returns>
    /// <exception cref="InvalidOperationException">This baton's own path is unknown.</exception>
    public static HookCommand Expected(BatonHome home)
    {
        var baton = HookCommand.ForCurrentProcess();
        return Source() is not { } relay ? baton : Relayed(IsNative(relay) ? InstalledPath(home) : relay, baton);
    }

    /// <summary>The command the hooks should call, copying a native relay into Baton's home first when it differs.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>The command.</returns>
    /// <exception cref="IOException">The relay cannot be copied.</exception>
    /// <exception cref="InvalidOperationException">This baton's own path is unknown.</exception>
    public static HookCommand Prepare(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var baton = HookCommand.ForCurrentProcess();
        if (Source() is not { } relay)
        {
            return baton;
        }

        if (!IsNative(relay))
        {
            return Relayed(relay, baton);
        }

        var installed = InstalledPath(home);
        if (!File.Exists(installed) || !File.ReadAllBytes(installed).AsSpan().SequenceEqual(File.ReadAllBytes(relay)))
        {
            BatonHome.CreatePrivateDirectory(Path.GetDirectoryName(installed)!);
            var temporary = installed + ".tmp";
            File.Copy(relay, temporary, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            File.Move(temporary, installed, overwrite: true);
        }

        return Relayed(installed, baton);
    }

    private static HookCommand Relayed(string relay, HookCommand baton) =>
        new(relay, ["--baton", baton.Executable, .. baton.LeadingArguments]);

    private static string InstalledPath(BatonHome home) => Path.Combine(home.Root, "bin", RelayName);

    private static string? Source()
    {
        var configured = Environment.GetEnvironmentVariable(RelayVariable);
        var path = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, RelayName) : Path.GetFullPath(configured);
        return File.Exists(path) ? path : null;
    }

    private static bool IsNative(string relay) => !File.Exists(Path.Combine(Path.GetDirectoryName(relay)!, RelayName + ".dll"));
}
