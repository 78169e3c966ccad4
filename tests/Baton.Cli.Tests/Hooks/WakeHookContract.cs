using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Hooks;

/// <summary>
/// The real wake hook (<c>baton hook Stop --wake</c>) and the real delivering hooks, run as Claude Code runs them: JSON on
/// stdin; this test process stands in for claude (the hooks' parent). The session is registered and brought to
/// waiting_input by real <c>SessionStart</c> and <c>Stop</c> hook calls. Time-outs only bound a hung run. Each test runs
/// twice: with <c>baton hook</c> in a process of its own (<see cref="WakeHookProcessTests"/>), and through
/// <c>baton-relay</c> and the resident server (<see cref="RelayedWakeHookTests"/>), which must behave the same.
/// </summary>
public abstract class WakeHookContract : IDisposable
{
    private const string SessionId = "3a4e0000-0000-4000-8000-00000000000b";
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    protected WakeHookContract()
    {
        _baton = new BatonCli(_sandbox);
    }

    /// <summary>The sandbox the hooks run in.</summary>
    protected BatonSandbox Sandbox => _sandbox;

    /// <summary>Runs one hook call (<c>hook ARGS</c>) with <paramref name="payload"/> on stdin, as this variant routes it.</summary>
    protected abstract Task<ProcessResult> RunHook(string[] hookArgs, string payload, IDictionary<string, string?>? environment);

    /// <summary>Registers the session and brings it to waiting_input (called by each variant once it is ready).</summary>
    protected void RegisterIdleSession()
    {
        Hook("SessionStart").GetAwaiter().GetResult().EnsureSuccess("SessionStart");
        Hook("Stop").GetAwaiter().GetResult().EnsureSuccess("Stop");
    }

    [Fact]
    public async Task An_idle_sessions_wake_hook_waits_then_exits_2_with_the_message_on_stderr_and_delivers_it_once()
    {
        var wake = Wake();
        await Task.Delay(1500);
        wake.IsCompleted.ShouldBeFalse("without a message the wake hook waits");

        (await _baton.RunAsync("send", SessionId[..8], "Deploy is done, go ahead.")).EnsureSuccess("baton send");
        var woke = await wake.WaitAsync(Hang);

        woke.ExitCode.ShouldBe(2, woke.StdErr);
        woke.StdOut.ShouldBeEmpty();
        woke.StdErr.ShouldContain("from a person (human)");
        woke.StdErr.ShouldContain("Deploy is done, go ahead.");
        woke.StdErr.ShouldContain("baton reply ");
        (await Hook("UserPromptSubmit")).StdOut.ShouldBeEmpty("the woken turn's own hook does not hand the message over again");
        Inbox()["read_at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wake_hook_armed_as_an_ended_conversation_resumes_waits_for_it_to_reopen_then_wakes_it()
    {
        (await Hook("SessionEnd")).EnsureSuccess("SessionEnd");

        var wake = RunHook(["SessionStart", "--wake"], Payload("SessionStart"), null);
        await Task.Delay(1500);
        wake.IsCompleted.ShouldBeFalse("the ended row is the conversation's earlier run: the wake hook waits for this run's SessionStart");
        (await Hook("SessionStart")).EnsureSuccess("SessionStart of the resumed run");
        (await _baton.RunAsync("send", SessionId[..8], "Welcome back.")).EnsureSuccess("baton send");
        var woke = await wake.WaitAsync(Hang);

        woke.ExitCode.ShouldBe(2, woke.StdErr);
        woke.StdErr.ShouldContain("Welcome back.");
    }

    [Fact]
    public async Task A_busy_session_gets_its_message_from_its_next_hook_as_context_exactly_once()
    {
        (await Hook("UserPromptSubmit")).EnsureSuccess("UserPromptSubmit");
        (await _baton.RunAsync("send", SessionId[..8], "Use the v2 API.")).EnsureSuccess("baton send");

        var first = await Hook("PostToolUse");
        var second = await Hook("PostToolUse");

        var output = JsonNode.Parse(first.StdOut)!["hookSpecificOutput"]!;
        output["hookEventName"]!.GetValue<string>().ShouldBe("PostToolUse");
        output["additionalContext"]!.GetValue<string>().ShouldContain("Use the v2 API.");
        second.StdOut.ShouldBeEmpty("a message is handed over once");
    }

    [Fact]
    public async Task In_print_mode_the_wake_hook_ends_at_once_and_leaves_the_message_for_the_next_hook()
    {
        (await _baton.RunAsync("send", SessionId[..8], "Waiting for you.")).EnsureSuccess("baton send");

        var result = await Wake(new Dictionary<string, string?> { ["CLAUDE_CODE_ENTRYPOINT"] = "sdk-cli" }).WaitAsync(Hang);

        result.ExitCode.ShouldBe(0);
        result.StdErr.ShouldBeEmpty();
        Inbox()["read_at"].ShouldBeNull("print mode has no idle prompt to wake; the message waits for a hook");
    }

    [Fact]
    public async Task The_wake_hook_ends_quietly_when_its_lifetime_is_up_or_a_new_turn_began()
    {
        var expiring = await Wake(new Dictionary<string, string?> { ["BATON_WAKE_LIFETIME_SECONDS"] = "2" }).WaitAsync(Hang);
        expiring.ExitCode.ShouldBe(0);
        expiring.StdErr.ShouldBeEmpty();

        var wake = Wake();
        await Task.Delay(1500);
        (await Hook("UserPromptSubmit")).EnsureSuccess("a new turn");
        var movedOn = await wake.WaitAsync(Hang);
        movedOn.ExitCode.ShouldBe(0, movedOn.StdErr);
        movedOn.StdErr.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_subagents_hook_hands_over_no_message_and_the_main_agents_next_hook_does()
    {
        (await Hook("UserPromptSubmit")).EnsureSuccess("UserPromptSubmit");
        (await _baton.RunAsync("send", SessionId[..8], "For the main agent.")).EnsureSuccess("baton send");

        var inSubagent = await Hook("PostToolUse", agentId: "a1b2c3");
        var inMainAgent = await Hook("PostToolUse");

        inSubagent.EnsureSuccess("subagent PostToolUse").StdOut.ShouldBeEmpty("a subagent's context is not the session's");
        Context(inMainAgent).ShouldContain("For the main agent.");
    }

    [Fact]
    public async Task A_wake_hook_armed_while_subagents_still_run_outlasts_their_tool_calls_and_wakes_the_idle_main_agent()
    {
        // Given the main agent stopped while its background subagent still runs
        (await Hook("UserPromptSubmit")).EnsureSuccess("UserPromptSubmit");
        (await Hook("SubagentStart", agentId: "a1b2c3")).EnsureSuccess("SubagentStart");
        (await Hook("Stop")).EnsureSuccess("Stop");
        var wake = Wake();

        // When the subagent goes on calling tools
        await Task.Delay(1500);
        (await Hook("PreToolUse", agentId: "a1b2c3")).EnsureSuccess("subagent PreToolUse");
        (await Hook("PostToolUse", agentId: "a1b2c3")).EnsureSuccess("subagent PostToolUse");
        await Task.Delay(1000);

        // Then the wake hook still waits, and a message wakes the main agent
        wake.IsCompleted.ShouldBeFalse("a subagent's tool calls are not a new turn of the main agent");
        (await _baton.RunAsync("send", SessionId[..8], "Main agent, a word.")).EnsureSuccess("baton send");
        var woke = await wake.WaitAsync(Hang);
        woke.ExitCode.ShouldBe(2, woke.StdErr);
        woke.StdErr.ShouldContain("Main agent, a word.");
    }

    [Fact]
    public async Task A_delivery_stays_within_claude_codes_inline_limit_by_leaving_messages_for_the_next_hook_and_cutting_only_an_overlong_one()
    {
        // Given a message too long to go inline, three short ones after it, then 25 of 400 characters
        (await Hook("UserPromptSubmit")).EnsureSuccess("UserPromptSubmit");
        var longBody = "The plan, in full: " + new string('p', 11_981) + " END-OF-PLAN";
        var longId = Sent(await _baton.RunAsync("send", SessionId[..8], longBody, "--json"));
        var shortIds = new List<long>();
        for (var i = 1; i <= 3; i++)
        {
            shortIds.Add(Sent(await _baton.RunAsync("send", SessionId[..8], $"short note {i}", "--json")));
        }

        // When PostToolUse hooks run one after another
        var first = Context(await Hook("PostToolUse"));
        var second = Context(await Hook("PostToolUse"));

        // Then the long one came alone, cut to fit, with how to read it whole; the short ones came next, whole
        first.Length.ShouldBeLessThanOrEqualTo(10_000);
        first.ShouldContain($"[message #{longId} ");
        first.ShouldContain("The plan, in full: ppp");
        first.ShouldNotContain("END-OF-PLAN");
        first.ShouldContain($"read it whole with `baton thread {longId}` or the Baton MCP tool thread(message_id: {longId})");
        first.ShouldNotContain("short note");
        second.ShouldContain("short note 1");
        second.ShouldContain("short note 3");
        second.ShouldNotContain("cut:");
        var thread = await _baton.RunAsync("thread", longId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        thread.EnsureSuccess("baton thread");
        JsonNode.Parse(thread.StdOut)!.AsArray().ShouldHaveSingleItem()!["body"]!.GetValue<string>().ShouldBe(longBody);

        // And many short ones come over several hooks, each whole and each hook within the limit
        for (var i = 1; i <= 25; i++)
        {
            (await _baton.RunAsync("send", SessionId[..8], $"note {i:00} " + new string('n', 392))).EnsureSuccess("baton send");
        }

        var batches = new List<string> { Context(await Hook("PostToolUse")), Context(await Hook("PostToolUse")) };
        batches.ShouldAllBe(b => b.Length <= 10_000 && !b.Contains("cut:"));
        batches[0].ShouldContain("note 01 ");
        batches[0].ShouldNotContain("note 25 ");
        string.Concat(batches).ShouldContain("note 25 ");
        (await Hook("PostToolUse")).StdOut.ShouldBeEmpty("all 25 were handed over in the two hooks");
    }

    public virtual void Dispose()
    {
        _sandbox.Dispose();
        GC.SuppressFinalize(this);
    }

    private static long Sent(ProcessResult send) =>
        JsonNode.Parse(send.EnsureSuccess("baton send").StdOut)!["id"]!.GetValue<long>();

    private static string Context(ProcessResult hook) =>
        JsonNode.Parse(hook.EnsureSuccess("hook").StdOut)!["hookSpecificOutput"]!["additionalContext"]!.GetValue<string>();

    private Task<ProcessResult> Hook(string eventName, string? agentId = null) =>
        RunHook([eventName], Payload(eventName, agentId), environment: null);

    private Task<ProcessResult> Wake(IDictionary<string, string?>? environment = null) =>
        RunHook(["Stop", "--wake"], Payload("Stop"), environment);

    /// <summary>Hook input as Claude Code writes it; <paramref name="agentId"/> as within that subagent (see ClaudeCliFactsTests).</summary>
    private string Payload(string eventName, string? agentId = null)
    {
        var payload = new JsonObject
        {
            ["session_id"] = SessionId,
            ["hook_event_name"] = eventName,
            ["cwd"] = _sandbox.Root,
            ["transcript_path"] = "/tmp/t.jsonl",
        };
        if (agentId is not null)
        {
            payload["agent_id"] = agentId;
        }

        if (eventName is "PreToolUse" or "PostToolUse")
        {
            payload["tool_name"] = "Read";
            payload["tool_input"] = new JsonObject { ["file_path"] = "/tmp/x" };
        }

        return payload.ToJsonString();
    }

    private JsonNode Inbox() =>
        JsonNode.Parse(_baton.RunAsync("inbox", "--session", SessionId, "--all", "--json").GetAwaiter().GetResult().StdOut)!
            .AsArray().ShouldHaveSingleItem()!["recipients"]!.AsArray().ShouldHaveSingleItem()!;
}
