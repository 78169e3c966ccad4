using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Messages;

/// <summary>Unread message counts per session in <c>baton watch</c> (the MSG column) and <c>baton ls --json</c>.</summary>
public sealed class UnreadCountCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";
    private const string Carol = "cccc3333-0000-4000-8000-000000000003";

    private readonly MessagesCliHarness _cli = new();

    public UnreadCountCommandTests()
    {
        _cli.Session(Alice, "alice");
        _cli.Session(Bob, "bob");
        _cli.Session(Carol, "carol", project: "blog");
    }

    [Fact]
    public void Watch_once_counts_unread_messages_on_the_recipients_row_until_its_inbox_reads_them()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("send", "bob", "one").ExitCode.ShouldBe(0);
        _cli.Run("send", "bob", "two").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;
        _cli.Run("send", "carol", "three").ExitCode.ShouldBe(0);

        var before = UnreadInWatch();
        _cli.CurrentSessionId = Bob;
        _cli.Run("inbox").ExitCode.ShouldBe(0);
        var after = UnreadInWatch();

        before.ShouldBe(new Dictionary<string, string> { ["aaaa1111"] = "", ["bbbb2222"] = "2", ["cccc3333"] = "1" }, ignoreOrder: true);
        after.ShouldBe(new Dictionary<string, string> { ["aaaa1111"] = "", ["bbbb2222"] = "", ["cccc3333"] = "1" }, ignoreOrder: true);
    }

    [Fact]
    public void Ls_json_gives_every_session_its_unread_count_and_zero_once_read()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("send", "bob", "one").ExitCode.ShouldBe(0);
        _cli.Run("broadcast", "two").ExitCode.ShouldBe(0);

        var before = UnreadInLs();
        _cli.CurrentSessionId = Carol;
        _cli.Run("inbox").ExitCode.ShouldBe(0);
        var after = UnreadInLs();

        before.ShouldBe(new Dictionary<string, int> { [Alice] = 0, [Bob] = 2, [Carol] = 1 }, ignoreOrder: true);
        after.ShouldBe(new Dictionary<string, int> { [Alice] = 0, [Bob] = 2, [Carol] = 0 }, ignoreOrder: true);
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>The MSG cell of each row of <c>baton watch --once</c>, by short id.</summary>
    private Dictionary<string, string> UnreadInWatch()
    {
        var result = _cli.Run("watch", "--once");
        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        lines.ShouldAllBe(l => l.Length <= 80);
        var msg = lines[1].IndexOf(" MSG ", StringComparison.Ordinal) + 1;
        msg.ShouldBeGreaterThan(0, lines[1]);
        return lines[2..].ToDictionary(l => l[3..11], l => l.PadRight(msg + 3)[msg..(msg + 3)].Trim());
    }

    private Dictionary<string, int> UnreadInLs() =>
        JsonNode.Parse(_cli.Run("ls", "--json").Output)!.AsArray()
            .ToDictionary(s => s!["session_id"]!.GetValue<string>(), s => s!["unread"]!.GetValue<int>());
}
