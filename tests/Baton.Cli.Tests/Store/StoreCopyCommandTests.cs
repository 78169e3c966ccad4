using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

public sealed class StoreCopyCommandTests : IDisposable
{
    private const string Ada = "5c0ffee0-1234-4abc-8def-0123456789ab";

    private readonly CliHarness _cli = new();
    private readonly TestSchema _schema = TestSchema.Create();

    public void Dispose()
    {
        _cli.Dispose();
        _schema.Dispose();
    }

    [Fact]
    public void Copy_moves_the_local_store_into_a_real_postgres_once_and_a_second_run_copies_nothing()
    {
        _cli.Record(new HookObservation
        {
            SessionId = Ada,
            EventName = HookEvents.SessionStart,
            Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HookEvents.SessionStart),
            Cwd = _cli.WorkingDirectory,
            Process = ProcessTable.Identify(Environment.ProcessId),
            At = DateTimeOffset.UtcNow,
        });
        _cli.Run("state", "set", "plan", "step", "1").ExitCode.ShouldBe(0);
        _cli.Run("send", Ada, "remember the tests").ExitCode.ShouldBe(0);

        var first = _cli.Run("store", "copy", "--to", _schema.Url, "--json");
        var second = _cli.Run("store", "copy", "--to", _schema.Url);
        var again = _cli.Run("store", "copy", "--to", _schema.Url, "--json");

        first.ExitCode.ShouldBe(0, first.Error);
        var copied = JsonNode.Parse(first.Output)!["copied"]!;
        ((int?)copied["sessions"]).ShouldBe(1);
        ((int?)copied["state"]).ShouldBe(1);
        ((int?)copied["messages"]).ShouldBe(1);
        ((int?)copied["journal"]).ShouldBe(3, "the session's start, the set and the send");
        first.Output.ShouldNotContain(PostgresPassword);
        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldStartWith("Nothing new to copy");
        JsonNode.Parse(again.Output)!["copied"]!.AsObject().Select(kind => (int)kind.Value!).ShouldAllBe(n => n == 0);
        _schema.Scalar("SELECT count(*) FROM sessions").ShouldBe(1L);
        _schema.Scalar("SELECT os_user || '@' || host FROM sessions").ShouldBe(ThisProcess.UserName + "@" + ThisProcess.HostName);
        _schema.Scalar("SELECT count(*) FROM journal WHERE type = 'store.copied' AND origin = @origin", ("@origin", ThisProcess.Origin)).ShouldBe(1L);

        _cli.Run("store", "use", _schema.Url).ExitCode.ShouldBe(0);
        var listed = JsonNode.Parse(_cli.Run("ls", "--json").Output)!.AsArray().ShouldHaveSingleItem()!;
        ((string?)listed["user"]).ShouldBe(ThisProcess.UserName);
        ((string?)listed["host"]).ShouldBe(ThisProcess.HostName);
    }

    [Theory]
    [InlineData("mongodb://db/baton", 2, "neither a postgres:// URL nor a SQLite file")]
    [InlineData("postgres://ada@db.example.org/baton?sslmode=maybe", 2, "use one of disable, allow, prefer, require")]
    [InlineData("postgres://baton@127.0.0.1:1/baton?connect_timeout=5", 3, "127.0.0.1")]
    public void A_bad_or_unreachable_target_is_refused_in_one_line(string url, int exitCode, string says)
    {
        var refused = _cli.Run("store", "copy", "--to", url);

        refused.ExitCode.ShouldBe(exitCode, refused.Error);
        refused.Error.ShouldContain(says);
        refused.Error.TrimEnd().ShouldNotContain("\n");
    }

    [Fact]
    public void Copy_into_another_sqlite_file_reports_per_kind()
    {
        _cli.Run("state", "set", "plan", "step", "1").ExitCode.ShouldBe(0);
        var file = Path.Combine(_cli.UserHome, "team", "baton.db");

        var copied = _cli.Run("store", "copy", "--to", "sqlite:" + file);

        copied.ExitCode.ShouldBe(0, copied.Error);
        copied.Output.ShouldContain("Copied 2 rows from sqlite:");
        copied.Output.ShouldContain("state");
        File.Exists(file).ShouldBeTrue();
    }

    private string PostgresPassword => Baton.Storage.Postgres.PostgresUrl.Parse(_schema.Url).Password!;
}
