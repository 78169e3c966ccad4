namespace Baton.ClaudeCode.Tests.Settings;

/// <summary>A clock that says what it is told.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
