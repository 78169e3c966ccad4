using Baton.ClaudeCode.Versions;

namespace Baton.ClaudeCode.Tests.Versions;

public sealed class ClaudeCodeVersionTests
{
    [Theory]
    [InlineData("2.1.332 (Claude Code)\n", 2, 1, 332)]
    [InlineData("2.1.197", 2, 1, 197)]
    [InlineData(" 10.20.3 (Claude Code)", 10, 20, 3)]
    public void Reads_the_version_claude_prints(string text, int major, int minor, int patch)
    {
        ClaudeCodeVersion.TryParse(text, out var version).ShouldBeTrue();
        version.ShouldBe(new ClaudeCodeVersion(major, minor, patch));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Claude Code")]
    [InlineData("2.1")]
    [InlineData("2.1.x (Claude Code)")]
    [InlineData("-2.1.3")]
    public void Anything_else_is_no_version(string? text) => ClaudeCodeVersion.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("2.1.196", ClaudeCodeSupport.TooOld)]
    [InlineData("2.1.197", ClaudeCodeSupport.Tested)]
    [InlineData("2.1.250", ClaudeCodeSupport.Tested)]
    [InlineData("2.1.332", ClaudeCodeSupport.Tested)]
    [InlineData("2.1.333", ClaudeCodeSupport.NewerThanTested)]
    [InlineData("2.2.0", ClaudeCodeSupport.NewerThanTested)]
    [InlineData("1.9.999", ClaudeCodeSupport.TooOld)]
    public void Releases_are_ordered_by_number_not_text(string text, ClaudeCodeSupport support)
    {
        ClaudeCodeVersion.TryParse(text, out var version).ShouldBeTrue();
        version.Support.ShouldBe(support);
    }
}
