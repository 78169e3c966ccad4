using Baton.Storage.Sqlite;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>Writes what Baton recorded (its log and journal) to a test's output, so a failure in CI can be read.</summary>
internal static class BatonDiagnostics
{
    public static void Write(ITestOutputHelper output, string batonHome)
    {
        var log = Path.Combine(batonHome, "logs", "baton.log");
        output.WriteLine(File.Exists(log) ? "baton.log:\n" + File.ReadAllText(log) : "baton.log: (none)");
        var database = Path.Combine(batonHome, "baton.db");
        if (!File.Exists(database))
        {
            return;
        }

        using var store = SqliteStore.Open(database);
        foreach (var entry in store.ReadJournal(0, 10_000))
        {
            output.WriteLine($"journal {entry.Sequence} {entry.At:HH:mm:ss.fff} {entry.Type} {entry.Subject} {entry.Actor} {entry.Data}");
        }
    }
}
