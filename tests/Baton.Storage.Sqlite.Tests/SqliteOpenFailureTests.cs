using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteOpenFailureTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-open-");

    [Fact]
    public void A_path_that_is_a_directory_gives_a_store_exception_naming_the_path()
    {
        var path = _directory.CreateSubdirectory("baton.db");

        var e = Should.Throw<StoreException>(() => SqliteStore.Open(path));

        e.Message.ShouldContain(path);
    }

    [Fact]
    public void A_path_below_a_regular_file_gives_a_store_exception_naming_the_path()
    {
        var file = _directory.Combine("not-a-folder");
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "baton.db");

        var e = Should.Throw<StoreException>(() => SqliteStore.Open(path));

        e.Message.ShouldContain(path);
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_a_store_exception_naming_the_path()
    {
        var path = _directory.Combine("baton.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not a SQLite database. ", 50)));

        var e = Should.Throw<StoreException>(() => SqliteStore.Open(path));

        e.Message.ShouldContain(path);
    }

    public void Dispose() => _directory.Dispose();
}
