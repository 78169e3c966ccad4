using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Messages;

/// <summary>Claude Code's <c>crossSessionInbound: refuse</c> or <c>hold</c> in a session's settings keeps other sessions' Baton
/// messages out of it; a person's still get through.</summary>
public sealed class CrossSessionInboundTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";
    private const string Carol = "cccc3333-0000-4000-8000-000000000003";

    private readonly CliHarness _cli = new();

    public CrossSessionInboundTests()
    {
        var bobs = Path.Combine(_cli.WorkingDirectory, "bobs");
        Directory.CreateDirectory(Path.Combine(bobs, ".claude"));
        File.WriteAllText(Path.Combine(bobs, ".claude", "settings.local.json"), """{"crossSessionInbound": "refuse"}""");
        _cli.Record(Alice, HookEvents.SessionStart, cwd: Path.Combine(_cli.WorkingDirectory, "alices"));
        _cli.Record(Bob, HookEvents.SessionStart, cwd: bobs);
        _cli.Record(Carol, HookEvents.SessionStart, cwd: Path.Combine(_cli.WorkingDirectory, "carols"));
    }

    [Fact]
    public void A_session_that_refuses_gets_no_message_from_another_session_but_one_from_a_person()
    {
        _cli.CurrentSessionId = Alice;
        var refused = _cli.Run("send", "bbbb2222", "rebase please");
        var broadcast = _cli.Run("broadcast", "standup in 5");
        _cli.CurrentSessionId = null;
        var fromPerson = _cli.Run("send", "bbbb2222", "lunch?");
        _cli.CurrentSessionId = Bob;
        var bobs = _cli.Run("inbox", "--json");

        refused.ExitCode.ShouldNotBe(0);
        refused.Error.ShouldContain("refuses messages from other sessions (Claude Code's crossSessionInbound: refuse); nothing was sent.");
        broadcast.ExitCode.ShouldBe(0, broadcast.Error);
        broadcast.Output.ShouldContain("cccc3333");
        broadcast.Output.ShouldNotContain("bbbb2222");
        fromPerson.ExitCode.ShouldBe(0, fromPerson.Error);
        bobs.Output.ShouldContain("lunch?");
        bobs.Output.ShouldNotContain("rebase please");
        bobs.Output.ShouldNotContain("standup in 5");
    }

    [Fact]
    public void A_session_that_holds_messages_for_its_person_gets_none_from_another_session_and_the_sender_is_told_why()
    {
        File.WriteAllText(Path.Combine(_cli.WorkingDirectory, "bobs", ".claude", "settings.local.json"), """{"crossSessionInbound": "hold"}""");
        _cli.CurrentSessionId = Alice;
        var held = _cli.Run("send", "bbbb2222", "rebase please");
        var broadcast = _cli.Run("broadcast", "standup in 5");
        _cli.CurrentSessionId = null;
        var fromPerson = _cli.Run("send", "bbbb2222", "lunch?");

        held.ExitCode.ShouldBe(2);
        held.Error.ShouldContain("holds messages from other sessions for its person to approve (Claude Code's crossSessionInbound: hold), which Baton cannot ask for; nothing was sent.");
        broadcast.ExitCode.ShouldBe(0, broadcast.Error);
        broadcast.Output.ShouldNotContain("bbbb2222");
        fromPerson.ExitCode.ShouldBe(0, fromPerson.Error);
    }

    [Fact]
    public void Without_the_setting_or_with_accept_sessions_talk_as_before()
    {
        File.WriteAllText(Path.Combine(_cli.WorkingDirectory, "bobs", ".claude", "settings.local.json"), """{"crossSessionInbound": "accept"}""");
        _cli.CurrentSessionId = Alice;

        _cli.Run("send", "bbbb2222", "rebase please").ExitCode.ShouldBe(0);
        _cli.Run("send", "cccc3333", "hello").ExitCode.ShouldBe(0);
    }

    public void Dispose() => _cli.Dispose();
}
