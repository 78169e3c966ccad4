using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class TeamOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Teammates_follow_their_lead_and_everything_else_keeps_its_order()
    {
        Session[] sessions = [Of("a"), Of("alice", lead: "lead"), Of("lead"), Of("b"), Of("bob", lead: "lead"), Of("orphan", lead: "gone")];

        var ordered = TeamOrder.UnderLeads(sessions, s => s);

        ordered.Select(p => (p.Item.SessionId, p.UnderLead)).ShouldBe([
            ("a", false), ("lead", false), ("alice", true), ("bob", true), ("b", false), ("orphan", false),
        ]);
    }

    [Fact]
    public void Sessions_that_name_each_other_as_lead_are_each_listed_once()
    {
        var ordered = TeamOrder.UnderLeads([Of("x", lead: "y"), Of("y", lead: "x")], s => s);

        ordered.Select(p => p.Item.SessionId).Order(StringComparer.Ordinal).ShouldBe(["x", "y"]);
    }

    [Fact]
    public void A_teammate_is_shown_by_its_team_name_under_its_lead()
    {
        TeamOrder.NameOf(Of("alice", lead: "lead") with { AgentName = "alice" }, underLead: true).ShouldBe("└ alice");
        TeamOrder.NameOf(Of("alice", lead: "lead") with { AgentName = "alice", Name = "reviewer" }, underLead: false).ShouldBe("reviewer");
        TeamOrder.NameOf(Of("x"), underLead: false).ShouldBe("-");
    }

    private static Session Of(string id, string? lead = null) =>
        new() { SessionId = id, StartedAt = T0, UpdatedAt = T0, ParentSessionId = lead, TeamName = lead is null ? null : "session-" + lead };
}
