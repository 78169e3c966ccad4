using System.Net.Sockets;
using System.Text.Json;
using Baton.ClaudeCode.Registry;
using Baton.Testing;

namespace Baton.ClaudeCode.Tests.Registry;

public sealed class NativeMessagingSocketTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_message_arrives_on_the_socket_as_one_user_line_with_the_text_escaped()
    {
        var path = _directory.Combine("4525.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var accepted = listener.AcceptAsync();
        const string text = "Baton message from a person (human):\n\"Rebase\" on main \u2014 then go on.";

        NativeMessagingSocket.Send(path, text).ShouldBeNull();

        using var peer = await accepted;
        await using var stream = new NetworkStream(peer);
        using var reader = new StreamReader(stream);
        var received = await reader.ReadToEndAsync();
        received.ShouldEndWith("\n");
        received.TrimEnd('\n').ShouldNotContain("\n", customMessage: "one line");
        using var line = JsonDocument.Parse(received);
        line.RootElement.GetProperty("type").GetString().ShouldBe("user");
        line.RootElement.GetProperty("message").GetProperty("role").GetString().ShouldBe("user");
        line.RootElement.GetProperty("message").GetProperty("content").GetString().ShouldBe(text);
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_a_reason_not_an_exception()
    {
        NativeMessagingSocket.Send(_directory.Combine("gone.sock"), "hello").ShouldNotBeNullOrWhiteSpace();
    }
}
