using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class SessionIdFormatTests
{
    [Theory]
    [InlineData("5e55f00d-1234-4000-8000-000000000001")]
    [InlineData("x")]
    public void A_uuid_or_short_id_is_accepted(string id) => Should.NotThrow(() => SessionIdFormat.Check(id));

    [Fact]
    public void An_id_of_exactly_the_limit_is_accepted_and_one_longer_is_refused_without_echoing_it()
    {
        Should.NotThrow(() => SessionIdFormat.Check(new string('a', SessionIdFormat.MaxLength)));

        var refused = Should.Throw<FormatException>(() => SessionIdFormat.Check(new string('a', SessionIdFormat.MaxLength + 1)));

        refused.Message.ShouldContain("201 characters");
        refused.Message.ShouldNotContain("aaaa");
    }

    [Theory]
    [InlineData("abc\0def", "U+0000")]
    [InlineData("abc\u001b]52;c;eA==\u0007", "U+001B")]
    [InlineData("abc\rdef", "U+000D")]
    [InlineData("abc\u009b2J", "U+009B")]
    [InlineData("abc\u007f", "U+007F")]
    public void An_id_with_a_control_character_is_refused_naming_it(string id, string named) =>
        Should.Throw<FormatException>(() => SessionIdFormat.Check(id)).Message.ShouldContain(named);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_id_is_refused(string? id) => Should.Throw<FormatException>(() => SessionIdFormat.Check(id));
}
