using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Coordination;

public sealed class StateCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";

    private readonly CoordinationCliHarness _cli = new();

    [Fact]
    public void Set_and_get_round_trip_a_json_value_with_its_version_and_writer()
    {
        _cli.CurrentSessionId = Alice;

        var set = _cli.Run("state", "set", "issue:42", "plan", """{"steps": ["a", "b"]}""", "--json");
        var got = _cli.Run("state", "get", "issue:42", "plan", "--json");
        var text = _cli.Run("state", "get", "issue:42", "plan");

        set.ExitCode.ShouldBe(0, set.Error);
        var entry = JsonNode.Parse(got.Output)!.AsObject();
        entry.Select(p => p.Key).ShouldBe(["scope", "key", "value", "version", "writer", "updated_at"]);
        entry["value"]!["steps"]![1]!.GetValue<string>().ShouldBe("b");
        entry["version"]!.GetValue<long>().ShouldBe(1);
        entry["writer"]!.GetValue<string>().ShouldBe(Alice);
        entry["updated_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        text.Output.ShouldContain("""{"steps": ["a", "b"]}""");
        text.Output.ShouldContain($"version 1, written by {Alice}");
    }

    [Fact]
    public void A_compare_and_set_on_a_stale_version_exits_1_naming_the_current_version_and_writer()
    {
        _cli.Run("state", "set", "issue:42", "count", "1").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Alice;
        _cli.Run("state", "set", "issue:42", "count", "2", "--expected-version", "1").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;

        var stale = _cli.Run("state", "set", "issue:42", "count", "99", "--expected-version", "1");

        stale.ExitCode.ShouldBe(1);
        stale.Error.TrimEnd().ShouldNotContain("\n");
        stale.Error.ShouldStartWith("baton: Version conflict");
        stale.Error.ShouldContain("version 2");
        stale.Error.ShouldContain(Alice);
        JsonNode.Parse(_cli.Run("state", "get", "issue:42", "count", "--json").Output)!["value"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public void A_bare_word_value_is_a_one_line_error_suggesting_quotes()
    {
        var result = _cli.Run("state", "set", "notes", "status", "hello");

        result.ExitCode.ShouldBe(2);
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.ShouldContain("""'"hello"'""");
        _cli.Run("state", "ls", "--json").Output.Trim().ShouldBe("[]");
    }

    [Fact]
    public void Malformed_json_and_invalid_names_are_one_line_errors_with_exit_2()
    {
        var malformed = _cli.Run("state", "set", "notes", "status", "{\"a\": ");
        var badScope = _cli.Run("state", "set", "has space", "k", "1");

        malformed.ExitCode.ShouldBe(2);
        malformed.Error.ShouldContain("not valid JSON");
        badScope.ExitCode.ShouldBe(2);
        badScope.Error.ShouldContain("is not a valid scope");
        badScope.Error.TrimEnd().ShouldNotContain("\n");
    }

    [Fact]
    public void Ls_lists_scopes_with_key_counts_filtered_by_a_glob_and_scopes_is_the_same_command()
    {
        _cli.Run("state", "set", "issue:1", "a", "1");
        _cli.Run("state", "set", "issue:1", "b", "2");
        _cli.Run("state", "set", "issue:2", "a", "\"x\"");
        _cli.Run("state", "set", "team", "lead", "\"alice\"");

        var issues = JsonNode.Parse(_cli.Run("state", "ls", "issue:*", "--json").Output)!.AsArray();
        var all = _cli.Run("state", "scopes");

        issues.Select(s => (s!["scope"]!.GetValue<string>(), s["keys"]!.GetValue<int>())).ShouldBe([("issue:1", 2), ("issue:2", 1)]);
        issues[0]!.AsObject().Select(p => p.Key).ShouldBe(["scope", "keys", "updated_at"]);
        all.Output.ShouldContain("team");
        all.Output.ShouldContain("issue:2");
    }

    [Fact]
    public void Get_of_a_scope_lists_its_keys_and_a_missing_key_or_scope_exits_1()
    {
        _cli.Run("state", "set", "issue:1", "a", "1");
        _cli.Run("state", "set", "issue:1", "b", "[1, 2]");

        var scope = JsonNode.Parse(_cli.Run("state", "get", "issue:1", "--json").Output)!.AsArray();
        var missingKey = _cli.Run("state", "get", "issue:1", "zzz", "--json");
        var missingScope = _cli.Run("state", "get", "issue:9");

        scope.Select(e => e!["key"]!.GetValue<string>()).ShouldBe(["a", "b"]);
        missingKey.ExitCode.ShouldBe(1);
        missingKey.Output.Trim().ShouldBe("null");
        missingKey.Error.ShouldContain("No key 'zzz' in scope 'issue:1'");
        missingScope.ExitCode.ShouldBe(1);
        missingScope.Error.ShouldContain("holds no keys");
    }

    [Fact]
    public void Rm_deletes_a_key_once_and_rm_scope_deletes_the_rest()
    {
        _cli.Run("state", "set", "issue:1", "a", "1");
        _cli.Run("state", "set", "issue:1", "b", "2");

        var stale = _cli.Run("state", "rm", "issue:1", "a", "--expected-version", "5");
        var removed = JsonNode.Parse(_cli.Run("state", "rm", "issue:1", "a", "--json").Output)!;
        var again = _cli.Run("state", "rm", "issue:1", "a");
        var scope = JsonNode.Parse(_cli.Run("state", "rm-scope", "issue:1", "--json").Output)!;
        var gone = _cli.Run("state", "rm-scope", "issue:1");

        stale.ExitCode.ShouldBe(1);
        stale.Error.ShouldContain("Version conflict");
        removed["deleted"]!.GetValue<bool>().ShouldBeTrue();
        again.ExitCode.ShouldBe(1);
        scope["deleted_keys"]!.GetValue<int>().ShouldBe(1);
        gone.ExitCode.ShouldBe(1);
    }

    public void Dispose() => _cli.Dispose();
}
