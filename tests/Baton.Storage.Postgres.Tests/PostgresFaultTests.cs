using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Testing;
using Npgsql;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresFaultTests : IDisposable
{
    private readonly TestSchema _schema = TestSchema.Create();

    [Fact]
    public void A_connection_killed_mid_transaction_leaves_the_change_absent_and_the_store_usable_again()
    {
        var application = "fault-" + _schema.Name;
        using var store = PostgresStore.Open(new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { ApplicationName = application, Pooling = false }.ConnectionString);
        var journal = store.LastSequence();
        var backend = (int)_schema.Scalar("SELECT pid FROM pg_stat_activity WHERE application_name = @app", ("@app", application))!;

        Should.Throw<StoreException>(() => store.UpdateSession("s", _ =>
        {
            _schema.Scalar("SELECT pg_terminate_backend(@pid)", ("@pid", backend));
            return new SessionChange(new Session { SessionId = "s", StartedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch }, JournalTypes.SessionStatus, "human", null);
        }));

        using var again = PostgresStore.Open(_schema.ConnectionString);
        again.GetSession("s").ShouldBeNull();
        again.LastSequence().ShouldBe(journal);
    }

    [Fact]
    public async Task Without_a_clock_expiry_is_judged_by_the_database_clock()
    {
        using var store = PostgresStore.Open(_schema.ConnectionString);
        var databaseNow = DateTimeOffset.FromUnixTimeMilliseconds((long)_schema.Scalar("SELECT floor(extract(epoch FROM now()) * 1000)::bigint")!);

        var held = store.AcquireLock("deploy", "ada", TimeSpan.FromMilliseconds(200), null);

        held.Lock.AcquiredAt.ShouldBeGreaterThanOrEqualTo(databaseNow);
        (held.Lock.ExpiresAt - held.Lock.AcquiredAt).ShouldBe(TimeSpan.FromMilliseconds(200));
        await Eventually.Until(() => store.GetLock("deploy") is null, TimeSpan.FromSeconds(30), "the lock expires by the database's clock");
        store.AcquireLock("deploy", "bob", TimeSpan.FromMinutes(1), null).Outcome.ShouldBe(LockOutcome.TakenOver);
    }

    public void Dispose() => _schema.Dispose();
}
