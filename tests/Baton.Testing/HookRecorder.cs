using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// A tiny shell-script hook for observing the real claude CLI. Installed as exec-form command
/// hooks (<c>{"type":"command","command":script,"args":[event,label]}</c>), each run leaves one
/// file recording its start time, pid, parent pid, arguments, session id environment variable and
/// stdin JSON, which <see cref="Records"/> reads back in start order.
/// </summary>
public sealed class HookRecorder
{
    private readonly string _logDirectory;

    private HookRecorder(string directory)
    {
        _logDirectory = Directory.CreateDirectory(Path.Combine(directory, "hook-log")).FullName;
        ScriptPath = Path.Combine(directory, "record-hook.sh");
        var log = "'" + _logDirectory.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        File.WriteAllText(ScriptPath, $$"""
            #!/bin/sh
            # Records one hook run: $1 = event name, $2 = label (both from the hook's args).
            start=$(date +%s%N)
            spawned=$(cut -d' ' -f22 /proc/$$/stat)
            input=$(cat | tr -d '\n')
            tmp={{log}}/.tmp.$$
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$start" "$spawned" "$$" "$PPID" "$1" "$2" "${CLAUDE_CODE_SESSION_ID:-}" "$input" > "$tmp"
            mv "$tmp" {{log}}/"$start.$$.hook"

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The hook recorder is a POSIX shell script.");
        }

        File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>Absolute path of the recording script.</summary>
    public string ScriptPath { get; }

    /// <summary>Writes the script (and its log folder) into <paramref name="directory"/>.</summary>
    public static HookRecorder Create(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return new HookRecorder(directory);
    }

    /// <summary>An exec-form command hook that records <paramref name="eventName"/> with <paramref name="label"/>.</summary>
    public JsonObject Hook(string eventName, string label, bool async = true) => new()
    {
        ["type"] = "command",
        ["command"] = ScriptPath,
        ["args"] = new JsonArray(eventName, label),
        ["async"] = async,
    };

    /// <summary>
    /// Writes <c>$HOME/.claude/settings.json</c> with one recording hook per binding; the label is
    /// the matcher, or <c>none</c> when the binding has no matcher.
    /// </summary>
    public void InstallUserSettings(string home, bool async, params (string EventName, string? Matcher)[] bindings)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        var hooks = new JsonObject();
        foreach (var (eventName, matcher) in bindings)
        {
            var group = new JsonObject();
            if (matcher is not null)
            {
                group["matcher"] = matcher;
            }

            group["hooks"] = new JsonArray(Hook(eventName, matcher ?? "none", async));
            if (hooks[eventName] is not JsonArray groups)
            {
                groups = [];
                hooks[eventName] = groups;
            }

            groups.Add(group);
        }

        var directory = Directory.CreateDirectory(Path.Combine(home, ".claude")).FullName;
        File.WriteAllText(
            Path.Combine(directory, "settings.json"),
            new JsonObject { ["hooks"] = hooks }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Every completed hook run so far, in start order.</summary>
    public IReadOnlyList<HookRecord> Records() =>
        [.. Directory.GetFiles(_logDirectory, "*.hook").Select(Parse).OfType<HookRecord>().OrderBy(r => r.SpawnTicks).ThenBy(r => r.Pid)];

    /// <summary>Waits until a completed hook run satisfies <paramref name="predicate"/> and returns it.</summary>
    public async Task<HookRecord> WaitForAsync(Func<HookRecord, bool> predicate, TimeSpan timeout, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        HookRecord? found = null;
        try
        {
            await Eventually.Until(() => (found = Records().FirstOrDefault(predicate)) is not null, timeout, description).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nHook runs so far:\n{string.Join('\n', Records())}", e);
        }

        return found!;
    }

    private static HookRecord? Parse(string file)
    {
        var parts = File.ReadAllText(file).TrimEnd('\n').Split('\t', 8);
        if (parts.Length != 8 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var nanoseconds))
        {
            return null;
        }

        return new HookRecord(
            DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100),
            long.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture),
            int.Parse(parts[3], CultureInfo.InvariantCulture),
            parts[4],
            parts[5],
            parts[6],
            parts[7]);
    }
}
