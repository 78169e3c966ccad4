using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Baton.ClaudeCode.Settings;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Home;
using Baton.Platform.Processes;
using Baton.Platform.Programs;
using Baton.Web;

namespace Baton.Cli.Serve;

/// <summary>
/// <c>baton serve [start|stop|status]</c>: the resident server (<see cref="ResidentServer"/>) that answers Claude Code's
/// hooks through <c>baton-relay</c>, so that no hook starts a .NET process of its own.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The option <c>baton-relay</c> passes when it starts a server in the background: no terminal, a session of its own.</summary>
    public const string DetachOption = "--detach";

    /// <summary>The <c>systemctl --user</c> steps of <c>serve install</c>, in order.</summary>
    /// <summary>The option that serves the web page on a loopback port.</summary>
    public const string PortOption = "--port";

    /// <summary>The option that serves the web page on the port kept in <c>config.json</c>.</summary>
    public const string WebOption = "--web";

    /// <summary>The option that opens the page's link in a browser.</summary>
    public const string OpenOption = "--open";

    /// <summary>The option that makes a server stop after a time with no call, in seconds.</summary>
    public const string IdleExitOption = "--idle-exit";

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(15);

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var idleExit = IdleExit();
        var detach = new Option<bool>(DetachOption) { Description = "Run without a terminal, in a session of its own (how baton-relay and 'baton serve start' start it)" };
        var port = new Option<int?>(PortOption)
        {
            Description = "Also serve the live web page on 127.0.0.1 at this port (0 picks a free one) and print its link, which holds the page's token",
            HelpName = "N",
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, out var number) && number is >= 0 and <= 65535)
                {
                    return number;
                }

                result.AddError($"--port takes a TCP port from 0 to 65535, not '{result.Tokens[0].Value}'.");
                return null;
            },
        };
        var web = new Option<bool>(WebOption)
        {
            Description = "Also serve the live web page on 127.0.0.1 at the port kept as web_port in $BATON_HOME/config.json (a free one chosen the first time, so its link stays the same), as 'serve start' and the user service do",
        };
        var open = new Option<bool>(OpenOption) { Description = "With --port or --web: open the page's link in the desktop's browser (xdg-open, or open on macOS)" };
        var command = new Command(
            "serve",
            "Run Baton's resident server in the foreground: it answers Claude Code's hooks from one warm process: relayed ones (baton-relay) on the Unix socket $BATON_HOME/baton.sock, HTTP ones on 127.0.0.1 at the port in $BATON_HOME/http.json. " +
            "Hooks start it by themselves when it is not running; 'baton serve start' starts it in the background, 'stop' stops it, 'status' shows it; " +
            "--port or --web also serves the live web page on 127.0.0.1")
        {
            idleExit,
            detach,
            port,
            web,
            open,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(port) is not null && result.GetValue(web))
            {
                result.AddError("--port and --web each choose the page's port: give one of them.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            environment, parse, parse.GetValue(idleExit), parse.GetValue(detach), new WebPageRequest(parse.GetValue(port), parse.GetValue(web), parse.GetValue(open)), cancellationToken));
        command.Subcommands.Add(Start(environment));
        command.Subcommands.Add(Stop(environment));
        command.Subcommands.Add(Status(environment));
        command.Subcommands.Add(Install(environment));
        command.Subcommands.Add(Uninstall(environment));
        return command;
    }

    /// <summary>The command line that runs a detached server with the current <c>baton</c>, serving the web page on the
    /// port kept in <c>config.json</c>.</summary>
    /// <param name="idleExitSeconds">The idle time after which it stops, or null.</param>
    /// <returns>The program and its arguments.</returns>
    public static (string Program, IReadOnlyList<string> Arguments) DetachedCommandLine(int? idleExitSeconds)
    {
        var baton = HookCommand.ForCurrentProcess();
        List<string> arguments = [.. baton.LeadingArguments, "serve", DetachOption, WebOption];
        if (idleExitSeconds is { } seconds)
        {
            arguments.AddRange([IdleExitOption, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return (baton.Executable, arguments);
    }

    private static Option<int?> IdleExit() => new(IdleExitOption)
    {
        Description = "Stop after this many seconds with no hook call and none waiting, while no session it can wake through claude's messaging socket rests at its prompt (default: run until stopped)",
        CustomParser = result =>
        {
            if (int.TryParse(result.Tokens[0].Value, out var seconds) && seconds > 0)
            {
                return seconds;
            }

            result.AddError($"--idle-exit takes a positive number of seconds, not '{result.Tokens[0].Value}'.");
            return null;
        },
    };

    private static async Task<int> RunAsync(CliEnvironment environment, ParseResult parse, int? idleExitSeconds, bool detach, WebPageRequest page, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var log = new BatonLog(environment.Home);
        ServerRuntime.Ensure(log);
        if (detach)
        {
            if (!Directory.Exists(environment.Home.Root))
            {
                // Started by a relay for a home deleted meanwhile (a session ending after its home went): serve nothing.
                return ExitCodes.Condition;
            }

            ProcessSignals.StartSession();
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal => signal.Cancel = true);
        ResidentServer server;
        try
        {
            server = ResidentServer.Start(environment.Home, log);
        }
        catch (ServerRunningException e)
        {
            if (!detach)
            {
                error.WriteLine($"baton: {e.Message}");
            }

            return ExitCodes.Condition;
        }
        catch (UserErrorException e)
        {
            log.Write("serve", e.Message);
            error.WriteLine($"baton: {e.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            log.Write("serve", e.ToString());
            error.WriteLine($"baton: cannot start the server: {e.Message} (details in {environment.Home.LogPath})");
            return ExitCodes.Failure;
        }

        using (server)
        {
            log.Write("serve", $"listening on {server.SocketPath} (pid {Environment.ProcessId})");
            WebDashboard? web = null;
            if (page.Served)
            {
                try
                {
                    web = page.Port is { } port
                        ? await server.StartWebAsync(port, new PageActions(environment), stop.Token).ConfigureAwait(false)
                        : await KeptWebPage.StartAsync(server, new PageActions(environment), environment.Home, log, stop.Token).ConfigureAwait(false);
                }
                catch (UserErrorException e)
                {
                    log.Write("serve", e.Message);
                    error.WriteLine($"baton: {e.Message}");
                    return ExitCodes.UserError;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    var where = page.Port is { } port ? $"127.0.0.1:{port}" : "127.0.0.1";
                    log.Write("serve", $"cannot serve the web page on {where}: {e.Message}");
                    error.WriteLine($"baton: cannot serve the web page on {where}: {e.Message}");
                    return ExitCodes.Failure;
                }

                log.Write("serve", $"web page on http://127.0.0.1:{web.Port}/");
            }

            await using (web)
            {
                if (!detach)
                {
                    output.WriteLine($"baton serve: listening on {server.SocketPath} (pid {Environment.ProcessId}); Ctrl-C stops it.");
                    if (web is not null)
                    {
                        output.WriteLine($"baton serve: the page is at {web.Link}");
                        if (page.Open)
                        {
                            OpenInBrowser(web.Link, error);
                        }
                    }

                    output.Flush();
                }

                var why = await server.RunAsync(idleExitSeconds is { } s ? TimeSpan.FromSeconds(s) : null, stop.Token).ConfigureAwait(false);
                log.Write("serve", $"stopped: {why}");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Opens the page's link with the desktop's opener; says so when there is none.</summary>
    private static void OpenInBrowser(Uri link, TextWriter error)
    {
        var opener = ExecutableSearch.Find(OperatingSystem.IsMacOS() ? "open" : "xdg-open");
        if (opener is null)
        {
            error.WriteLine("baton: no xdg-open here to open the page; open the link above in a browser.");
            return;
        }

        ProgramRun.StartDetached(opener, [link.ToString()]);
    }

    private static Command Start(CliEnvironment environment)
    {
        var idleExit = IdleExit();
        var command = new Command("start", "Start the server in the background unless it runs, with its web page on the port kept in config.json; prints its pid, socket and the page's link") { idleExit };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var running = ServerConnection.Status(environment.Home, TimeSpan.FromSeconds(2));
            context.Output.WriteLine(running is not null
                ? $"The Baton server already runs (pid {running.Pid}, socket {running.Socket}).{PageLine(environment, running)}"
                : Describe(environment, StartInBackground(environment, parse.GetValue(idleExit))));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Stop(CliEnvironment environment)
    {
        var command = new Command("stop", "Stop the running server (hooks then record in processes of their own until one runs again); exit 1 when none runs");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            if (StopRunning(environment) is not { } stopped)
            {
                context.Error.WriteLine("baton: no Baton server runs for this BATON_HOME.");
                return ExitCodes.Condition;
            }

            context.Output.WriteLine($"Stopped the Baton server (pid {stopped.Pid}).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Install(CliEnvironment environment)
    {
        var command = new Command(
            "install",
            $"Keep the server running, with its web page on the port kept in config.json: as a systemd user service ({SystemdUserService.UnitName}) on Linux or a launchd agent ({LaunchdAgent.Label}) on macOS, started at login, where the service manager answers for the user; else started now in the background. A server already running is restarted, so it runs this baton");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            StopRunning(environment);
            var service = IUserService.ForThisMachine();
            if (service.Available())
            {
                var definition = service.DefinitionPath(environment.UserHome);
                BatonHome.CreatePrivateDirectory(Path.GetDirectoryName(definition)!);
                File.WriteAllText(definition, service.Definition(HookCommand.ForCurrentProcess(), environment.Home));
                service.Start(definition);
                context.Output.WriteLine($"Installed {service.Name} ({definition}); it runs now and at every login.");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine("No service manager answers for this user here: " + Describe(environment, StartInBackground(environment, idleExitSeconds: null)) +
                " Hooks start it again when it is not running.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Uninstall(CliEnvironment environment)
    {
        var command = new Command("uninstall", $"Remove the user service (systemd's {SystemdUserService.UnitName}, or launchd's {LaunchdAgent.Label}) and stop the server; hooks then record in processes of their own");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var service = IUserService.ForThisMachine();
            var definition = service.DefinitionPath(environment.UserHome);
            if (File.Exists(definition))
            {
                service.Stop(definition);
                File.Delete(definition);
                context.Output.WriteLine($"Removed {service.Name} ({definition}).");
            }

            var stopped = StopRunning(environment);
            context.Output.WriteLine(stopped is null ? "No Baton server runs." : $"Stopped the Baton server (pid {stopped.Pid}).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Describe(CliEnvironment environment, ServerInfo started) =>
        $"The Baton server runs (pid {started.Pid}, socket {started.Socket}).{PageLine(environment, started)}";

    /// <summary>A line naming the running server's page by its link (with the token of <c>config.json</c>), or nothing
    /// when it serves none.</summary>
    private static string PageLine(CliEnvironment environment, ServerInfo running) =>
        running.WebPort is { } port && BatonSettings.Load(environment.Home).WebToken is { } token
            ? $"{Environment.NewLine}Its page: {WebDashboard.LinkFor(port, token)}"
            : "";

    /// <summary>Starts a detached server and waits until it answers.</summary>
    /// <exception cref="IOException">It did not answer within <see cref="StartPatience"/>.</exception>
    private static ServerInfo StartInBackground(CliEnvironment environment, int? idleExitSeconds)
    {
        var (program, arguments) = DetachedCommandLine(idleExitSeconds);
        ProgramRun.StartDetached(program, arguments);

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartPatience)
        {
            if (ServerConnection.Status(environment.Home, TimeSpan.FromSeconds(2)) is { } started)
            {
                return started;
            }

            Thread.Sleep(50);
        }

        throw new IOException($"The Baton server did not answer within {StartPatience.TotalSeconds:0} s; see {environment.Home.LogPath}.");
    }

    /// <summary>Stops the running server, waiting until it has let go of its socket; null when none runs.</summary>
    private static ServerInfo? StopRunning(CliEnvironment environment)
    {
        if (ServerConnection.Status(environment.Home, TimeSpan.FromSeconds(2)) is not { } running)
        {
            return null;
        }

        ProcessSignals.Send(running.Pid, ProcessSignals.Terminate);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartPatience && ProcessTable.StartTimeOf(running.Pid) is not null)
        {
            Thread.Sleep(50);
        }

        return running;
    }

    private static Command Status(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: pid, socket, started_at, version, http_port, hooks, http_hooks, hook_ms_mean, hook_ms_max, waiting_wakes, mcp_sessions" };
        var command = new Command("status", "Whether the server runs, since when, how fast it answers hooks, and its web page's link when it serves one; exit 1 when none runs") { json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            if (ServerConnection.Status(environment.Home, TimeSpan.FromSeconds(2)) is not { } running)
            {
                context.Error.WriteLine("baton: no Baton server runs for this BATON_HOME; hooks record in processes of their own (start one: baton serve start).");
                return ExitCodes.Condition;
            }

            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(running, ServeJsonContext.Default.ServerInfo));
            }
            else
            {
                context.Output.WriteLine($"The Baton server runs: {running.Summary()}.{PageLine(environment, running)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
