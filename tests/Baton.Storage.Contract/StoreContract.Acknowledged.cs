using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void The_seen_mark_is_stored_while_the_status_stays_and_cleared_by_the_store_when_it_changes()
    {
        Put(Minimal("s") with { Status = SessionStatus.WaitingInput });
        var seenAt = T0.AddMinutes(2);

        Put(Store.GetSession("s")! with { SeenAt = seenAt, UpdatedAt = seenAt })!.SeenAt.ShouldBe(seenAt);
        Put(Store.GetSession("s")! with { LastEvent = HookEvents.Notification, UpdatedAt = T0.AddMinutes(3) });
        Store.GetSession("s")!.SeenAt.ShouldBe(seenAt, "a change that keeps the status keeps the mark");

        Put(Store.GetSession("s")! with { Status = SessionStatus.Running, UpdatedAt = T0.AddMinutes(4) })!.SeenAt.ShouldBeNull();
        Store.GetSession("s")!.SeenAt.ShouldBeNull("a status change clears the mark, whatever the change says");
        Put(Minimal("new") with { Status = SessionStatus.WaitingInput, SeenAt = seenAt })!.SeenAt.ShouldBeNull("a new session has no mark");
    }

    [Fact]
    public void Acknowledging_a_wait_marks_it_seen_in_one_journaled_change_until_the_status_changes()
    {
        var registry = Registry(out _, out var clock);
        registry.Record(Observation(HookEvents.Stop, null, HookEventOrder.Compose(1_000, HookEvents.Stop), T0));
        clock.Now = T0.AddMinutes(1);
        var entries = Journal().Count;

        var seen = registry.Acknowledge(SessionId, SessionRegistry.HumanActor);
        registry.Acknowledge(SessionId, SessionRegistry.HumanActor);

        seen.Status.ShouldBe(SessionStatus.WaitingInput);
        seen.SeenAt.ShouldBe(T0.AddMinutes(1));
        var entry = Journal().Skip(entries).ShouldHaveSingleItem("acknowledging a wait already seen changes nothing");
        entry.Type.ShouldBe(JournalTypes.SessionSeen);
        entry.Actor.ShouldBe(SessionRegistry.HumanActor);
        ((string?)JsonNode.Parse(entry.Data!)!["status"]).ShouldBe("waiting_input");

        registry.Record(Observation(HookEvents.UserPromptSubmit, null, HookEventOrder.Compose(2_000, HookEvents.UserPromptSubmit), T0.AddMinutes(2)));
        Store.GetSession(SessionId)!.SeenAt.ShouldBeNull();
    }

    [Fact]
    public void Only_a_session_waiting_for_a_person_can_be_acknowledged()
    {
        var registry = Registry(out _, out _);
        Put(Minimal(SessionId) with { Status = SessionStatus.Running });

        Should.Throw<UserErrorException>(() => registry.Acknowledge(SessionId, SessionRegistry.HumanActor)).Message.ShouldContain("running");
        Should.Throw<UserErrorException>(() => registry.Acknowledge("nobody", SessionRegistry.HumanActor)).Message.ShouldContain("nobody");
        Store.GetSession(SessionId)!.SeenAt.ShouldBeNull();
    }

    [Fact]
    public void A_wait_marked_seen_is_granted_no_notification_until_its_status_changes()
    {
        var registry = Registry(out _, out var clock);
        registry.Record(Observation(HookEvents.UserPromptSubmit, null, HookEventOrder.Compose(1_000, HookEvents.UserPromptSubmit), T0));
        registry.Record(Observation(HookEvents.Stop, null, HookEventOrder.Compose(2_000, HookEvents.Stop), T0.AddSeconds(1)));
        registry.Acknowledge(SessionId, SessionRegistry.HumanActor);

        registry.ClaimNotification(SessionId, SessionStatus.Running, TimeSpan.Zero).ShouldBeFalse();

        registry.Record(Observation(HookEvents.UserPromptSubmit, null, HookEventOrder.Compose(3_000, HookEvents.UserPromptSubmit), T0.AddSeconds(2)));
        registry.Record(Observation(HookEvents.Stop, null, HookEventOrder.Compose(4_000, HookEvents.Stop), T0.AddSeconds(3)));
        clock.Now = T0.AddMinutes(1);
        registry.ClaimNotification(SessionId, SessionStatus.Running, TimeSpan.Zero).ShouldBeTrue();
    }
}
