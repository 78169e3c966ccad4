using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Bench;

/// <summary>Hook input JSON as Claude Code sends it (docs/claude-code.md, "Hooks").</summary>
internal static class Payloads
{
    /// <summary>A PostToolUse for a Bash tool use whose <c>tool_response.stdout</c> is about 8 KB of <c>git log --stat</c> output.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cwd">The session's working directory.</param>
    /// <param name="home">The HOME under which the transcript would live.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] PostToolUseBash(string sessionId, string cwd, string home)
    {
        var input = Common("PostToolUse", sessionId, cwd, home);
        input["tool_name"] = "Bash";
        input["tool_input"] = new JsonObject
        {
            ["command"] = "git log --stat -n 40",
            ["description"] = "Show the recent commits with the files they changed",
        };
        input["tool_response"] = new JsonObject
        {
            ["stdout"] = GitLogText(8 * 1024),
            ["stderr"] = "",
            ["interrupted"] = false,
            ["isImage"] = false,
        };
        input["tool_use_id"] = "toolu_01QmT8bX4kZ7wVh3nR2pLc9e";
        input["duration_ms"] = 412;
        return Encoding.UTF8.GetBytes(input.ToJsonString());
    }

    /// <summary>A PostToolUse for a Read of a small file of the project (a tool after which the hook asks git nothing).</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cwd">The session's working directory.</param>
    /// <param name="home">The HOME under which the transcript would live.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] PostToolUseRead(string sessionId, string cwd, string home)
    {
        var file = Path.Combine(cwd, "README.md");
        const string Content = "# webshop\n\nA fixture repository for the Baton bench.\n";
        var input = Common("PostToolUse", sessionId, cwd, home);
        input["tool_name"] = "Read";
        input["tool_input"] = new JsonObject { ["file_path"] = file };
        input["tool_response"] = new JsonObject
        {
            ["type"] = "text",
            ["file"] = new JsonObject { ["filePath"] = file, ["content"] = Content, ["numLines"] = 3, ["startLine"] = 1, ["totalLines"] = 3 },
        };
        input["tool_use_id"] = "toolu_01Rd7pVq2nX5mKc8wLs4hT3e";
        input["duration_ms"] = 3;
        return Encoding.UTF8.GetBytes(input.ToJsonString());
    }

    /// <summary>A small payload for an event that changes a session's status: SessionStart (<c>startup</c>),
    /// PermissionRequest (a Bash command), UserPromptSubmit (a prompt) or Stop.</summary>
    /// <param name="eventName">SessionStart, PermissionRequest, UserPromptSubmit or Stop.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="cwd">The session's working directory.</param>
    /// <param name="home">The HOME under which the transcript would live.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] StatusEvent(string eventName, string sessionId, string cwd, string home)
    {
        var input = Common(eventName, sessionId, cwd, home);
        switch (eventName)
        {
            case "SessionStart":
                input["source"] = "startup";
                input["model"] = "claude-sonnet-4-5";
                break;
            case "PermissionRequest":
                input["tool_name"] = "Bash";
                input["tool_input"] = new JsonObject { ["command"] = "npm install --save-dev vitest", ["description"] = "Install the test runner" };
                input["permission_suggestions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "addRules",
                    ["rules"] = new JsonArray(new JsonObject { ["toolName"] = "Bash", ["ruleContent"] = "npm install:*" }),
                    ["behavior"] = "allow",
                    ["destination"] = "localSettings",
                });
                break;
            case "UserPromptSubmit":
                input["prompt"] = "Run the tests again and fix whatever still fails in the cart module.";
                break;
            case "Stop":
                input["stop_hook_active"] = false;
                input["last_assistant_message"] = "All 214 tests pass now. The coupon was applied twice because the cart total was recomputed after the discount.";
                break;
            default:
                throw new ArgumentException($"No payload for {eventName}.", nameof(eventName));
        }

        return Encoding.UTF8.GetBytes(input.ToJsonString());
    }

    /// <summary>The fields every event carries.</summary>
    private static JsonObject Common(string eventName, string sessionId, string cwd, string home) => new()
    {
        ["session_id"] = sessionId,
        ["transcript_path"] = Path.Combine(home, ".claude", "projects", cwd.Replace('/', '-'), sessionId + ".jsonl"),
        ["cwd"] = cwd,
        ["permission_mode"] = "default",
        ["prompt_id"] = "5f0c7a52-3c8e-4b7a-9d11-2b6f4f1e9a30",
        ["hook_event_name"] = eventName,
    };

    private static string GitLogText(int atLeast)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < atLeast; i++)
        {
            var at = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero).AddHours(-7 * i);
            text.Append(CultureInfo.InvariantCulture, $"commit {i * 7919:x8}{i * 104729:x8}{i * 15485863:x8}{i:x8}{i * 31:x8}\n")
                .Append("Author: Dev Person <dev@example.com>\n")
                .Append(CultureInfo.InvariantCulture, $"Date:   {at:ddd MMM d HH:mm:ss yyyy} +0000\n\n")
                .Append(CultureInfo.InvariantCulture, $"    Fix the cart total when a coupon is applied twice (#{1200 + i})\n\n")
                .Append(CultureInfo.InvariantCulture, $" src/module{i % 4}/file{i % 40}.py   | {3 + (i % 17)} ++-\n")
                .Append(CultureInfo.InvariantCulture, $" tests/module{i % 4}/file{(i + 8) % 40}.py | {5 + (i % 11)} +++++\n")
                .Append(CultureInfo.InvariantCulture, $" 2 files changed, {8 + (i % 20)} insertions(+), {1 + (i % 3)} deletion(-)\n\n");
        }

        return text.ToString();
    }
}
