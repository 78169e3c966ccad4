using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

/// <summary>Settings texts and helpers shared by the settings tests.</summary>
internal static class SettingsSamples
{
    public static readonly HookCommand NativeBaton = new("/opt/baton/bin/baton");

    public static readonly HookCommand MovedBaton = new("/home/someone/.local/bin/baton");

    public static readonly HookCommand DotnetBaton = HookCommand.ForProcess("/usr/share/dotnet/dotnet", "/opt/baton/lib/baton.dll");

    /// <summary>A user file with unrelated keys around "hooks" and other tools' hooks on Baton's events (4-space indented).</summary>
    public const string RealisticUserSettings = """
        {
            "$schema": "https://json.schemastore.org/claude-code-settings.json",
            "model": "opus",
            "permissions": {
                "allow": ["Bash(npm run lint)", "Bash(git diff:*)", "Read(~/.zshrc)"],
                "deny": ["Read(./.env)", "Bash(curl:*)"],
                "defaultMode": "acceptEdits"
            },
            "env": {
                "FOO": "bar <&> é",
                "CLAUDE_CODE_ENABLE_TELEMETRY": "0"
            },
            "hooks": {
                "SessionStart": [
                    {
                        "hooks": [
                            { "type": "command", "command": "~/bin/greet.sh" },
                            { "type": "command", "command": "/usr/local/bin/direnv-export", "timeout": 5 }
                        ]
                    }
                ],
                "PreToolUse": [
                    {
                        "matcher": "Bash",
                        "hooks": [
                            { "type": "command", "command": "$CLAUDE_PROJECT_DIR/.claude/hooks/lint.sh", "timeout": 30 }
                        ]
                    }
                ],
                "Stop": [
                    {
                        "hooks": [
                            { "type": "command", "command": "notify-send 'Claude finished'" },
                            { "type": "command", "command": "/opt/other/tool", "args": ["hook", "Stop"] }
                        ]
                    }
                ],
                "PreCompact": [
                    { "hooks": [ { "type": "http", "url": "http://127.0.0.1:9000/compact" } ] }
                ]
            },
            "statusLine": {
                "type": "command",
                "command": "~/.claude/statusline.sh",
                "padding": 0
            },
            "includeCoAuthoredBy": false,
            "cleanupPeriodDays": 30.0
        }
        """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The Baton hook objects under hooks.&lt;eventName&gt; whose option after the event is <paramref name="option"/> (null: none).</summary>
    public static List<JsonObject> BatonHooksOn(JsonObject settings, string eventName, string? option = null) =>
        settings["hooks"]?[eventName] is not JsonArray groups
            ? []
            : groups
                .SelectMany(g => g!["hooks"]!.AsArray())
                .Where(h => BatonHookEntry.TryRead(h, out _, out _, out var found) && found == option)
                .Select(h => h!.AsObject())
                .ToList();

    /// <summary>The Baton hook objects of one registration: on its event, with its option, in a group with its matcher.</summary>
    public static List<JsonObject> BatonHooksFor(JsonObject settings, HookRegistration registration) =>
        settings["hooks"]?[registration.EventName] is not JsonArray groups
            ? []
            : groups
                .Where(g => (g!["matcher"]?.GetValue<string>()) == registration.Matcher)
                .SelectMany(g => g!["hooks"]!.AsArray())
                .Where(h => BatonHookEntry.TryRead(h, out _, out _, out var found) && found == registration.Option)
                .Select(h => h!.AsObject())
                .ToList();

    /// <summary>Every object key in document order, with its path, so key order can be compared.</summary>
    public static List<string> KeyPaths(JsonNode? node, string path = "$")
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    paths.Add($"{path}.{key}");
                    paths.AddRange(KeyPaths(value, $"{path}.{key}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    paths.AddRange(KeyPaths(array[i], $"{path}[{i}]"));
                }

                break;
        }

        return paths;
    }
}
