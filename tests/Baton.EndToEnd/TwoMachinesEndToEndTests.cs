using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Two "machines" sharing one team store (issue 13): two workspaces (each its own HOME, BATON_HOME, resident server and
/// tmux) whose processes all get another <c>BATON_HOST</c> and the same <c>BATON_STORE_URL</c> (a schema of its own in the
/// tests' PostgreSQL), each running a real interactive claude session against one scripted model server.
/// </summary>
public sealed class TwoMachinesEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly TestSchema _schema = TestSchema.Create();
    private readonly SupervisedWorkspace _a;
    private readonly SupervisedWorkspace _b;
    private readonly ConcurrentDictionary<string, ModelStep[]> _scripts = new(StringComparer.Ordinal); // read by the model server's threads

    public TwoMachinesEndToEndTests(ITestOutputHelper output)
    {
        _a = new SupervisedWorkspace(output, Machine("machine-a"));
        _b = new SupervisedWorkspace(output, Machine("machine-b"));
    }

    [Fact]
    public async Task Each_machine_sees_the_others_session_a_message_wakes_it_and_a_lock_held_on_one_is_refused_on_the_other_naming_holder_and_host()
    {
        // Given alice on machine a and bob on machine b, both idle at their prompts
        await using var model = await ScriptedModelServer.StartAsync();
        model.SetScript(ModelRequests.ByMarker(_scripts));
        _scripts["ALICE-TASK"] = [ModelStep.Text("Alice ready.")];
        _scripts["BOB-TASK"] = [ModelStep.Text("Bob ready.")];
        var alice = await _a.StartSession(model, "alice", "ALICE-TASK: stand by.", []);
        var bob = await _b.StartSession(model, "bob", "BOB-TASK: stand by.", []);
        await Eventually.Until(async () => (await _b.Session("bob"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "bob waits for input");

        // Then each machine lists the other's session, with its host and user
        var bobSeenOnA = (await _a.Session("bob")).ShouldNotBeNull("machine a lists bob");
        var aliceSeenOnB = (await _b.Session("alice")).ShouldNotBeNull("machine b lists alice");
        bobSeenOnA["session_id"]!.GetValue<string>().ShouldBe(bob);
        bobSeenOnA["host"]!.GetValue<string>().ShouldBe("machine-b");
        bobSeenOnA["user"]!.GetValue<string>().ShouldBe(Environment.UserName);
        aliceSeenOnB["session_id"]!.GetValue<string>().ShouldBe(alice);
        aliceSeenOnB["host"]!.GetValue<string>().ShouldBe("machine-a");
        (await _a.Run(model, "ls")).EnsureSuccess("baton ls on a").StdOut.ShouldContain("@machine-b", customMessage: "ls names where sessions of several hosts run");

        // When alice's machine sends bob a message, idle bob takes a new turn that carries it
        const string body = "The deploy moved to machine a; wait for its lock.";
        (await _a.Run(model, "send", "bob", body)).EnsureSuccess("baton send bob on machine a");
        var woke = await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "BOB-TASK") && ModelRequests.LastUserText(r).Contains(body, StringComparison.Ordinal), Patience);
        woke.ShouldNotBeNull();

        // When alice holds a lock on machine a, bob's attempt on machine b is refused naming alice and her host
        (await _a.Baton.RunAsync(["lock", "acquire", "deploy"], environment: new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = alice }))
            .EnsureSuccess("baton lock acquire deploy as alice on machine a");
        var refused = await _b.Baton.RunAsync(["lock", "acquire", "deploy"], environment: new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = bob });

        refused.ExitCode.ShouldBe(1, refused.StdErr);
        refused.StdErr.ShouldContain($"held by {alice} on host machine-a");
        var events = JsonNode.Parse((await _b.Baton.RunAsync("events", "--type", "lock.*", "--json")).EnsureSuccess("baton events on b").StdOut)!.AsArray();
        events.ShouldHaveSingleItem()!["origin"]!.GetValue<string>().ShouldMatch($@"^{Environment.UserName}@machine-a\[\d+\]$", "the journal records where (and by which process) the lock was taken");
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _schema.Dispose();
    }

    private Dictionary<string, string?> Machine(string host) => new(StringComparer.Ordinal)
    {
        ["BATON_HOST"] = host,
        ["BATON_STORE_URL"] = _schema.Url,
    };
}
