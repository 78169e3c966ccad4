using Baton.ClaudeCode.Settings;
using Baton.ClaudeCode.Versions;
using Baton.Cli.CommandLine;
using Baton.Cli.Hooks;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Repositories;
using Baton.Core.Storage;
using Baton.Mcp.Install;
using Baton.Platform.Programs;
using Baton.Storage;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Doctor;

/// <summary>The checks <c>baton doctor</c> runs, each reporting what it found and the fix.</summary>
internal static class DoctorChecks
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs every check.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="full">Check the store's integrity fully (every index against its table), not just quickly.</param>
    /// <returns>The checks, in a stable order.</returns>
    public static IReadOnlyList<DoctorCheck> Run(CliEnvironment environment, bool full) =>
    [
        Claude(),
        Program("tmux", "-V", DoctorCheck.Warn, "apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS); needed by baton new"),
        Hooks(environment),
        Mcp(environment),
        Server(environment),
        .. Store(environment, full),
        Permissions(environment.Home),
    ];

    /// <summary>Whether claude is installed, and whether its release is one Baton was tested with (<see cref="ClaudeCodeVersion"/>).</summary>
    private static DoctorCheck Claude()
    {
        const string install = "npm install -g @anthropic-ai/claude-code";
        var found = Program("claude", "--version", DoctorCheck.Fail, install);
        if (found.State != "ok" || !ClaudeCodeVersion.TryParse(found.Detail, out var version))
        {
            return found;
        }

        return version.Support switch
        {
            ClaudeCodeSupport.TooOld => DoctorCheck.Fail(
                "claude", $"{found.Detail}: older than {ClaudeCodeVersion.OldestSupported}, the oldest release Baton supports", install),
            ClaudeCodeSupport.NewerThanTested => DoctorCheck.Warn(
                "claude",
                $"{found.Detail}: newer than {ClaudeCodeVersion.NewestTested}, the newest release Baton was tested with; statuses may be off",
                $"npm install -g @anthropic-ai/claude-code@{ClaudeCodeVersion.NewestTested}, or update Baton"),
            _ => found,
        };
    }

    private static DoctorCheck Program(string name, string versionFlag, Func<string, string, string, DoctorCheck> missing, string fix)
    {
        if (ExecutableSearch.Find(name) is not { } path)
        {
            return missing(name, "not found on PATH", fix);
        }

        var version = VersionOf(path, versionFlag);
        return version is null
            ? missing(name, $"{path} did not answer {versionFlag}", fix)
            : DoctorCheck.Ok(name, $"{version} ({path})");
    }

    private static string? VersionOf(string path, string flag) =>
        ProgramRun.Run(path, [flag], VersionTimeout) is { Succeeded: true } run ? run.StandardOutput.Trim() : null;

    private static DoctorCheck Hooks(CliEnvironment environment)
    {
        var current = HookTarget.Expected(environment.Home);
        var installer = new SettingsInstaller(environment.Home.Root, environment.Time);
        var selection = HookSelection.ForInstalledClaude(chosen: null);
        var found = new List<string>();
        var stale = new List<string>();
        var outdated = new List<string>();
        foreach (var scope in Enum.GetValues<SettingsScope>())
        {
            var location = HooksCommand.Locate(environment, scope);
            try
            {
                var status = installer.Status(location.FilePath);
                if (status.Installed)
                {
                    var where = $"{scope.ToString().ToLowerInvariant()} ({location.FilePath})";
                    (status.Calls(current) ? found : stale).Add(where);
                    if (status.Calls(current) && installer.Install(location.FilePath, current, HooksCommand.EndpointFor(environment, scope, LoopbackEndpoint.Read), selection.Registrations, dryRun: true).Changed)
                    {
                        outdated.Add(where);
                    }
                }
            }
            catch (SettingsFormatException e)
            {
                return DoctorCheck.Fail("hooks", e.Message, $"fix the JSON in {location.FilePath}");
            }
        }

        if (stale.Count > 0)
        {
            return DoctorCheck.Warn("hooks", $"installed in {string.Join(", ", stale)} but calling another baton", "baton hooks install");
        }

        if (outdated.Count > 0)
        {
            return DoctorCheck.Warn(
                "hooks",
                $"installed in {string.Join(", ", outdated)} otherwise than this baton would (by an older baton, or for another claude: "
                    + (selection.Route == WakeRoute.Socket ? "with wake hooks, though " : "without wake hooks, though ") + selection.Why + ")",
                "baton hooks install");
        }

        return found.Count > 0
            ? DoctorCheck.Ok("hooks", "installed in " + string.Join(", ", found) + (selection.Route == WakeRoute.Socket
                ? "; idle sessions are woken through claude's messaging socket by the server"
                : "; idle sessions are woken by wake hooks"))
            : DoctorCheck.Fail("hooks", "not installed: sessions will not register", "baton hooks install");
    }

    /// <summary>Whether Claude Code starts Baton's MCP server (the agents' Baton tools), and with this baton.</summary>
    private static DoctorCheck Mcp(CliEnvironment environment)
    {
        var here = environment.WorkingDirectory;
        var found = McpRegistration.Find(environment.UserHome, GitWorkingTree.FindTopLevel(here) ?? here);
        if (found is null)
        {
            return DoctorCheck.Fail("mcp", "Baton's MCP server is not registered with Claude Code: agents have no Baton tools", "baton mcp install");
        }

        var target = HookTarget.Expected(environment.Home);
        var expected = McpServerCommand.For(target.Executable, target.LeadingArguments);
        var shown = string.Join(' ', [found.Command ?? "(no command)", .. found.Arguments]);
        return expected.Matches(found.Command, found.Arguments)
            ? DoctorCheck.Ok("mcp", $"registered in the {found.Scope} scope ({found.FilePath}): {shown}")
            : DoctorCheck.Warn("mcp", $"registered in the {found.Scope} scope ({found.FilePath}) as {shown}, not as this baton ({expected})", "baton mcp install");
    }

    /// <summary>Whether the resident server answers hooks, and how fast; or, when hooks start baton for every event, that they could not.</summary>
    private static DoctorCheck Server(CliEnvironment environment)
    {
        if (HookTarget.Expected(environment.Home).Executable is var target && Path.GetFileName(target) != HookTarget.RelayName)
        {
            return DoctorCheck.Warn(
                "server",
                "no baton-relay here: every hook starts baton itself (about 25x a shell's cost per call)",
                "install with ./install.sh (it builds baton-relay as Native AOT; needs gcc or clang and zlib headers)");
        }

        if (Serve.ServerConnection.Status(environment.Home, TimeSpan.FromSeconds(2)) is not { } running)
        {
            return DoctorCheck.Warn(
                "server",
                "not running: the next hook starts it, and records its own event in a process of its own meanwhile",
                "baton serve install");
        }

        if (running.HttpPort is null && LoopbackEndpoint.Read(environment.Home) is { } endpoint)
        {
            return DoctorCheck.Warn(
                "server",
                $"{running.Summary()}; the HTTP hooks post to port {endpoint.Port}, so their events are not recorded",
                "free that port (or remove " + LoopbackEndpoint.PathIn(environment.Home) + " and run baton hooks install), then baton serve stop && baton serve start");
        }

        return DoctorCheck.Ok("server", running.Summary());
    }

    /// <summary>The store check (it opens, answers and takes writes) and the integrity check of its file.</summary>
    private static DoctorCheck[] Store(CliEnvironment environment, bool full)
    {
        // The integrity check comes first, so a damaged page that the write check trips over is still named.
        var integrity = DoctorCheck.Warn("integrity", "not checked: the store did not open", "fix the store check first");
        try
        {
            var stores = environment.Stores;
            using var store = stores.Open();
            integrity = Integrity(environment.Home, store, full);
            store.CheckWritable();
            var spooled = new HookSpool(environment.Home).Count;
            var answers = spooled == 0
                ? DoctorCheck.Ok("store", $"{stores.Description} (schema {store.SchemaVersion}, readable and writable)")
                : DoctorCheck.Warn("store", $"{stores.Description} answers, but {spooled} hook event(s) it could not take in time (busy, held or unreachable) wait in {environment.Home.Root}/spool", "none needed: the next hook or baton command replays them in order");
            return [answers, integrity];
        }
        catch (StoreException e) when (e.IsTransient && environment.Stores.FindWriteLockHolder() is { } holder)
        {
            var spool = new HookSpool(environment.Home);
            var spooled = spool.OldestAt is { } oldest
                ? $"; {spool.Count} hook event(s) spooled behind it, the first {Durations.Short(environment.Time.GetUtcNow() - oldest)} ago"
                : "";
            return
            [
                DoctorCheck.Fail(
                    "store",
                    $"the store's write lock is held by {holder}: every write waits for it, and hooks spool their events meanwhile{spooled}",
                    holder.Stopped
                        ? $"resume it (kill -CONT {holder.Pid}) or end it (kill {holder.Pid}); the next hook replays the spooled events"
                        : $"let it finish, or end it (kill {holder.Pid}); the next hook replays the spooled events"),
                integrity,
            ];
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException or UserErrorException)
        {
            var fix = StoreSelection.Choose(environment.Home).IsTeamStore
                ? "the team store is unreachable or refuses this user: fix the server or the URL (baton store status shows it), or go back to the local file: baton store use sqlite"
                : e is StoreException { IsDamaged: true }
                    ? Recovery(environment.Home)
                    : $"check that {environment.Home.Root} is a writable folder of yours, or set BATON_HOME";
            return [DoctorCheck.Fail("store", e.Message, fix), integrity];
        }
    }

    /// <summary>SQLite's quick (or, with <paramref name="full"/>, full) integrity check of the store file; skipped for the team store.</summary>
    private static DoctorCheck Integrity(BatonHome home, IBatonStore store, bool full)
    {
        var kind = full ? "full check (integrity_check)" : "quick check (quick_check; baton doctor --full checks indexes too)";
        return store.CheckIntegrity(full) switch
        {
            null => DoctorCheck.Ok("integrity", "skipped: the team store's PostgreSQL server checks its own pages"),
            [] => DoctorCheck.Ok("integrity", $"{kind}: no damage found"),
            var problems => DoctorCheck.Fail(
                "integrity",
                $"the store file is damaged ({kind}): {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $"; and {problems.Count - 5} more" : "")}",
                Recovery(home)),
        };
    }

    /// <summary>How to recover a damaged store file: keep a copy, then rebuild it with sqlite3's <c>.recover</c>.</summary>
    private static string Recovery(BatonHome home)
    {
        var db = home.DatabasePath;
        return $"stop Baton's processes (baton serve stop), keep a copy (cp {db} {db}-wal {db}.damaged/), then rebuild it: " +
            $"sqlite3 {db} \".recover\" | sqlite3 {db}.recovered && mv {db}.recovered {db} && rm -f {db}-wal {db}-shm " +
            $"(or move {db} aside to start with an empty store)";
    }

    private static DoctorCheck Permissions(BatonHome home)
    {
        var paths = new[] { home.Root }.Concat(SqliteStore.FilesOf(home.DatabasePath)).Concat([home.LogsDirectory, home.LogPath, home.BackupsDirectory])
            .Where(p => File.Exists(p) || Directory.Exists(p));
        var open = paths.Where(p => !BatonHome.IsPrivate(p)).ToList();
        return open.Count == 0
            ? DoctorCheck.Ok("permissions", $"{home.Root} is private to you (folders 0700, files 0600)")
            : DoctorCheck.Fail("permissions", "readable by others: " + string.Join(", ", open), $"chmod -R go-rwx {home.Root}");
    }
}
