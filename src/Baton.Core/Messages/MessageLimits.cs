using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Home;

namespace Baton.Core.Messages;

/// <summary>
/// The limits on messages, checked by <see cref="Messenger"/> before anything reaches the store (a
/// <see cref="UserErrorException"/> saying what is allowed; nothing stored), and the configurable inbox limit.
/// </summary>
public static class MessageLimits
{
    /// <summary>The largest body, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The most unread messages an inbox holds when not configured otherwise.</summary>
    public const int DefaultInboxLimit = 500;

    /// <summary>The key of the inbox limit in <c>$BATON_HOME/config.json</c>.</summary>
    public const string InboxLimitKey = "inbox_limit";

    /// <summary>The environment variable that overrides the inbox limit.</summary>
    public const string InboxLimitVariable = "BATON_INBOX_LIMIT";

    /// <summary>The most messages one inbox listing or one delivery take returns.</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Checks a body: not null, not blank, at most <see cref="MaxBodyBytes"/> UTF-8 bytes, no NUL character.</summary>
    /// <param name="body">The body.</param>
    /// <exception cref="UserErrorException">It is not allowed, with what is.</exception>
    public static void Body(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new UserErrorException($"The message is empty; give 1 character to {MaxBodyBytes / 1024} KiB of text.");
        }

        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes)
        {
            throw new UserErrorException($"The message is {bytes} bytes; at most {MaxBodyBytes} bytes ({MaxBodyBytes / 1024} KiB) are allowed.");
        }

        if (body.Contains('\0', StringComparison.Ordinal))
        {
            throw new UserErrorException("The message contains a NUL character; send plain text.");
        }
    }

    /// <summary>
    /// The inbox limit in force: <see cref="InboxLimitVariable"/> when set, else <see cref="InboxLimitKey"/> in the home's
    /// <c>config.json</c>, else <see cref="DefaultInboxLimit"/>. An unusable value (not a whole number from 1 to 1,000,000)
    /// falls back to the default, so a bad setting never stops messages.
    /// </summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="variable">Reads an environment variable (null when unset); null for this process's environment.</param>
    /// <returns>The limit.</returns>
    public static int InboxLimit(BatonHome home, Func<string, string?>? variable = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        variable ??= Environment.GetEnvironmentVariable;
        if (variable(InboxLimitVariable) is { Length: > 0 } text)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Usable(n) ? n : DefaultInboxLimit;
        }

        try
        {
            var path = BatonSettings.PathIn(home);
            if (File.Exists(path)
                && JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) is JsonObject o
                && o[InboxLimitKey] is JsonValue v && v.TryGetValue<int>(out var configured) && Usable(configured))
            {
                return configured;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            // A broken settings file is reported by the commands that own it; messages go on with the default.
        }

        return DefaultInboxLimit;
    }

    private static bool Usable(int n) => n is >= 1 and <= 1_000_000;
}
