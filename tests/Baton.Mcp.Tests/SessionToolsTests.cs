using System.Text.Json.Nodes;
using Baton.Core.Sessions;

namespace Baton.Mcp.Tests;

/// <summary>sign_on, sign_off, whoami, list_sessions, heartbeat, and the sign-on a server makes when it starts.</summary>
public sealed class SessionToolsTests : McpTestBase
{
    [Fact]
    public async Task A_server_signs_its_session_on_when_it_starts_and_removes_the_sign_on_when_it_stops()
    {
        var a = await ServerAsync(SessionA);

        var me = await a.CallJsonAsync("whoami");

        me["actor"]!.GetValue<string>().ShouldBe(SessionA);
        me["session_id"]!.GetValue<string>().ShouldBe(SessionA);
        me["signed_on"]!.GetValue<bool>().ShouldBeTrue();
        me["project_dir"]!.GetValue<string>().ShouldBe(a.Options.ProjectDirectory);
        using (var store = OpenStore())
        {
            store.GetState($"session:{SessionA}", "sign_on").ShouldNotBeNull().Writer.ShouldBe(SessionA);
            store.ReadJournal(0, 100).ShouldContain(e => e.Type == McpJournalTypes.SessionSignedOn && e.Actor == SessionA && e.Subject == $"session:{SessionA}");
            store.GetSession(SessionA).ShouldBeNull("at start the server touches a row hooks made but creates none");
        }

        await a.DisposeAsync();

        using (var store = OpenStore())
        {
            store.GetState($"session:{SessionA}", "sign_on").ShouldBeNull();
        }
    }

    [Fact]
    public async Task Sign_on_with_a_name_and_role_puts_the_session_in_list_sessions()
    {
        var a = await ServerAsync(SessionA, o => o with { ClaudeProcess = new ProcessIdentity(ThisProcess.HostName, Environment.ProcessId, Baton.Platform.Processes.ProcessTable.CurrentProcessStart()) });
        var b = await ServerAsync(SessionB);

        var signed = await a.CallJsonAsync("sign_on", new { name = "api-worker", role = "reviewer" });
        var sessions = await b.CallJsonAsync("list_sessions");

        signed["name"]!.GetValue<string>().ShouldBe("api-worker");
        signed["role"]!.GetValue<string>().ShouldBe("reviewer");
        signed["in_registry"]!.GetValue<bool>().ShouldBeTrue();
        var listed = sessions["sessions"]!.AsArray().Single(s => s!["session_id"]!.GetValue<string>() == SessionA)!;
        listed["status"]!.GetValue<string>().ShouldBe("running");
        listed["sign_on_name"]!.GetValue<string>().ShouldBe("api-worker");
        listed["role"]!.GetValue<string>().ShouldBe("reviewer");
        listed["project"]!.GetValue<string>().ShouldBe("project");
        listed["host"]!.GetValue<string>().ShouldBe(ThisProcess.HostName, "a team store's sessions say where they run");
        listed["user"]!.GetValue<string>().ShouldBe(Environment.UserName);
        (await b.CallJsonAsync("list_sessions", new { project = "project" }))["count"]!.GetValue<int>().ShouldBe(1);
        (await b.CallJsonAsync("list_sessions", new { project = "elsewhere" }))["count"]!.GetValue<int>().ShouldBe(0);
        (await b.CallJsonAsync("list_sessions", new { status = "exited" }))["count"]!.GetValue<int>().ShouldBe(0);
        (await b.CallErrorAsync("list_sessions", new { status = "sleeping" })).ShouldContain("is not a session status");
        using var store = OpenStore();
        store.GetSession(SessionA).ShouldNotBeNull().Pid.ShouldBe(Environment.ProcessId);

        // A name or role left out keeps the one given before.
        (await a.CallJsonAsync("sign_on", new { role = "author" }))["name"]!.GetValue<string>().ShouldBe("api-worker");
        (await a.CallErrorAsync("sign_on", new { name = "not a name" })).ShouldContain("is not a session name");
    }

    [Fact]
    public async Task Sign_off_releases_the_sessions_locks_and_claims_for_others()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        await a.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 600 });
        await a.CallJsonAsync("enqueue", new { queue = "q", item = 1 });
        await a.CallJsonAsync("claim_next", new { queue = "q" });

        var off = await a.CallJsonAsync("sign_off");

        off["released_locks"]!.AsArray().Single()!["resource"]!.GetValue<string>().ShouldBe("deploy");
        off["released_items"]!.AsArray().Count.ShouldBe(1);
        (await a.CallJsonAsync("whoami"))["signed_on"]!.GetValue<bool>().ShouldBeFalse();
        (await b.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 60 }))["acquired"]!.GetValue<bool>().ShouldBeTrue();
        (await b.CallJsonAsync("claim_next", new { queue = "q" }))["claimed"]!.GetValue<bool>().ShouldBeTrue();
        using var store = OpenStore();
        store.ReadJournal(0, 1000).ShouldContain(e => e.Type == McpJournalTypes.SessionSignedOff && e.Actor == SessionA);
    }

    [Fact]
    public async Task Heartbeat_refreshes_the_sessions_row_and_is_refused_to_a_person()
    {
        var a = await ServerAsync(SessionA);
        var person = await ServerAsync(sessionId: null);

        var first = await a.CallJsonAsync("heartbeat");
        await Task.Delay(20);
        var second = await a.CallJsonAsync("heartbeat");

        first["session_id"]!.GetValue<string>().ShouldBe(SessionA);
        string.CompareOrdinal(second["recorded_at"]!.GetValue<string>(), first["recorded_at"]!.GetValue<string>()).ShouldBeGreaterThan(0);
        using (var store = OpenStore())
        {
            McpJson.Time(store.GetSession(SessionA).ShouldNotBeNull().UpdatedAt).ShouldBe(second["recorded_at"]!.GetValue<string>());
        }

        (await person.CallErrorAsync("heartbeat")).ShouldContain("heartbeat is for Claude Code sessions");
        var me = await person.CallJsonAsync("whoami");
        me["actor"]!.GetValue<string>().ShouldBe("human");
        me["signed_on"]!.GetValue<bool>().ShouldBeFalse("a server run by a person does not sign on at start");
        (await person.CallJsonAsync("store_data", new { scope = "s", key = "k", value = new JsonObject() }))["writer"]!.GetValue<string>().ShouldBe("human");
    }
}
