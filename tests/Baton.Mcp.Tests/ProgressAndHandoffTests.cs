namespace Baton.Mcp.Tests;

/// <summary>set_progress, get_progress, handoff, take_handoff through the SDK's client.</summary>
public sealed class ProgressAndHandoffTests : McpTestBase
{
    private const string SessionC = "cccccccc-3333-4333-8333-000000000003";

    [Fact]
    public async Task Progress_is_set_per_subject_and_read_by_anyone()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);

        var set = await a.CallJsonAsync("set_progress", new { subject = "issue:42", phase = "testing", percent = 40, message = "12 of 30 pass" });
        await b.CallJsonAsync("set_progress", new { subject = "issue:7", phase = "design", percent = 10, message = "" });

        set["writer"]!.GetValue<string>().ShouldBe(SessionA);
        var one = (await b.CallJsonAsync("get_progress", new { subject = "issue:42" }))["progress"]!.AsArray().Single()!;
        (one["phase"]!.GetValue<string>(), one["percent"]!.GetValue<int>(), one["message"]!.GetValue<string>()).ShouldBe(("testing", 40, "12 of 30 pass"));
        (await b.CallJsonAsync("get_progress"))["progress"]!.AsArray().Select(p => p!["subject"]!.GetValue<string>()).ShouldBe(["issue:42", "issue:7"]);
        (await b.CallErrorAsync("set_progress", new { subject = "issue:42", phase = "x", percent = 101, message = "" })).ShouldContain("percent of 101 is out of range");
    }

    [Fact]
    public async Task A_handoff_is_taken_by_exactly_one_of_two_racing_sessions()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var c = await ServerAsync(SessionC);
        var created = await a.CallJsonAsync("handoff", new { subject = "issue:42", next_steps = "Write the migration", context = "Schema in docs/db.md" });
        created["created_by"]!.GetValue<string>().ShouldBe(SessionA);
        created["taken_by"].ShouldBeNull();

        var answers = await Task.WhenAll(b.CallAsync("take_handoff", new { subject = "issue:42" }), c.CallAsync("take_handoff", new { subject = "issue:42" }));

        var taken = answers.Single(x => !x.IsError).Json();
        var refused = answers.Single(x => x.IsError).Text;
        taken["next_steps"]!.GetValue<string>().ShouldBe("Write the migration");
        taken["context"]!.GetValue<string>().ShouldBe("Schema in docs/db.md");
        var taker = taken["taken_by"]!.GetValue<string>();
        taker.ShouldBeOneOf(SessionB, SessionC);
        refused.ShouldContain($"was already taken by {taker}");
    }

    [Fact]
    public async Task A_handoff_to_one_session_is_refused_to_another()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var c = await ServerAsync(SessionC);
        await a.CallJsonAsync("handoff", new { subject = "review:9", next_steps = "Review it", context = "", to = SessionC });

        (await b.CallErrorAsync("take_handoff", new { subject = "review:9" })).ShouldContain($"is for {SessionC}, not {SessionB}");
        (await c.CallJsonAsync("take_handoff", new { subject = "review:9" }))["taken_by"]!.GetValue<string>().ShouldBe(SessionC);
        (await c.CallErrorAsync("take_handoff", new { subject = "nothing:here" })).ShouldContain("There is no handoff of 'nothing:here'");
    }
}
