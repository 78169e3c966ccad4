using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresChangeFeedTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly TestSchema _schema = TestSchema.Create();

    [Fact]
    public async Task A_commit_by_another_connection_wakes_a_follower_through_listen_notify()
    {
        var factory = new PostgresStoreFactory(_schema.Connection);
        using var store = factory.Open();
        using var follower = StoreFollower.Open(factory, TimeProvider.System, out var failure);
        failure.ShouldBeNull();
        follower.Watching.ShouldBeTrue();
        var seen = store.LastSequence();

        using var writer = factory.Open();
        var entry = writer.AppendEvent("event.deploy", "deploy", "human", null);

        (await follower.WaitAsync(Long, CancellationToken.None)).ShouldBeTrue();
        store.ReadJournal(seen, 10).ShouldContain(e => e.Sequence == entry.Sequence);
    }

    [Fact]
    public async Task A_feed_counts_only_its_own_store_when_schemas_share_a_database()
    {
        using var other = TestSchema.Create();
        using var mine = PostgresStore.Open(_schema.ConnectionString);
        using var theirs = PostgresStore.Open(other.ConnectionString);
        using var feed = PostgresChangeFeed.TryStart(_schema.ConnectionString, out _)!;

        theirs.AppendEvent("event.other", "x", "human", null);
        mine.AppendEvent("event.mine", "x", "human", null);

        (await feed.WaitAsync(Long, CancellationToken.None)).ShouldBeTrue();
        (await feed.WaitAsync(TimeSpan.Zero, CancellationToken.None)).ShouldBeFalse("several notices count as one, and the other store's are not counted");
    }

    public void Dispose() => _schema.Dispose();
}
