using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// The real Claude Code CLI for tests: where it is, the environment that points it at a
/// scripted model server and a throwaway HOME, and a print-mode runner.
/// </summary>
public static class ClaudeCli
{
    /// <summary>Environment variable that overrides where the claude binary is.</summary>
    public const string PathVariable = "BATON_TEST_CLAUDE";

    /// <summary>The fake API key every test run uses.</summary>
    public const string FakeApiKey = "sk-ant-api03-baton-test-0000000000000000000000000000000000000000";

    /// <summary>
    /// The arguments that make claude ask before a tool call, as releases before 2.1.332 did by default: from 2.1.332 on
    /// claude starts in auto mode, which runs a call it judges low-risk without a prompt (see docs/claude-code.md).
    /// </summary>
    public static IReadOnlyList<string> AskingPermissionMode { get; } = ["--permission-mode", "default"];

    /// <summary>
    /// The variable that makes claude (2.1.332) defer MCP tools behind its ToolSearch tool (<c>true</c>) or load them up
    /// front (<c>false</c>); unset, claude decides by how much of the context the tools would take.
    /// </summary>
    public const string ToolSearchVariable = "ENABLE_TOOL_SEARCH";

    /// <summary>Absolute path of the claude binary; throws (so tests fail, not skip) when it is missing.</summary>
    public static string ExecutablePath
    {
        get
        {
            var configured = System.Environment.GetEnvironmentVariable(PathVariable);
            var path = string.IsNullOrEmpty(configured)
                ? Path.Combine(RepoPaths.Tools, "claude", "node_modules", ".bin", "claude")
                : configured;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The claude CLI was not found at {path}. Run ./test.sh from the repository root (it installs it into .tools/claude), " +
                    $"or set {PathVariable} to a claude binary.",
                    path);
            }

            return path;
        }
    }

    /// <summary>This process's <c>PATH</c> with <see cref="ExecutablePath"/>'s folder first, as a user who has claude has it:
    /// <c>baton hooks install</c> then asks that claude which wake route it supports.</summary>
    public static string SearchPath => Path.GetDirectoryName(ExecutablePath) + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

    /// <summary>The variables under which <c>baton hooks install</c> finds this claude on <c>PATH</c> (<see cref="SearchPath"/>).</summary>
    public static Dictionary<string, string?> OnPath => new() { ["PATH"] = SearchPath };

    /// <summary>The variables that point claude at <paramref name="modelBaseUrl"/> with <paramref name="home"/> as HOME, offline.</summary>
    public static IDictionary<string, string> Environment(string modelBaseUrl, string home)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(home);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ANTHROPIC_BASE_URL"] = modelBaseUrl.TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = FakeApiKey,
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["HOME"] = home,

            // Hooks never start a resident server by themselves here: a test that wants one starts it (and stops it, by
            // pid), so no server outlives its test, not even one a late hook of an ending claude would start.
            ["BATON_SERVE_AUTOSTART"] = "0",
        };
    }

    /// <summary>
    /// Writes <c>$HOME/.claude.json</c> so interactive claude starts at the prompt: onboarding done,
    /// <paramref name="apiKey"/> approved, and each of <paramref name="trustedProjectDirs"/> trusted.
    /// Keeps whatever else the file already holds.
    /// </summary>
    public static void PrepareHome(string home, string apiKey, params string[] trustedProjectDirs)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentNullException.ThrowIfNull(trustedProjectDirs);

        Directory.CreateDirectory(home);
        var file = Path.Combine(home, ".claude.json");
        var root = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? [] : [];
        root["hasCompletedOnboarding"] = true;
        root["customApiKeyResponses"] = new JsonObject
        {
            ["approved"] = new JsonArray(apiKey.Length > 20 ? apiKey[^20..] : apiKey),
            ["rejected"] = new JsonArray(),
        };
        var projects = root["projects"] as JsonObject ?? [];
        root["projects"] = projects;
        foreach (var dir in trustedProjectDirs)
        {
            var project = projects[Path.GetFullPath(dir)] as JsonObject ?? [];
            project["hasTrustDialogAccepted"] = true;
            projects[Path.GetFullPath(dir)] = project;
        }

        File.WriteAllText(file, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Runs <c>claude -p PROMPT --output-format json [extraArgs]</c> in <paramref name="cwd"/> with <paramref name="env"/>.</summary>
    public static Task<ProcessResult> RunPrintAsync(
        string prompt,
        string cwd,
        IDictionary<string, string> env,
        IEnumerable<string>? extraArgs = null,
        TimeSpan? timeout = null,
        Action<int>? started = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentException.ThrowIfNullOrEmpty(cwd);
        ArgumentNullException.ThrowIfNull(env);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in env)
        {
            environment[key] = value;
        }

        return ProcessRunner.RunAsync(
            ExecutablePath,
            ["-p", prompt, "--output-format", "json", .. extraArgs ?? []],
            new ProcessRunOptions
            {
                WorkingDirectory = cwd,
                Environment = environment,
                Timeout = timeout ?? TimeSpan.FromSeconds(90),
                Started = started,
            });
    }
}
