using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Storage.Postgres;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

public sealed class StoreCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TestSchema _schema = TestSchema.Create();

    public void Dispose()
    {
        _cli.Dispose();
        _schema.Dispose();
    }

    [Fact]
    public void Use_switches_to_the_team_store_keeping_the_password_out_of_sight_and_sqlite_switches_back()
    {
        var password = PostgresUrl.Parse(_schema.Url).Password!;

        var used = _cli.Run("store", "use", _schema.Url);
        var status = _cli.Run("store", "status", "--json");
        _cli.Record("5c0ffee0-1234-4abc-8def-0123456789ab", "SessionStart");
        var listed = _cli.Run("ls", "--json");
        var back = _cli.Run("store", "use", "sqlite");
        var local = _cli.Run("store", "status", "--json");

        used.ExitCode.ShouldBe(0, used.Error);
        used.Output.ShouldContain("Baton now uses the team store postgres://");
        used.Output.ShouldNotContain(password);
        var json = JsonNode.Parse(status.Output)!;
        ((string?)json["kind"]).ShouldBe("postgres");
        ((string?)json["source"]).ShouldBe(BatonSettings.FileName);
        ((bool?)json["reachable"]).ShouldBe(true);
        ((int?)json["schema_version"]).ShouldBe(Convert.ToInt32(_schema.Scalar("SELECT version FROM baton_schema"), System.Globalization.CultureInfo.InvariantCulture), "the version the migrations left");
        status.Output.ShouldNotContain(password);
        _schema.Scalar("SELECT count(*) FROM sessions").ShouldBe(1L, "the hook recorded the session in the team store");
        listed.Output.ShouldContain("5c0ffee0-1234-4abc-8def-0123456789ab");
        back.ExitCode.ShouldBe(0, back.Error);
        ((string?)JsonNode.Parse(local.Output)!["kind"]).ShouldBe("sqlite");
        File.ReadAllText(BatonSettings.PathIn(_cli.Home)).ShouldNotContain("store_");
    }

    [Fact]
    public void The_saved_url_has_no_password_which_waits_in_the_private_config_instead()
    {
        var password = PostgresUrl.Parse(_schema.Url).Password!;

        _cli.Run("store", "use", _schema.Url).ExitCode.ShouldBe(0);

        var settings = BatonSettings.Load(_cli.Home);
        settings.StoreUrl.ShouldNotBeNull();
        settings.StoreUrl.ShouldNotContain(password);
        settings.StorePassword.ShouldBe(password);
        BatonHome.IsPrivate(BatonSettings.PathIn(_cli.Home)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("postgres://ada@db.example.org/baton?sslmode=maybe", 2, "use one of disable, allow, prefer, require")]
    [InlineData("mongodb://db/baton", 2, "is neither sqlite nor a postgres:// URL")]
    public void A_malformed_store_is_refused_in_one_line_and_nothing_is_saved(string url, int exitCode, string says)
    {
        var refused = _cli.Run("store", "use", url);

        refused.ExitCode.ShouldBe(exitCode);
        refused.Error.ShouldContain(says);
        refused.Error.TrimEnd().ShouldNotContain("\n");
        BatonSettings.Load(_cli.Home).StoreUrl.ShouldBeNull();
    }

    [Fact]
    public void A_wrong_password_or_an_unknown_database_is_refused_in_one_line_with_exit_3_and_nothing_is_saved()
    {
        var wrong = _schema.Url.Replace(":" + PostgresUrl.Parse(_schema.Url).Password + "@", ":wrong-password@", StringComparison.Ordinal);
        var unknown = _schema.Url.Replace("/postgres?", "/no_such_db?", StringComparison.Ordinal);

        var refusedPassword = _cli.Run("store", "use", wrong);
        var refusedDatabase = _cli.Run("store", "use", unknown);

        refusedPassword.ExitCode.ShouldBe(3);
        refusedPassword.Error.ShouldContain("refused the password");
        refusedPassword.Error.ShouldNotContain("wrong-password");
        refusedPassword.Error.TrimEnd().ShouldNotContain("\n");
        refusedDatabase.ExitCode.ShouldBe(3);
        refusedDatabase.Error.ShouldContain("no such database; create it");
        BatonSettings.Load(_cli.Home).StoreUrl.ShouldBeNull();
    }

    [Fact]
    public async Task The_environment_variable_picks_the_team_store_for_one_process()
    {
        using var sandbox = BatonSandbox.Create();
        var baton = new BatonCli(sandbox);

        var status = await baton.RunAsync(["store", "status", "--json"], environment: new Dictionary<string, string?> { ["BATON_STORE_URL"] = _schema.Url });
        var bad = await baton.RunAsync(["ls"], environment: new Dictionary<string, string?> { ["BATON_STORE_URL"] = "postgres://ada@db/x?sslmode=never" });

        status.ExitCode.ShouldBe(0, status.StdErr);
        var json = JsonNode.Parse(status.StdOut)!;
        ((string?)json["source"]).ShouldBe("BATON_STORE_URL");
        ((bool?)json["reachable"]).ShouldBe(true);
        bad.ExitCode.ShouldBe(2);
        bad.StdErr.ShouldContain("set in BATON_STORE_URL");
    }
}
