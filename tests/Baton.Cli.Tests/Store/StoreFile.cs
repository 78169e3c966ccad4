using Microsoft.Data.Sqlite;

namespace Baton.Cli.Tests.Store;

/// <summary>A sandbox's store file seen from outside Baton, as another program or a failing disk would touch it: SQL run
/// with a plain SQLite connection, and bytes overwritten in place.</summary>
internal static class StoreFile
{
    /// <summary>Runs SQL on the file with a plain connection (no pooling, so the file is let go at once).</summary>
    /// <param name="path">The store file.</param>
    /// <param name="sql">Fixed SQL text from the test.</param>
    public static void Execute(string path, string sql)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }

    /// <summary>Copies every committed change into the file itself and empties its write-ahead log.</summary>
    /// <param name="path">The store file.</param>
    public static void Checkpoint(string path) => Execute(path, "PRAGMA wal_checkpoint(TRUNCATE)");

    /// <summary>Overwrites <paramref name="length"/> bytes of the file's middle, from a page boundary, with random bytes.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="length">How many bytes.</param>
    /// <returns>The offset written at.</returns>
    public static long WriteGarbageInTheMiddle(string path, int length)
    {
        const int page = 4096;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        var offset = file.Length / 2 / page * page;
        file.Position = offset;
        file.Write(Random.Shared.GetItems(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), length));
        return offset;
    }
}
