using Baton.Testing;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>How SQLite's failures read once turned into store exceptions (issue 16). A full disk met for real is in
/// Baton.Cli.Tests (StoreDamageProcessTests, on a 1 MiB tmpfs); an I/O error with ENOSPC could not be caused on purpose there,
/// so these check the mapping around it with SQLite's own error codes on a real connection.</summary>
public sealed class SqliteFailureTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-failure-");

    [Fact]
    public void SQLITE_FULL_says_the_disk_is_full()
    {
        using var connection = RawSqlite.Open(Store());

        var failure = SqliteFailure.Of("Cannot write the store x", new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), connection);

        failure.Message.ShouldBe("Cannot write the store x: the disk is full (SQLite Error 13: 'database or disk is full'.); free some space on it and try again");
        failure.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public void An_io_error_without_ENOSPC_keeps_SQLites_words()
    {
        using var connection = RawSqlite.Open(Store());

        var failure = SqliteFailure.Of("Cannot write the store x", new SqliteException("SQLite Error 10: 'disk I/O error'.", 10), connection);

        failure.Message.ShouldBe("Cannot write the store x: SQLite Error 10: 'disk I/O error'.");
    }

    [Fact]
    public void A_damaged_file_is_named_as_such_and_points_to_doctor()
    {
        var failure = SqliteFailure.Of("Cannot read the store x", new SqliteException("SQLite Error 11: 'database disk image is malformed'.", 11));

        failure.IsDamaged.ShouldBeTrue();
        failure.Message.ShouldBe("Cannot read the store x: the file is damaged (SQLite Error 11: 'database disk image is malformed'.); baton doctor says how to recover it");
    }

    public void Dispose() => _directory.Dispose();

    private string Store()
    {
        var path = _directory.Combine("baton.db");
        SqliteStore.Open(path).Dispose();
        return path;
    }
}
