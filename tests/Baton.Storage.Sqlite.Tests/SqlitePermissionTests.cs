using System.Runtime.Versioning;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Files under Baton's home are readable by the user alone (architecture invariant 7).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SqlitePermissionTests : IDisposable
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-permissions-");

    [Fact]
    public void A_new_store_in_a_new_folder_is_private_and_so_are_its_wal_and_shm_files()
    {
        var folder = _directory.Combine("home");
        var path = Path.Combine(folder, "baton.db");

        using var store = SqliteStore.Open(path);
        Write(store, "s");

        File.GetUnixFileMode(folder).ShouldBe(PrivateFolder);
        ShouldBePrivateFiles(path);
    }

    [Fact]
    public void The_wal_and_shm_files_stay_private_when_a_later_connection_creates_them_again()
    {
        var path = _directory.Combine("home", "baton.db");
        using (var first = SqliteStore.Open(path))
        {
            Write(first, "a");
        }

        using var second = SqliteStore.Open(path);
        using var third = SqliteStore.Open(path);
        Write(second, "b");
        Write(third, "c");

        ShouldBePrivateFiles(path);
    }

    [Fact]
    public void An_existing_store_file_readable_by_others_is_made_private_on_open()
    {
        var path = _directory.Combine("baton.db");
        SqliteStore.Open(path).Dispose();
        File.SetUnixFileMode(path, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var store = SqliteStore.Open(path);
        Write(store, "s");

        ShouldBePrivateFiles(path);
    }

    [Fact]
    public void A_store_in_a_fresh_baton_home_is_private()
    {
        var home = new BatonHome(_directory.Combine("fresh-home"));

        home.EnsureCreated();
        using var store = SqliteStore.Open(home.DatabasePath);
        Write(store, "s");

        File.GetUnixFileMode(home.Root).ShouldBe(PrivateFolder);
        ShouldBePrivateFiles(home.DatabasePath);
        BatonHome.IsPrivate(home.Root).ShouldBeTrue();
    }

    public void Dispose() => _directory.Dispose();

    private static void Write(SqliteStore store, string id) =>
        store.UpdateSession(id, _ => new SessionChange(new Session { SessionId = id }, "session.status", "human", null));

    private static void ShouldBePrivateFiles(string databasePath)
    {
        foreach (var file in SqliteStore.FilesOf(databasePath))
        {
            File.Exists(file).ShouldBeTrue($"{file} should exist while the store is open");
            File.GetUnixFileMode(file).ShouldBe(PrivateFile, file);
        }
    }
}
