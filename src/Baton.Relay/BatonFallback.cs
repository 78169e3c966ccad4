using System.Diagnostics;
using Baton.Core.Home;
using Baton.Platform.Programs;

namespace Baton.Relay;

/// <summary>
/// What the relay does when no server answers: start one in the background for the calls to come, and do this call with a
/// <c>baton</c> process of its own, as the hooks did before the server existed.
/// </summary>
internal static class BatonFallback
{
    /// <summary>The least time between two attempts of this home's relays to start a server.</summary>
    public static readonly TimeSpan StartInterval = TimeSpan.FromSeconds(10);

    /// <summary>The idle time after which a server a relay started stops by itself, in seconds.</summary>
    public const int StartedServerIdleSeconds = 1800;

    /// <summary>Starts a detached server with the same baton, unless one was started within <see cref="StartInterval"/> or
    /// <c>BATON_SERVE_AUTOSTART=0</c>, or Baton's home does not exist; it stops after <see cref="StartedServerIdleSeconds"/> without a call.</summary>
    /// <param name="line">The relay's command line, naming baton.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    public static void StartServer(RelayCommandLine line, BatonHome home, BatonLog log)
    {
        if (Environment.GetEnvironmentVariable("BATON_SERVE_AUTOSTART") == "0" || !Directory.Exists(home.Root))
        {
            // Off, or the home is gone (deleted under a session still ending): nothing for a server to serve.
            return;
        }

        var marker = Path.Combine(home.Root, "serve.started");
        try
        {
            if (File.Exists(marker) && DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) < StartInterval)
            {
                return;
            }

            home.EnsureCreated();
            File.WriteAllBytes(marker, []);
            BatonHome.MakePrivate(marker);
            ProgramRun.StartDetached(
                line.Baton[0],
                [.. line.Baton.Skip(1), "serve", "--detach", "--idle-exit", StartedServerIdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                home.Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            log.Write("relay", $"could not start the Baton server: {e.Message}");
        }
    }

    /// <summary>Runs <c>baton hook</c> (or <c>baton mcp</c>) for the call, its stdout and stderr this process's; its stdin
    /// is <paramref name="input"/>, or this process's own when null.</summary>
    /// <param name="line">The relay's command line.</param>
    /// <param name="input">The hook input already read, or null to hand over this process's stdin.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">What runs, for the log.</param>
    /// <returns>baton's exit code; 0 when it could not be started.</returns>
    public static int Run(RelayCommandLine line, byte[]? input, BatonLog log, string area)
    {
        try
        {
            var start = new ProcessStartInfo(line.Baton[0]) { UseShellExecute = false, RedirectStandardInput = input is not null };
            foreach (var argument in line.BatonArguments())
            {
                start.ArgumentList.Add(argument);
            }

            using var hook = Process.Start(start) ?? throw new IOException($"could not start {line.Baton[0]}");
            try
            {
                if (input is not null)
                {
                    hook.StandardInput.BaseStream.Write(input);
                    hook.StandardInput.Close();
                }
            }
            catch (IOException)
            {
                // The hook ended before reading its input; its exit code still tells.
            }

            hook.WaitForExit();
            return hook.ExitCode;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            log.Write(area, $"could not record the event: {e.Message}");
            return 0;
        }
    }
}
