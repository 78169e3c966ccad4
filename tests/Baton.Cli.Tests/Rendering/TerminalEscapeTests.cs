using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Rendering;

/// <summary>
/// Text a session controls (its id, name, project folder, task, error, message bodies, lock and lease reasons) carrying
/// escape sequences reaches no text sink of the real <c>baton</c> raw, printed through a real pseudo-terminal
/// (<c>script</c>); JSON keeps it exact.
/// </summary>
public sealed class TerminalEscapeTests : IDisposable
{
    /// <summary>An OSC 52 clipboard write, a screen clear, a title change, C1 CSI and OSC, and a carriage-return overwrite.</summary>
    private const string Evil = "A\u001b]52;c;UFdORUQ=\u0007B\u001b[2J\u001b]0;TITLE\u0007\u009b31m\u009d0;x\u009c\rFAKE";

    private static readonly string[] Forbidden = ["\u001b]", "\u001b[2J", "\u0007", "\u009b", "\u009d", "\u009c", "\rFAKE"];

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private const string Alice = "a11ce000-0000-4000-8000-000000000001";
    private const string EvilId = "e5c0" + Evil;
    private readonly string _project;

    public TerminalEscapeTests()
    {
        _baton = new BatonCli(_sandbox);
        _project = _sandbox.CreateDirectory("shop" + Evil.Replace("\r", "", StringComparison.Ordinal));
        var home = new BatonHome(_sandbox.BatonHome);
        home.EnsureCreated();
        using var store = SqliteStore.Open(home.DatabasePath);
        var registry = new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System);
        foreach (var (id, name) in new[] { (Alice, "alice" + Evil), (EvilId, "evil"), ("b0b00000-0000-4000-8000-000000000002", "bob") })
        {
            registry.Record(new HookObservation
            {
                SessionId = id,
                EventName = HookEvents.SessionStart,
                Order = HookEventOrder.Compose(ProcessTable.CurrentProcessStart(), HookEvents.SessionStart),
                Cwd = _project,
                Process = new ProcessIdentity(ThisProcess.HostName, Environment.ProcessId, ProcessTable.CurrentProcessStart()),
                Git = new GitFacts(_project, "main" + Evil, false),
                At = DateTimeOffset.UtcNow,
            });
            store.UpdateSession(id, current => new SessionChange(
                id == EvilId
                    ? current! with { Name = name, Task = "task" + Evil, Status = SessionStatus.Exited, EndedAt = DateTimeOffset.UtcNow, EndReason = "other" + Evil }
                    : current! with { Name = name, Task = "task" + Evil, Status = SessionStatus.WaitingInput, StatusReason = "turn failed: error" + Evil },
                JournalTypes.SessionStatus,
                id,
                null));
        }

        var coordinator = new Coordinator(store, TimeProvider.System);
        coordinator.AcquireLock("db", TimeSpan.FromMinutes(30), Alice, "lock" + Evil).Granted.ShouldBeTrue();
        coordinator.AcquireLock("file:src/**", TimeSpan.FromMinutes(30), Alice, "lease" + Evil).Granted.ShouldBeTrue();
    }

    public static TheoryData<string[]> Sinks => new()
    {
        new[] { "ls" },
        new[] { "ls", "--all" },
        new[] { "history" },
        new[] { "current" },
        new[] { "conflicts" },
        new[] { "inbox", "--session", "bob" },
        new[] { "thread", "1" },
        new[] { "events" },
        new[] { "leases", "ls" },
        new[] { "task", "--session", Alice },
        new[] { "lock", "ls" },
        new[] { "watch", "--once" },
    };

    [Theory]
    [MemberData(nameof(Sinks))]
    public async Task A_text_sink_prints_no_escape_sequence_a_session_wrote(string[] command)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CLAUDE_CODE_SESSION_ID"] = Alice };
        (await _baton.RunAsync(["send", "bob", "body" + Evil], environment: environment)).EnsureSuccess("send");

        var args = command[0] == "leases" ? [.. command, "--project", _project] : command;
        var result = await _baton.RunInTerminalAsync(args, environment);

        var shown = string.Join(' ', command);
        result.ExitCode.ShouldBeOneOf([0, 1], $"{shown}: {result.StdOut}");
        result.StdOut.ShouldContain("UFdORUQ=", customMessage: $"{shown} shows the text, made harmless: {result.StdOut}");
        foreach (var sequence in Forbidden)
        {
            result.StdOut.ShouldNotContain(sequence, customMessage: $"{shown} printed {Visible(sequence)} raw: {Visible(result.StdOut)}");
        }
    }

    [Fact]
    public async Task Json_output_keeps_the_text_exact()
    {
        var result = await _baton.RunAsync("ls", "--all", "--json");

        result.EnsureSuccess("ls --all --json");
        result.StdOut.ShouldNotContain("\u001b");
        var sessions = JsonNode.Parse(result.StdOut)!.AsArray();
        sessions.ShouldContain(s => s!["session_id"]!.GetValue<string>() == EvilId);
        sessions.Single(s => s!["session_id"]!.GetValue<string>() == Alice)!["task"]!.GetValue<string>().ShouldBe("task" + Evil);
    }

    public void Dispose() => _sandbox.Dispose();

    private static string Visible(string text) => string.Concat(text.Select(c => char.IsControl(c) && c != '\n' ? $"\\u{(int)c:x4}" : c.ToString()));
}
