using Baton.Core.Messages;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Messages;

/// <summary>The text the hooks hand an agent stays within what Claude Code keeps inline, whatever the messages.</summary>
public sealed class MessageDeliveryTextTests : IDisposable
{
    private const string Sender = "5e4d0000-0000-4000-8000-000000000001";

    private readonly MessagesCliHarness _cli = new();

    public MessageDeliveryTextTests() => _cli.Session(Sender, new string('n', 64));

    [Theory]
    [InlineData(1, 9_000, false)]
    [InlineData(1, 65_536, true)]
    [InlineData(20, 300, false)]
    [InlineData(20, 1_000, true)]
    [InlineData(3, 4_000, true)]
    public void The_text_holds_every_message_within_the_limit_cutting_only_when_they_do_not_fit(int count, int bodyLength, bool cut)
    {
        var messages = Enumerable.Range(1, count).Select(i => Message(i, $"m{i}:" + new string('x', bodyLength - 3 - i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length))).ToList();
        using var store = SqliteStore.Open(_cli.Home.DatabasePath);

        var text = MessageDeliveryText.Format(messages, store);

        text.Length.ShouldBeLessThanOrEqualTo(MessageDeliveryText.MaxLength);
        messages.ShouldAllBe(m => text.Contains($"[message #{m.Id} ", StringComparison.Ordinal) && text.Contains($"m{m.Id}:", StringComparison.Ordinal));
        text.Contains("… cut: the message has", StringComparison.Ordinal).ShouldBe(cut);
        text.ShouldEndWith($"reply(message_id: {count}, body: \"your answer\").");
    }

    [Fact]
    public void More_messages_than_one_delivery_holds_are_refused()
    {
        using var store = SqliteStore.Open(_cli.Home.DatabasePath);

        Should.Throw<ArgumentException>(() => MessageDeliveryText.Format([.. Enumerable.Range(1, MessageDeliveryText.MaxMessages + 1).Select(i => Message(i, "hi"))], store));
        Should.Throw<ArgumentException>(() => MessageDeliveryText.Format([], store));
    }

    public void Dispose() => _cli.Dispose();

    private static Message Message(long id, string body) => new()
    {
        Id = id,
        ThreadId = id,
        Sender = Sender,
        Body = body,
        Urgent = true,
        CreatedAt = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        Recipients = [],
    };
}
