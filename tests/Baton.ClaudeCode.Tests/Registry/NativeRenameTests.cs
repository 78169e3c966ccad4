using System.Text.Json.Nodes;
using Baton.ClaudeCode.Registry;
using Baton.Core.Sessions;
using Baton.Testing;

namespace Baton.ClaudeCode.Tests.Registry;

public sealed class NativeRenameTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_running_claude_under_another_name_is_asked_through_its_socket()
    {
        using var listener = new UnixLineListener(_directory.Combine("4525.sock"));
        WriteEntry(4525, "s-1", "shop-0e", listener.Path);

        NativeRename.Apply(_directory.Path, Named("s-1", "api")).ShouldBeNull();

        using var line = await listener.ReceiveLineAsync();
        line.RootElement.GetProperty("action").GetString().ShouldBe("rename");
        line.RootElement.GetProperty("name").GetString().ShouldBe("api");
        line.RootElement.GetProperty("session_id").GetString().ShouldBe("s-1");
    }

    [Fact]
    public void A_claude_that_has_the_name_or_does_not_run_is_left_alone()
    {
        WriteEntry(4525, "s-1", "api", _directory.Combine("nobody-listens.sock"));

        NativeRename.Apply(_directory.Path, Named("s-1", "api")).ShouldBeNull();
        NativeRename.Apply(_directory.Path, Named("s-other", "api")).ShouldBeNull();
        NativeRename.Apply(_directory.Combine("no-such-folder"), Named("s-1", "web")).ShouldBeNull();
    }

    [Fact]
    public void An_ended_or_unnamed_session_is_not_told_to_claude()
    {
        WriteEntry(4525, "s-1", "shop-0e", socket: null);

        NativeRename.Apply(_directory.Path, Named("s-1", "api") with { EndedAt = DateTimeOffset.UtcNow }).ShouldBeNull();
        NativeRename.Apply(_directory.Path, new Session { SessionId = "s-1" }).ShouldBeNull();
        NativeRename.Apply(_directory.Path, Named("s-1", "api")).ShouldNotBeNull("the same session, live and named, is told why not");
    }

    [Fact]
    public void A_claude_without_a_socket_or_not_listening_keeps_its_name_and_says_why()
    {
        WriteEntry(4525, "s-1", "shop-0e", socket: null);
        WriteEntry(4526, "s-2", "shop-1f", _directory.Combine("nobody-listens.sock"));

        NativeRename.Apply(_directory.Path, Named("s-1", "api")).ShouldBe("its claude (pid 4525) has no messaging socket to be told through");
        NativeRename.Apply(_directory.Path, Named("s-2", "api")).ShouldStartWith("its claude (pid 4526) could not be told (");
    }

    [Fact]
    public void A_claude_in_print_mode_is_not_asked()
    {
        WriteEntry(4527, "s-3", "shop-2a", _directory.Combine("nobody-listens.sock"), kind: "print");

        NativeRename.Apply(_directory.Path, Named("s-3", "api")).ShouldBe("its claude (pid 4527) runs as 'print', which takes no rename");
    }

    private static Session Named(string sessionId, string name) => new() { SessionId = sessionId, Name = name };

    private void WriteEntry(int pid, string sessionId, string name, string? socket, string kind = "interactive")
    {
        var entry = new JsonObject { ["pid"] = pid, ["sessionId"] = sessionId, ["name"] = name, ["status"] = "idle", ["kind"] = kind };
        if (socket is not null)
        {
            entry["messagingSocketPath"] = socket;
        }

        File.WriteAllText(_directory.Combine($"{pid}.json"), entry.ToJsonString());
    }
}
