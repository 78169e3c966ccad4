using System.CommandLine;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Cli.Leases;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Hooks;

/// <summary><c>baton leases mode|ls</c> in process, against a sandboxed store.</summary>
public sealed class LeasesCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _project;

    public LeasesCommandTests()
    {
        _project = Path.Combine(_cli.WorkingDirectory, "shop");
        Directory.CreateDirectory(Path.Combine(_project, ".git"));
        Directory.CreateDirectory(Path.Combine(_project, "src"));
    }

    [Fact]
    public void Mode_shows_the_default_then_sets_and_journals_a_mode_for_the_project()
    {
        var before = Run("leases", "mode", "--project", Path.Combine(_project, "src"), "--json");
        var set = Run("leases", "mode", "enforce", "--project", _project);
        var after = Run("leases", "mode", "--project", _project, "--json");

        before.ExitCode.ShouldBe(0, before.Error);
        var shown = JsonNode.Parse(before.Output)!;
        shown["project_root"]!.GetValue<string>().ShouldBe(_project, "a folder inside the project names its git top-level");
        shown["mode"]!.GetValue<string>().ShouldBe("warn");
        shown["is_default"]!.GetValue<bool>().ShouldBeTrue();
        set.Output.ShouldBe($"File leases in {_project}: enforce\n");
        var stored = JsonNode.Parse(after.Output)!;
        stored["mode"]!.GetValue<string>().ShouldBe("enforce");
        stored["updated_by"]!.GetValue<string>().ShouldBe("human");
        stored["scope"]!.GetValue<string>().ShouldBe("project:" + _project);
        using var store = SqliteStore.Open(_cli.Home.DatabasePath);
        store.ReadJournal(0, 1000).ShouldContain(e => e.Type == CoordinationJournalTypes.StateSet);
    }

    [Fact]
    public void Mode_takes_the_current_sessions_project_and_refuses_an_unknown_mode()
    {
        _cli.Record("sess-in-src-0001", HookEvents.SessionStart, cwd: Path.Combine(_project, "src"));
        _cli.CurrentSessionId = "sess-in-src-0001";

        var set = Run("leases", "mode", "off");
        var wrong = Run("leases", "mode", "strict");

        set.Output.ShouldBe($"File leases in {_project}: off\n");
        wrong.ExitCode.ShouldBe(2);
        wrong.Error.ShouldContain("strict");
    }

    [Fact]
    public void Ls_lists_the_projects_leases_with_holder_reason_expiry_and_overlaps()
    {
        _cli.Record("a11ce000-0001", HookEvents.SessionStart, cwd: _project);
        _cli.Record("b0b00000-0002", HookEvents.SessionStart, cwd: _project);
        _cli.Record("c0ffee00-0003", HookEvents.SessionStart, cwd: _cli.WorkingDirectory);
        using (var store = SqliteStore.Open(_cli.Home.DatabasePath))
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            coordinator.AcquireLock("file:src/app.cs", TimeSpan.FromMinutes(10), "a11ce000-0001", "cart");
            coordinator.AcquireLock("file:src/*.cs", TimeSpan.FromMinutes(10), "b0b00000-0002", "style pass");
            coordinator.AcquireLock("file:elsewhere.cs", TimeSpan.FromMinutes(10), "c0ffee00-0003", "other project");
            coordinator.AcquireLock("deploy", TimeSpan.FromMinutes(10), "a11ce000-0001", "not a file");
        }

        var json = Run("leases", "ls", "--project", _project, "--json");
        var table = Run("leases", "ls", "--project", _project);

        json.ExitCode.ShouldBe(0, json.Error);
        var listed = JsonNode.Parse(json.Output)!;
        listed["mode"]!.GetValue<string>().ShouldBe("warn");
        var leases = listed["leases"]!.AsArray();
        leases.Select(l => l!["resource"]!.GetValue<string>()).ShouldBe(["file:src/*.cs", "file:src/app.cs"]);
        var app = leases.Single(l => l!["resource"]!.GetValue<string>() == "file:src/app.cs")!;
        app["holder"]!.GetValue<string>().ShouldBe("a11ce000-0001");
        app["reason"]!.GetValue<string>().ShouldBe("cart");
        app["enforced"]!.GetValue<bool>().ShouldBeTrue();
        app["overlaps"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe(["file:src/*.cs"]);
        app["expires_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", "times are ISO 8601 UTC with a Z, as in every --json");
        table.Output.ShouldContain("file:src/app.cs");
        table.Output.ShouldContain("session a11ce000");
        table.Output.ShouldContain("overlaps file:src/*.cs");
    }

    [Fact]
    public void Ls_says_so_when_there_are_none()
    {
        var result = Run("leases", "ls", "--project", _project);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldBe($"No live file leases in {_project} (mode: warn).\n");
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>Runs the command as BatonCommandLine would, with only <c>leases</c> registered.</summary>
    private CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, _cli.CurrentSessionId, TimeProvider.System, new NeverGone());
        var root = new RootCommand { LeasesCommand.Create(environment) };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return new CliResult(2, "", parse.Errors[0].Message);
        }

        var exitCode = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed class NeverGone : ISessionLiveness
    {
        public bool IsGone(Session session) => false;
    }
}
