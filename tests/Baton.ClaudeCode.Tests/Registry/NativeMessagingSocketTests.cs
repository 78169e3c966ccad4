using Baton.ClaudeCode.Registry;
using Baton.Testing;

namespace Baton.ClaudeCode.Tests.Registry;

public sealed class NativeMessagingSocketTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_message_arrives_on_the_socket_as_one_user_line_for_the_session_with_the_text_escaped()
    {
        using var listener = new UnixLineListener(_directory.Combine("4525.sock"));
        const string text = "Baton message from a person (human):\n\"Rebase\" on main \u2014 then go on.";

        NativeMessagingSocket.Send(listener.Path, "s-1", text).ShouldBeNull();

        using var line = await listener.ReceiveLineAsync();
        line.RootElement.GetProperty("type").GetString().ShouldBe("user");
        line.RootElement.GetProperty("session_id").GetString().ShouldBe("s-1");
        line.RootElement.GetProperty("message").GetProperty("role").GetString().ShouldBe("user");
        line.RootElement.GetProperty("message").GetProperty("content").GetString().ShouldBe(text);
    }

    [Fact]
    public async Task A_rename_arrives_as_one_control_line_for_the_session()
    {
        using var listener = new UnixLineListener(_directory.Combine("4526.sock"));

        NativeMessagingSocket.Rename(listener.Path, "s-2", "api").ShouldBeNull();

        using var line = await listener.ReceiveLineAsync();
        line.RootElement.GetProperty("type").GetString().ShouldBe("control");
        line.RootElement.GetProperty("action").GetString().ShouldBe("rename");
        line.RootElement.GetProperty("session_id").GetString().ShouldBe("s-2");
        line.RootElement.GetProperty("name").GetString().ShouldBe("api");
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_a_reason_not_an_exception()
    {
        NativeMessagingSocket.Send(_directory.Combine("gone.sock"), "s-1", "hello").ShouldNotBeNullOrWhiteSpace();
        NativeMessagingSocket.Rename(_directory.Combine("gone.sock"), "s-1", "api").ShouldNotBeNullOrWhiteSpace();
    }
}
