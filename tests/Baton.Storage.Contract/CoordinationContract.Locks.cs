using System.Text.Json.Nodes;
using Baton.Core.Coordination;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_free_lock_is_granted_with_a_token_and_expiry_and_another_holder_is_told_who_holds_it_since_when()
    {
        LockAttempt granted = null!;
        var entry = OneEntry(() => granted = Coordinator.AcquireLock("deploy", Minute, Ada, "releasing 1.2"));

        granted.Outcome.ShouldBe(LockOutcome.Acquired);
        granted.Granted.ShouldBeTrue();
        granted.Lock.ShouldBe(new LockInfo("deploy", Ada, 1, T0, T0 + Minute, "releasing 1.2"));
        entry.Type.ShouldBe(CoordinationJournalTypes.LockAcquired);
        entry.Subject.ShouldBe("lock:deploy");
        entry.Actor.ShouldBe(Ada);
        ((long?)JsonNode.Parse(entry.Data!)!["token"]).ShouldBe(1);

        Clock.Now = T0.AddSeconds(10);
        LockAttempt refused = null!;
        NoEntry(() => refused = Coordinator.AcquireLock("deploy", Minute, Bob));

        refused.Outcome.ShouldBe(LockOutcome.HeldByAnother);
        refused.Granted.ShouldBeFalse();
        refused.Lock.ShouldBe(granted.Lock);
    }

    [Fact]
    public void Tokens_strictly_increase_per_resource_across_releases_and_holders()
    {
        var tokens = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var holder = i % 2 == 0 ? Ada : Bob;
            var granted = Coordinator.AcquireLock("res", Minute, holder);
            tokens.Add(granted.Lock.Token);
            Coordinator.ReleaseLock("res", granted.Lock.Token, holder);
        }

        tokens.ShouldBe([1, 2, 3, 4, 5]);
        Coordinator.AcquireLock("other", Minute, Ada).Lock.Token.ShouldBe(1);
    }

    [Fact]
    public void Acquiring_again_while_holding_renews_with_the_same_token()
    {
        var first = Coordinator.AcquireLock("res", Minute, Ada, "first");
        Clock.Now = T0.AddSeconds(30);

        LockAttempt again = null!;
        var entry = OneEntry(() => again = Coordinator.AcquireLock("res", Minute, Ada));

        again.Outcome.ShouldBe(LockOutcome.Renewed);
        again.Lock.ShouldBe(first.Lock with { ExpiresAt = T0.AddSeconds(30) + Minute });
        entry.Type.ShouldBe(CoordinationJournalTypes.LockRenewed);
    }

    [Fact]
    public void An_expired_lock_is_taken_over_with_a_greater_token_and_the_journal_says_from_whom()
    {
        var first = Coordinator.AcquireLock("res", Minute, Ada).Lock;
        Clock.Now = T0 + Minute;

        LockAttempt taken = null!;
        var entry = OneEntry(() => taken = Coordinator.AcquireLock("res", Minute, Bob));

        taken.Outcome.ShouldBe(LockOutcome.TakenOver);
        taken.Previous.ShouldBe(first);
        taken.Lock.ShouldBe(new LockInfo("res", Bob, 2, T0 + Minute, T0 + Minute + Minute, null));
        entry.Type.ShouldBe(CoordinationJournalTypes.LockExpiredTaken);
        var data = JsonNode.Parse(entry.Data!)!;
        ((string?)data["from"]).ShouldBe(Ada);
        ((long?)data["from_token"]).ShouldBe(1);
        ((long?)data["token"]).ShouldBe(2);
    }

    [Fact]
    public void The_old_holder_of_a_lock_taken_over_is_refused_renew_and_release_naming_the_new_holder()
    {
        var old = Coordinator.AcquireLock("res", Minute, Ada).Lock;
        Clock.Now = T0 + Minute + Minute;
        var taken = Coordinator.AcquireLock("res", Minute, Bob).Lock;

        var renew = RefusedWithoutWriting<StaleLockException>(() => Coordinator.RenewLock("res", old.Token, Minute, Ada));
        var release = RefusedWithoutWriting<StaleLockException>(() => Coordinator.ReleaseLock("res", old.Token, Ada));

        renew.Current.ShouldBe(taken);
        release.Current.ShouldBe(taken);
        release.Message.ShouldContain(Bob);
        Coordinator.ListLocks().ShouldHaveSingleItem().ShouldBe(taken);
    }

    [Fact]
    public void A_lock_that_expired_cannot_be_renewed_or_released_even_when_nobody_took_it()
    {
        var held = Coordinator.AcquireLock("res", Minute, Ada).Lock;
        Clock.Now = T0 + Minute;

        var stale = RefusedWithoutWriting<StaleLockException>(() => Coordinator.RenewLock("res", held.Token, Minute, Ada));
        RefusedWithoutWriting<StaleLockException>(() => Coordinator.ReleaseLock("res", held.Token, Ada));

        stale.Current.ShouldBeNull();
        stale.Message.ShouldContain("expired");
        Coordinator.AcquireLock("res", Minute, Ada).ShouldSatisfyAllConditions(
            a => a.Outcome.ShouldBe(LockOutcome.Acquired),
            a => a.Lock.Token.ShouldBe(2));
    }

    [Fact]
    public void Renew_extends_the_expiry_and_keeps_the_token_and_release_frees_the_lock()
    {
        var held = Coordinator.AcquireLock("res", Minute, Ada, "why").Lock;
        Clock.Now = T0.AddSeconds(50);

        LockInfo renewed = null!;
        OneEntry(() => renewed = Coordinator.RenewLock("res", held.Token, TimeSpan.FromMinutes(10), Ada)).Type.ShouldBe(CoordinationJournalTypes.LockRenewed);
        Clock.Now = T0.AddMinutes(5);
        Coordinator.AcquireLock("res", Minute, Bob).Granted.ShouldBeFalse();

        renewed.ShouldBe(held with { ExpiresAt = T0.AddSeconds(50).AddMinutes(10) });
        var entry = OneEntry(() => Coordinator.ReleaseLock("res", held.Token, Ada).ShouldBe(renewed));
        entry.Type.ShouldBe(CoordinationJournalTypes.LockReleased);
        Coordinator.ListLocks().ShouldBeEmpty();
        RefusedWithoutWriting<StaleLockException>(() => Coordinator.ReleaseLock("res", held.Token, Ada));
        Coordinator.AcquireLock("res", Minute, Bob).Lock.Token.ShouldBe(2);
    }

    [Fact]
    public void Another_holder_with_the_right_token_is_refused()
    {
        var held = Coordinator.AcquireLock("res", Minute, Ada).Lock;

        RefusedWithoutWriting<StaleLockException>(() => Coordinator.ReleaseLock("res", held.Token, Bob)).Current.ShouldBe(held);
        RefusedWithoutWriting<StaleLockException>(() => Coordinator.RenewLock("res", held.Token + 1, Minute, Ada)).Current.ShouldBe(held);
    }

    [Fact]
    public void List_locks_shows_live_locks_matching_the_pattern()
    {
        Coordinator.AcquireLock("file:src/app.cs", Minute, Ada);
        Coordinator.AcquireLock("file:src/*.md", TimeSpan.FromMinutes(10), Bob, "docs");
        Coordinator.AcquireLock("deploy", Minute, Bob);
        var released = Coordinator.AcquireLock("file:gone", Minute, Bob).Lock;
        Coordinator.ReleaseLock("file:gone", released.Token, Bob);

        Coordinator.ListLocks("file:*").Select(l => l.Resource).ShouldBe(["file:src/*.md", "file:src/app.cs"]);
        Clock.Now = T0 + Minute;
        Coordinator.ListLocks().ShouldHaveSingleItem().ShouldBe(new LockInfo("file:src/*.md", Bob, 1, T0, T0.AddMinutes(10), "docs"));
    }

    [Fact]
    public async Task A_waiting_acquire_is_granted_once_the_holder_releases()
    {
        var other = new Coordinator(SecondConnection(), Clock);
        var held = other.AcquireLock("res", TimeSpan.FromHours(1), Bob).Lock;
        var releaser = Task.Run(async () =>
        {
            await Task.Delay(150);
            other.ReleaseLock("res", held.Token, Bob);
        });

        var granted = await Coordinator.AcquireLockAsync("res", Minute, Ada, null, TimeSpan.FromSeconds(30));

        await releaser;
        granted.Outcome.ShouldBe(LockOutcome.Acquired);
        granted.Lock.Token.ShouldBe(2);
    }

    [Fact]
    public async Task A_waiting_acquire_gives_up_at_its_deadline_and_names_the_holder()
    {
        var held = Coordinator.AcquireLock("res", TimeSpan.FromHours(1), Bob).Lock;

        var attempt = await Coordinator.AcquireLockAsync("res", Minute, Ada, null, TimeSpan.FromMilliseconds(200));

        attempt.Outcome.ShouldBe(LockOutcome.HeldByAnother);
        attempt.Lock.ShouldBe(held);
    }

    [Fact]
    public void Break_lock_frees_anothers_live_lock_in_one_entry_naming_who_broke_it_and_the_old_token_is_stale()
    {
        var held = Coordinator.AcquireLock("deploy", TimeSpan.FromMinutes(5), Ada, "stuck").Lock;

        LockInfo broken = null!;
        var entry = OneEntry(() => broken = Coordinator.BreakLock("deploy", null, Human));

        broken.ShouldBe(held);
        entry.Type.ShouldBe(CoordinationJournalTypes.LockBroken);
        entry.Actor.ShouldBe(Human);
        entry.Subject.ShouldBe("lock:deploy");
        ((string?)JsonNode.Parse(entry.Data!)!["holder"]).ShouldBe(Ada);
        Coordinator.ListLocks().ShouldBeEmpty();
        NoEntry(() => Should.Throw<StaleLockException>(() => Coordinator.RenewLock("deploy", held.Token, TimeSpan.FromMinutes(1), Ada)));
        NoEntry(() => Should.Throw<StaleLockException>(() => Coordinator.BreakLock("deploy", null, Human)));
        Coordinator.AcquireLock("deploy", TimeSpan.FromMinutes(5), Bob).Lock.Token.ShouldBeGreaterThan(held.Token);
        NoEntry(() => Should.Throw<StaleLockException>(() => Coordinator.BreakLock("deploy", held.Token, Human)));
    }

    [Fact]
    public void Own_token_finds_the_callers_lock_and_refuses_when_another_holds_it()
    {
        var held = Coordinator.AcquireLock("deploy", TimeSpan.FromMinutes(5), Ada).Lock;

        Coordinator.OwnToken("deploy", Ada).ShouldBe(held.Token);
        Should.Throw<StaleLockException>(() => Coordinator.OwnToken("deploy", Bob)).Message.ShouldContain($"{Bob} holds no live lock on it; it is held by {Ada}");
        Should.Throw<StaleLockException>(() => Coordinator.OwnToken("free", Ada)).Message.ShouldContain("the resource is free now");
    }
}
