using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Messages;

/// <summary>The message commands through the real <c>baton</c> program, acting as sessions via CLAUDE_CODE_SESSION_ID.</summary>
public sealed class MessageProcessTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public MessageProcessTests()
    {
        _baton = new BatonCli(_sandbox);
        var home = new BatonHome(_sandbox.BatonHome);
        home.EnsureCreated();
        using var store = SqliteStore.Open(home.DatabasePath);
        Put(store, Alice, "alice");
        Put(store, Bob, "bob");
    }

    [Fact]
    public async Task A_message_read_from_stdin_reaches_the_recipient_with_the_session_as_sender()
    {
        var sent = await _baton.RunAsync(["send", "bob", "-", "--json"], stdin: "line one\nline two\n", environment: Session(Alice));
        var inbox = await _baton.RunAsync(["inbox", "--json"], environment: Session(Bob));

        sent.EnsureSuccess("send from stdin");
        var message = JsonNode.Parse(inbox.StdOut)!.AsArray().Single()!;
        message["body"]!.GetValue<string>().ShouldBe("line one\nline two");
        message["sender"]!.GetValue<string>().ShouldBe(Alice);
        message["id"]!.GetValue<long>().ShouldBe(JsonNode.Parse(sent.StdOut)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reading_another_sessions_inbox_leaves_its_messages_unread_for_it()
    {
        (await _baton.RunAsync(["send", "bob", "for bob only"], environment: Session(Alice))).EnsureSuccess("send");

        var byAlice = await _baton.RunAsync(["inbox", "--session", "bob", "--json"], environment: Session(Alice));
        var byPerson = await _baton.RunAsync("inbox", "--session", "bob");
        var byBob = await _baton.RunAsync(["inbox", "--json"], environment: Session(Bob));
        var again = await _baton.RunAsync(["inbox", "--json"], environment: Session(Bob));

        JsonNode.Parse(byAlice.EnsureSuccess("alice reads bob's inbox").StdOut)!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("for bob only");
        byPerson.EnsureSuccess("a person reads bob's inbox").StdOut.ShouldContain("for bob only");
        JsonNode.Parse(byBob.StdOut)!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("for bob only", "still unread for bob");
        JsonNode.Parse(again.StdOut)!.AsArray().ShouldBeEmpty("bob's own reading marked it read");
    }

    [Fact]
    public async Task Inbox_wait_returns_as_soon_as_a_message_arrives_and_times_out_with_exit_1()
    {
        var timedOut = await _baton.RunAsync(["inbox", "--wait", "1"], environment: Session(Bob));
        using var waiting = Start(Bob, "inbox", "--wait", "60", "--json");
        var output = waiting.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500);
        waiting.HasExited.ShouldBeFalse("it waits while the inbox is empty");

        (await _baton.RunAsync(["send", "bob", "wake up"], environment: Session(Alice))).EnsureSuccess("send");
        var exited = waiting.WaitForExit(30_000);

        timedOut.ExitCode.ShouldBe(1);
        timedOut.StdErr.ShouldContain("no message for bbbb2222 (bob) within 1 s");
        exited.ShouldBeTrue("inbox --wait returned after the message arrived, long before its 60 s were up");
        waiting.ExitCode.ShouldBe(0);
        JsonNode.Parse(await output)!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("wake up");
    }

    [Fact]
    public async Task An_urgent_message_raises_one_desktop_notification_when_notifications_are_on_and_others_raise_none()
    {
        var bin = _sandbox.CreateDirectory("fake-bin");
        var calls = Path.Combine(_sandbox.Root, "notify-send.calls");
        var notifySend = Path.Combine(bin, "notify-send");
        File.WriteAllText(notifySend, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{calls}'\n");
        File.SetUnixFileMode(notifySend, (UnixFileMode)0b111_101_101);
        var asAlice = Session(Alice);
        asAlice["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");

        (await _baton.RunAsync(["send", "bob", "urgent while off", "--urgent"], environment: asAlice)).EnsureSuccess("urgent send, notifications off");
        (await _baton.RunAsync("notify", "on")).EnsureSuccess("notify on");
        (await _baton.RunAsync(["send", "bob", "not urgent"], environment: asAlice)).EnsureSuccess("plain send");
        File.Exists(calls).ShouldBeFalse("no notification for a plain message, nor for an urgent one while notifications are off");
        (await _baton.RunAsync(["send", "bob", "The build is red, stop merging.", "--urgent"], environment: asAlice)).EnsureSuccess("urgent send");

        var lines = File.ReadAllLines(calls);
        lines.ShouldHaveSingleItem().ShouldContain("Urgent message for bob");
        lines[0].ShouldContain("from alice: The build is red, stop merging.");
        lines[0].ShouldContain("critical");
    }

    public void Dispose() => _sandbox.Dispose();

    private static Dictionary<string, string?> Session(string id) => new(StringComparer.Ordinal) { ["CLAUDE_CODE_SESSION_ID"] = id };

    private static void Put(IStore store, string id, string name) =>
        store.UpdateSession(id, _ => new SessionChange(
            new Session { SessionId = id, Name = name, Status = SessionStatus.Running, StartedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow },
            JournalTypes.SessionStatus,
            id,
            null));

    private Process Start(string session, params string[] args)
    {
        var start = new ProcessStartInfo(BatonCli.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _sandbox.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var environment = _baton.Environment();
        environment["CLAUDE_CODE_SESSION_ID"] = session;
        ProcessRunner.ApplyEnvironment(start.Environment, environment);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
