using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>A damaged store file, rows Baton cannot read and a full disk, met by the real <c>baton</c> process (issue 16).</summary>
public sealed class StoreDamageProcessTests : IDisposable
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public StoreDamageProcessTests() => _baton = new BatonCli(_sandbox);

    private string DatabasePath => new BatonHome(_sandbox.BatonHome).DatabasePath;

    [Fact]
    public async Task Doctor_names_8_KB_of_garbage_written_into_the_middle_of_the_store_file_with_the_way_to_recover_it()
    {
        using (var store = SandboxStore.Open(_sandbox))
        {
            for (var i = 0; i < 1_500; i++)
            {
                store.SetState($"scope-{i % 7}", $"key-{i}", $"\"{new string('v', 300)}\"", null, "human");
            }
        }

        StoreFile.Checkpoint(DatabasePath);
        var healthy = Integrity(await _baton.RunAsync("doctor", "--json"));
        StoreFile.Checkpoint(DatabasePath);
        StoreFile.WriteGarbageInTheMiddle(DatabasePath, 8 * 1024);

        var quick = await _baton.RunAsync("doctor", "--json");
        var full = await _baton.RunAsync("doctor", "--full", "--json");

        healthy["state"]!.GetValue<string>().ShouldBe("ok", healthy.ToJsonString());
        foreach (var (result, kind) in new[] { (quick, "quick check"), (full, "full check") })
        {
            result.ExitCode.ShouldBe(1, result.StdErr);
            var check = Integrity(result);
            check["state"]!.GetValue<string>().ShouldBe("fail", check.ToJsonString());
            check["detail"]!.GetValue<string>().ShouldStartWith($"the store file is damaged ({kind}");
            check["fix"]!.GetValue<string>().ShouldContain($"sqlite3 {DatabasePath} \".recover\"");
        }
    }

    [Theory]
    [InlineData("UPDATE state SET updated_at = 99999999999999999", "state get s k", "table state, scope 's', key 'k'")]
    [InlineData("UPDATE locks SET expires_at = 99999999999999999", "lock ls", "table locks, resource 'deploy'")]
    [InlineData("UPDATE queue_items SET enqueued_at = -99999999999999999", "queue ls q", "table queue_items, id 1")]
    [InlineData("INSERT INTO sessions (session_id, status, started_at, updated_at) VALUES ('odd', 'dancing', 1, 1)", "watch --once", "table sessions, session_id 'odd'")]
    [InlineData("INSERT INTO sessions (session_id, status, started_at, updated_at) VALUES (NULL, 'running', 1, 1)", "watch --once", "table sessions, session_id NULL")]
    [InlineData("INSERT INTO sessions (session_id, status, started_at, updated_at, pid) VALUES ('big', 'running', 1, 1, 99999999999)", "ls", "table sessions, session_id 'big'")]
    [InlineData("UPDATE journal SET at = 99999999999999999 WHERE seq = 1", "events", "table journal, seq 1")]
    public async Task A_row_Baton_cannot_read_fails_the_command_with_exit_3_and_one_line_naming_its_table_and_key(string tamper, string command, string row)
    {
        (await _baton.RunAsync("state", "set", "s", "k", "1")).EnsureSuccess("state set");
        (await _baton.RunAsync("lock", "acquire", "deploy")).EnsureSuccess("lock acquire");
        (await _baton.RunAsync("queue", "add", "q", "hello")).EnsureSuccess("queue add");
        StoreFile.Execute(DatabasePath, tamper);

        var result = await _baton.RunAsync(command.Split(' '));

        result.ExitCode.ShouldBe(3, result.StdOut + result.StdErr);
        result.StdErr.TrimEnd().ShouldNotContain("\n");
        result.StdErr.ShouldNotContain("   at ");
        result.StdErr.ShouldStartWith($"baton: The store {DatabasePath} has a row Baton cannot read ({row}): ");
    }

    [Fact]
    public async Task A_full_disk_is_named_as_such()
    {
        var mount = _sandbox.CreateDirectory("small-disk");
        if (!await TryMountAsync(mount))
        {
            return;
        }

        try
        {
            var environment = new Dictionary<string, string?> { ["BATON_HOME"] = Path.Combine(mount, "baton") };
            ProcessResult? refused = null;
            for (var i = 0; i < 40 && refused is null; i++)
            {
                var result = await _baton.RunAsync(["state", "set", "s", $"k{i}", "-"], stdin: $"\"{new string('v', 100_000)}\"", environment: environment);
                refused = result.ExitCode == 0 ? null : result;
            }

            refused.ShouldNotBeNull("1 MiB filled up");
            refused.ExitCode.ShouldBe(3, refused.StdErr);
            refused.StdErr.ShouldContain(": the disk is full (");
            refused.StdErr.TrimEnd().ShouldNotContain("\n");
        }
        finally
        {
            (await ProcessRunner.RunAsync("umount", [mount], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30) })).EnsureSuccess("umount");
        }
    }

    public void Dispose() => _sandbox.Dispose();

    private static JsonNode Integrity(ProcessResult doctor) =>
        JsonNode.Parse(doctor.StdOut)!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "integrity")!;

    /// <summary>Mounts a 1 MiB tmpfs (root only). Elsewhere than CI a user who is not root cannot, and the test has nothing to run.</summary>
    private static async Task<bool> TryMountAsync(string path)
    {
        var mounted = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", path], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30) });
        if (mounted.ExitCode != 0 && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 } && Environment.UserName != "root")
        {
            return false;
        }

        mounted.EnsureSuccess("mount a 1 MiB tmpfs (the test runs as root)");
        return true;
    }
}
