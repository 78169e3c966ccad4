using Baton.Core;
using Baton.Core.Coordination;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    /// <summary>Requests outside the limits, each with a word its error message must contain.</summary>
    public static TheoryData<string, string> BadRequests => new()
    {
        { "empty scope", "scope" },
        { "scope with a space", "scope" },
        { "scope with a star", "scope" },
        { "scope with a percent sign", "scope" },
        { "non-ASCII key", "key" },
        { "key of 201 characters", "201" },
        { "oversized value", "262144" },
        { "malformed JSON value", "JSON" },
        { "two JSON values", "JSON" },
        { "empty value", "JSON" },
        { "negative expected version", "expected version" },
        { "zero ttl", "ttl" },
        { "negative ttl", "ttl" },
        { "ttl over 24 hours", "24 h" },
        { "wait over the limit", "wait" },
        { "resource with a question mark", "resource" },
        { "lease under a second", "lease" },
        { "priority too high", "priority" },
        { "queue item not JSON", "JSON" },
        { "result not JSON", "JSON" },
        { "percent over 100", "percent" },
        { "percent below 0", "percent" },
        { "empty phase", "phase" },
        { "pattern with a bracket", "pattern" },
        { "event type with a colon", "event type" },
        { "empty event message", "message" },
        { "oversized metadata", "65536" },
        { "oversized handoff context", "262144" },
        { "empty next steps", "next steps" },
        { "actor with a newline", "actor" },
        { "limit over 1000", "limit" },
        { "negative since", "sequence" },
    };

    [Theory]
    [MemberData(nameof(BadRequests), MemberType = typeof(CoordinationContract))]
    public void A_request_outside_the_limits_is_refused_with_what_is_allowed_and_stores_nothing(string request, string mentioned)
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);
        var journal = Journal();

        var error = Should.Throw<UserErrorException>(() => Attempt(request, item.Id));

        error.Message.ShouldContain(mentioned, Case.Insensitive);
        error.Message.ShouldNotContain("\n");
        error.Message.ShouldNotContain("   at ");
        Journal().ShouldBe(journal);
        Coordinator.ListScopes().ShouldBeEmpty();
        Coordinator.ListLocks().ShouldBeEmpty();
        Coordinator.ListQueue("work").ShouldHaveSingleItem().Status.ShouldBe(QueueItemStatus.Claimed);
        Coordinator.ListHandoffs(includeTaken: true).ShouldBeEmpty();
    }

    [Fact]
    public void A_value_of_exactly_256_KiB_is_accepted()
    {
        var value = "\"" + new string('x', CoordinationLimits.MaxValueBytes - 2) + "\"";

        Coordinator.StoreData("s", "big", value, null, Ada).Version.ShouldBe(1);

        Coordinator.RetrieveData("s", "big").ShouldNotBeNull().ValueJson.Length.ShouldBe(CoordinationLimits.MaxValueBytes);
    }

    [Fact]
    public void Every_change_appends_exactly_one_journal_entry_and_reads_append_none()
    {
        PutSession(Ada);
        var changes = new (string Type, Action Change)[]
        {
            (CoordinationJournalTypes.StateSet, () => Coordinator.StoreData("s", "k", "1", null, Ada)),
            (CoordinationJournalTypes.StateSet, () => Coordinator.StoreData("s", "k", "2", 1, Ada)),
            (CoordinationJournalTypes.StateDeleted, () => Coordinator.DeleteData("s", "k", Ada)),
            (CoordinationJournalTypes.StateSet, () => Coordinator.StoreData("s", "k", "3", 0, Ada)),
            (CoordinationJournalTypes.ScopeDeleted, () => Coordinator.DeleteScope("s", Ada)),
            (CoordinationJournalTypes.LockAcquired, () => Coordinator.AcquireLock("r", TimeSpan.FromSeconds(1), Ada)),
            (CoordinationJournalTypes.LockRenewed, () => Coordinator.AcquireLock("r", TimeSpan.FromSeconds(1), Ada)),
            (CoordinationJournalTypes.LockRenewed, () => Coordinator.RenewLock("r", 1, TimeSpan.FromSeconds(1), Ada)),
            (CoordinationJournalTypes.LockReleased, () => Coordinator.ReleaseLock("r", 1, Ada)),
            (CoordinationJournalTypes.LockAcquired, () => Coordinator.AcquireLock("r", TimeSpan.FromSeconds(1), Ada)),
            (CoordinationJournalTypes.LockExpiredTaken, () => { Clock.Now += TimeSpan.FromSeconds(1); Coordinator.AcquireLock("r", TimeSpan.FromSeconds(1), Bob); }),
            (CoordinationJournalTypes.QueueEnqueued, () => Coordinator.Enqueue("q", "1", Ada)),
            (CoordinationJournalTypes.QueueClaimed, () => Coordinator.ClaimNext("q", Ada)),
            (CoordinationJournalTypes.QueueReleased, () => Coordinator.Release("q", Coordinator.ListQueue("q")[0].Id, Ada)),
            (CoordinationJournalTypes.QueueClaimed, () => Coordinator.ClaimNext("q", Ada)),
            (CoordinationJournalTypes.QueueCompleted, () => Coordinator.Complete("q", Coordinator.ListQueue("q")[0].Id, Ada, "{}")),
            (CoordinationJournalTypes.StateSet, () => Coordinator.SetProgress("issue:1", "coding", 50, "", Ada)),
            (CoordinationJournalTypes.HandoffCreated, () => Coordinator.CreateHandoff("issue:1", "next", "ctx", Ada)),
            (CoordinationJournalTypes.HandoffTaken, () => Coordinator.TakeHandoff("issue:1", Bob)),
            (CoordinationJournalTypes.SessionHeartbeat, () => Coordinator.Heartbeat(Ada)),
            ("event.note", () => Coordinator.LogEvent("note", "hello", Ada)),
        };

        foreach (var (type, change) in changes)
        {
            OneEntry(change).Type.ShouldBe(type);
        }

        NoEntry(() =>
        {
            Coordinator.RetrieveData("issue:1", "x");
            Coordinator.ListScopes("*");
            Coordinator.ListLocks();
            Coordinator.ListQueue("q");
            Coordinator.GetProgress();
            Coordinator.ListHandoffs(includeTaken: true);
            Coordinator.Events(limit: 10);
            Coordinator.ClaimNext("empty", Bob);
            Store.GetLock("r");
            Store.GetHandoff("issue:1");
        });
    }

    private void Attempt(string request, long claimedId)
    {
        var minute = TimeSpan.FromMinutes(1);
        Action action = request switch
        {
            "empty scope" => () => Coordinator.StoreData("", "k", "1", null, Ada),
            "scope with a space" => () => Coordinator.StoreData("issue 42", "k", "1", null, Ada),
            "scope with a star" => () => Coordinator.StoreData("issue:*", "k", "1", null, Ada),
            "scope with a percent sign" => () => Coordinator.StoreData("100%", "k", "1", null, Ada),
            "non-ASCII key" => () => Coordinator.StoreData("s", "schlüssel", "1", null, Ada),
            "key of 201 characters" => () => Coordinator.StoreData("s", new string('k', 201), "1", null, Ada),
            "oversized value" => () => Coordinator.StoreData("s", "k", "\"" + new string('x', CoordinationLimits.MaxValueBytes - 1) + "\"", null, Ada),
            "malformed JSON value" => () => Coordinator.StoreData("s", "k", "{\"a\": ", null, Ada),
            "two JSON values" => () => Coordinator.StoreData("s", "k", "1 2", null, Ada),
            "empty value" => () => Coordinator.StoreData("s", "k", "", null, Ada),
            "negative expected version" => () => Coordinator.StoreData("s", "k", "1", -1, Ada),
            "zero ttl" => () => Coordinator.AcquireLock("r", TimeSpan.Zero, Ada),
            "negative ttl" => () => Coordinator.AcquireLock("r", TimeSpan.FromSeconds(-5), Ada),
            "ttl over 24 hours" => () => Coordinator.AcquireLock("r", TimeSpan.FromHours(24.01), Ada),
            "wait over the limit" => () => Coordinator.AcquireLockAsync("r", minute, Ada, null, TimeSpan.FromHours(1)).GetAwaiter().GetResult(),
            "resource with a question mark" => () => Coordinator.AcquireLock("file:a?.cs", minute, Ada),
            "lease under a second" => () => Coordinator.ClaimNext("work", Ada, TimeSpan.FromMilliseconds(500)),
            "priority too high" => () => Coordinator.Enqueue("work", "1", Ada, priority: CoordinationLimits.MaxPriority + 1),
            "queue item not JSON" => () => Coordinator.Enqueue("work", "fix the bug", Ada),
            "result not JSON" => () => Coordinator.Complete("work", claimedId, Ada, "done!"),
            "percent over 100" => () => Coordinator.SetProgress("issue:1", "coding", 101, "", Ada),
            "percent below 0" => () => Coordinator.SetProgress("issue:1", "coding", -1, "", Ada),
            "empty phase" => () => Coordinator.SetProgress("issue:1", " ", 5, "", Ada),
            "pattern with a bracket" => () => Coordinator.ListScopes("issue:[0-9]"),
            "event type with a colon" => () => Coordinator.LogEvent("deploy:prod", "x", Ada),
            "empty event message" => () => Coordinator.LogEvent("deploy", "", Ada),
            "oversized metadata" => () => Coordinator.LogEvent("deploy", "x", Ada, "\"" + new string('m', CoordinationLimits.MaxMetadataBytes) + "\""),
            "oversized handoff context" => () => Coordinator.CreateHandoff("issue:1", "next", new string('c', CoordinationLimits.MaxValueBytes + 1), Ada),
            "empty next steps" => () => Coordinator.CreateHandoff("issue:1", "", "ctx", Ada),
            "actor with a newline" => () => Coordinator.StoreData("s", "k", "1", null, "ada\nbob"),
            "limit over 1000" => () => Coordinator.Events(limit: 1001),
            "negative since" => () => Coordinator.Events(since: -1),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "No such bad request."),
        };
        action();
    }
}
