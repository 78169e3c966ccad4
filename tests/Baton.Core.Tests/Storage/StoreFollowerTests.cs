using Baton.Core.Storage;

namespace Baton.Core.Tests.Storage;

public sealed class StoreFollowerTests
{
    [Fact]
    public void A_notice_asks_for_one_look_and_then_only_the_fallback_does()
    {
        var clock = new SteppedClock();
        var feed = new HandFeed();
        using var follower = new StoreFollower(feed, clock, TimeSpan.FromSeconds(2));

        follower.ShouldLook().ShouldBeFalse("nothing changed and the fallback has not passed");
        feed.Signal();
        follower.ShouldLook().ShouldBeTrue();
        follower.ShouldLook().ShouldBeFalse("one notice, one look");
        clock.Advance(TimeSpan.FromSeconds(1.9));
        follower.ShouldLook().ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(0.2));
        follower.ShouldLook().ShouldBeTrue("the fallback passed");
        follower.ShouldLook().ShouldBeFalse();
    }

    [Fact]
    public async Task A_wait_is_never_longer_than_the_fallback_nor_than_asked()
    {
        var feed = new HandFeed();
        using var follower = new StoreFollower(feed, TimeProvider.System, TimeSpan.FromMilliseconds(50));

        (await follower.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None)).ShouldBeFalse();
        (await follower.WaitAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None)).ShouldBeFalse();
        feed.Signal();
        (await follower.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None)).ShouldBeTrue();

        feed.Asked.ShouldBe([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)]);
    }

    [Fact]
    public async Task Without_a_feed_it_looks_every_fallback()
    {
        using var follower = new StoreFollower(null, TimeProvider.System, TimeSpan.FromMilliseconds(20));

        follower.Watching.ShouldBeFalse();
        (await follower.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeFalse();
        await Should.ThrowAsync<OperationCanceledException>(() => follower.WaitAsync(TimeSpan.FromHours(1), new CancellationToken(canceled: true)));
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private sealed class HandFeed : IStoreChangeFeed
    {
        private readonly SemaphoreSlim _changed = new(0, 1);

        public List<TimeSpan> Asked { get; } = [];

        public void Signal() => _changed.Release();

        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout != TimeSpan.Zero)
            {
                Asked.Add(timeout);
            }

            return _changed.WaitAsync(timeout, cancellationToken);
        }

        public void Dispose() => _changed.Dispose();
    }
}
