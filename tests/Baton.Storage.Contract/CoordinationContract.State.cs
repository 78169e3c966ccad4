using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    [Theory]
    [InlineData("""{"plan":["a","b"],"done":false,"n":1.5}""")]
    [InlineData("\"just text ✓ with 'quotes'; DROP TABLE state; --\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[ 1, 2 ,3 ]")]
    public void Stored_data_reads_back_as_written_with_version_writer_and_time(string value)
    {
        var entry = OneEntry(() => Coordinator.StoreData("issue:42", "plan", value, null, Ada));

        var read = Coordinator.RetrieveData("issue:42", "plan").ShouldNotBeNull();
        read.ShouldBe(new StateEntry("issue:42", "plan", value, 1, Ada, T0));
        entry.Type.ShouldBe(CoordinationJournalTypes.StateSet);
        entry.Subject.ShouldBe("scope:issue:42");
        entry.Actor.ShouldBe(Ada);
        entry.At.ShouldBe(T0);
        var data = JsonNode.Parse(entry.Data!)!;
        ((string?)data["key"]).ShouldBe("plan");
        ((long?)data["version"]).ShouldBe(1);
    }

    [Fact]
    public void Each_write_of_a_key_takes_the_next_version_and_records_its_writer()
    {
        Coordinator.StoreData("s", "k", "1", null, Ada);
        Clock.Now = T0.AddSeconds(5);
        Coordinator.StoreData("s", "k", "2", null, Bob);
        var third = Coordinator.StoreData("s", "k", "3", null, Human);

        third.Version.ShouldBe(3);
        Coordinator.RetrieveData("s", "k").ShouldBe(new StateEntry("s", "k", "3", 3, Human, T0.AddSeconds(5)));
        Coordinator.RetrieveData("s", "other").ShouldBeNull();
    }

    [Fact]
    public void Compare_and_set_at_the_current_version_writes_and_a_stale_version_is_refused_with_the_current_version_and_writer()
    {
        Coordinator.StoreData("issue:7", "owner", "\"ada\"", null, Ada);
        Clock.Now = T0.AddMinutes(1);
        Coordinator.StoreData("issue:7", "owner", "\"bob\"", expectedVersion: 1, Bob).Version.ShouldBe(2);

        var conflict = RefusedWithoutWriting<VersionConflictException>(() => Coordinator.StoreData("issue:7", "owner", "\"eve\"", expectedVersion: 1, Ada));

        conflict.CurrentVersion.ShouldBe(2);
        conflict.ExpectedVersion.ShouldBe(1);
        conflict.Writer.ShouldBe(Bob);
        conflict.At.ShouldBe(T0.AddMinutes(1));
        conflict.Message.ShouldContain("version 2");
        conflict.Message.ShouldContain(Bob);
        conflict.Message.ShouldNotContain("bob\"", Case.Sensitive, "an error does not show the stored value");
        Coordinator.RetrieveData("issue:7", "owner").ShouldNotBeNull().ValueJson.ShouldBe("\"bob\"");
    }

    [Fact]
    public void Expected_version_zero_creates_a_key_only_when_it_does_not_exist()
    {
        Coordinator.StoreData("s", "k", "1", expectedVersion: 0, Ada).Version.ShouldBe(1);

        var conflict = RefusedWithoutWriting<VersionConflictException>(() => Coordinator.StoreData("s", "k", "2", expectedVersion: 0, Bob));

        conflict.CurrentVersion.ShouldBe(1);
        conflict.Writer.ShouldBe(Ada);
        Should.Throw<VersionConflictException>(() => Coordinator.StoreData("s", "new", "1", expectedVersion: 3, Bob)).CurrentVersion.ShouldBe(0);
    }

    [Fact]
    public void A_version_read_before_a_delete_does_not_match_once_the_key_is_written_again()
    {
        var read = Coordinator.StoreData("s", "k", "\"old\"", null, Ada);
        Coordinator.DeleteData("s", "k", Bob).ShouldBeTrue();
        Coordinator.StoreData("s", "k", "\"new\"", expectedVersion: 0, Bob).Version.ShouldBeGreaterThan(read.Version + 1);

        var conflict = Should.Throw<VersionConflictException>(() => Coordinator.StoreData("s", "k", "\"stale\"", read.Version, Ada));

        conflict.Writer.ShouldBe(Bob);
        Coordinator.RetrieveData("s", "k").ShouldNotBeNull().ValueJson.ShouldBe("\"new\"");
    }

    [Fact]
    public void A_deleted_key_reads_as_missing_and_a_conflict_on_it_says_who_deleted_it()
    {
        Coordinator.StoreData("s", "k", "1", null, Ada);
        Clock.Now = T0.AddSeconds(3);

        var entry = OneEntry(() => Coordinator.DeleteData("s", "k", Bob).ShouldBeTrue());

        entry.Type.ShouldBe(CoordinationJournalTypes.StateDeleted);
        entry.Subject.ShouldBe("scope:s");
        Coordinator.RetrieveData("s", "k").ShouldBeNull();
        NoEntry(() => Coordinator.DeleteData("s", "k", Bob).ShouldBeFalse());
        var conflict = Should.Throw<VersionConflictException>(() => Coordinator.StoreData("s", "k", "2", 1, Ada));
        conflict.CurrentVersion.ShouldBe(0);
        conflict.Writer.ShouldBe(Bob);
        conflict.At.ShouldBe(T0.AddSeconds(3));
    }

    [Fact]
    public void Delete_with_an_expected_version_deletes_only_at_that_version()
    {
        Coordinator.StoreData("s", "k", "1", null, Ada);
        Coordinator.StoreData("s", "k", "2", null, Ada);

        RefusedWithoutWriting<VersionConflictException>(() => Coordinator.DeleteData("s", "k", Bob, expectedVersion: 1)).CurrentVersion.ShouldBe(2);
        Coordinator.DeleteData("s", "k", Bob, expectedVersion: 2).ShouldBeTrue();
        Coordinator.RetrieveData("s", "k").ShouldBeNull();
    }

    [Fact]
    public void Retrieve_scope_returns_its_keys_in_order_and_an_unknown_scope_is_a_clear_error()
    {
        Coordinator.StoreData("issue:42", "b", "2", null, Ada);
        Coordinator.StoreData("issue:42", "a", "1", null, Bob);
        Coordinator.StoreData("issue:43", "a", "3", null, Bob);

        Coordinator.RetrieveScope("issue:42").Select(e => (e.Key, e.ValueJson, e.Writer)).ShouldBe([("a", "1", Bob), ("b", "2", Ada)]);
        Should.Throw<UserErrorException>(() => Coordinator.RetrieveScope("issue:44")).Message.ShouldContain("issue:44");
    }

    [Fact]
    public void Delete_scope_deletes_every_key_in_one_change_and_an_unknown_scope_is_a_clear_error()
    {
        Coordinator.StoreData("tmp", "a", "1", null, Ada);
        Coordinator.StoreData("tmp", "b", "2", null, Ada);
        Coordinator.StoreData("keep", "a", "3", null, Ada);

        var entry = OneEntry(() => Coordinator.DeleteScope("tmp", Bob).ShouldBe(2));

        entry.Type.ShouldBe(CoordinationJournalTypes.ScopeDeleted);
        entry.Subject.ShouldBe("scope:tmp");
        ((int?)JsonNode.Parse(entry.Data!)!["keys"]).ShouldBe(2);
        Coordinator.ListScopes().Select(s => s.Scope).ShouldBe(["keep"]);
        RefusedWithoutWriting<UserErrorException>(() => Coordinator.DeleteScope("tmp", Bob)).Message.ShouldContain("tmp");
    }

    [Fact]
    public void List_scopes_matches_globs_with_star_and_question_mark_case_sensitively()
    {
        foreach (var scope in new[] { "issue:1", "issue:12", "issue:2", "Issue:3", "session:abc", "issues" })
        {
            Coordinator.StoreData(scope, "k", "1", null, Ada);
        }

        Coordinator.ListScopes("issue:*").Select(s => s.Scope).ShouldBe(["issue:1", "issue:12", "issue:2"]);
        Coordinator.ListScopes("issue:?").Select(s => s.Scope).ShouldBe(["issue:1", "issue:2"]);
        Coordinator.ListScopes("*:abc").Select(s => s.Scope).ShouldBe(["session:abc"]);
        Coordinator.ListScopes("issue").ShouldBeEmpty();
        Coordinator.ListScopes().Count.ShouldBe(6);
        var summary = Coordinator.ListScopes("issues").ShouldHaveSingleItem();
        summary.Keys.ShouldBe(1);
        summary.UpdatedAt.ShouldBe(T0);
    }

    [Fact]
    public void Glob_listing_takes_percent_underscore_and_brackets_literally()
    {
        foreach (var scope in new[] { "a%c", "abc", "a_c", "aXc", "a[b]c", "abc]" })
        {
            Store.SetState(scope, "k", "1", null, Ada);
            Store.AcquireLock(scope, Ada, TimeSpan.FromHours(1), null);
        }

        Store.ListScopes("a%c").Select(s => s.Scope).ShouldBe(["a%c"]);
        Store.ListScopes("a_c").Select(s => s.Scope).ShouldBe(["a_c"]);
        Store.ListScopes("a%*").Select(s => s.Scope).ShouldBe(["a%c"]);
        Store.ListScopes("a[b]c").Select(s => s.Scope).ShouldBe(["a[b]c"]);
        Store.ListScopes("a?c").Select(s => s.Scope).Order(StringComparer.Ordinal).ShouldBe(["a%c", "aXc", "a_c", "abc"]);
        Store.ListLocks("a_*").Select(l => l.Resource).ShouldBe(["a_c"]);
        Store.ListLocks("a[*").Select(l => l.Resource).ShouldBe(["a[b]c"]);
        Coordinator.ListScopes("a_?").Select(s => s.Scope).ShouldBe(["a_c"]);
    }

    [Fact]
    public void A_second_connection_sees_state_written_by_the_first_and_its_compare_and_set_is_checked_against_it()
    {
        var second = new Coordinator(SecondConnection(), Clock);
        Coordinator.StoreData("s", "k", "1", null, Ada);

        second.RetrieveData("s", "k").ShouldNotBeNull().Version.ShouldBe(1);
        second.StoreData("s", "k", "2", 1, Bob);
        Should.Throw<VersionConflictException>(() => Coordinator.StoreData("s", "k", "3", 1, Ada)).Writer.ShouldBe(Bob);
    }
}
