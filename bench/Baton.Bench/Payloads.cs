using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Bench;

/// <summary>Hook input JSON as Claude Code sends it (shared/docs/claude-code.md, "Hooks").</summary>
internal static class Payloads
{
    /// <summary>A PostToolUse for a Bash tool use whose <c>tool_response.stdout</c> is about 8 KB of <c>git log --stat</c> output.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cwd">The session's working directory.</param>
    /// <param name="home">The HOME under which the transcript would live.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] PostToolUseBash(string sessionId, string cwd, string home)
    {
        var slug = cwd.Replace('/', '-');
        var input = new JsonObject
        {
            ["session_id"] = sessionId,
            ["transcript_path"] = Path.Combine(home, ".claude", "projects", slug, sessionId + ".jsonl"),
            ["cwd"] = cwd,
            ["permission_mode"] = "default",
            ["prompt_id"] = "5f0c7a52-3c8e-4b7a-9d11-2b6f4f1e9a30",
            ["hook_event_name"] = "PostToolUse",
            ["tool_name"] = "Bash",
            ["tool_input"] = new JsonObject
            {
                ["command"] = "git log --stat -n 40",
                ["description"] = "Show the recent commits with the files they changed",
            },
            ["tool_response"] = new JsonObject
            {
                ["stdout"] = GitLogText(8 * 1024),
                ["stderr"] = "",
                ["interrupted"] = false,
                ["isImage"] = false,
            },
            ["tool_use_id"] = "toolu_01QmT8bX4kZ7wVh3nR2pLc9e",
            ["duration_ms"] = 412,
        };
        return Encoding.UTF8.GetBytes(input.ToJsonString());
    }

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
