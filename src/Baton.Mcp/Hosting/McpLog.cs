using Microsoft.Extensions.Logging;

namespace Baton.Mcp.Hosting;

/// <summary>
/// What the MCP server writes to its log (stderr, since stdout belongs to the protocol), as source-generated
/// <see cref="LoggerMessageAttribute"/> methods: no formatting and no boxing when the level is off.
/// </summary>
internal static partial class McpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A tool call went ahead before the sign-on at start had been tried (it waited {Seconds} s)")]
    public static partial void ToolCallBeforeSignOn(ILogger logger, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Released abandoned work: {Locks} lock(s), {Items} queue item(s), {Tasks} task(s)")]
    public static partial void ReleasedAbandonedWork(ILogger logger, int locks, int items, int tasks);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Housekeeping sweep failed: {Reason}")]
    public static partial void SweepFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void StartWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Removing the sign-on at stop failed: {Reason}")]
    public static partial void SignOnRemovalFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Signed on as {Actor} ({Registry})")]
    public static partial void SignedOn(ILogger logger, string actor, string registry);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Signing on at start failed: {Reason}")]
    public static partial void SignOnFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Area} failed")]
    public static partial void CallFailed(ILogger logger, Exception exception, string area);
}
