using Baton.Testing;

namespace Baton.Cli.Tests.Home;

/// <summary>
/// What the real <c>baton</c> creates is the user's alone (folders 0700, files 0600) on every path that creates it, under
/// umask 000 and 022; a home, store or log that is a planted symbolic link is refused, never followed.
/// </summary>
public sealed class HomeSafetyTests : IDisposable
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const string StopInput = "{\"session_id\": \"5e55f00d-0000-4000-8000-000000000001\", \"hook_event_name\": \"Stop\"}";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public HomeSafetyTests() => _baton = new BatonCli(_sandbox);

    public static TheoryData<string, string[], string?> CreatingPaths => new()
    {
        { "000", ["hook", "Stop"], null },
        { "022", ["hook", "Stop"], null },
        { "000", ["hook", "Stop"], StopInput },
        { "022", ["hook", "Stop"], StopInput },
        { "000", ["ls"], null },
        { "022", ["ls"], null },
        { "000", ["hooks", "install"], null },
        { "022", ["hooks", "install"], null },
        { "000", ["lock", "acquire", "db", "--reason", "r"], null },
        { "022", ["state", "set", "k", "1"], null },
        { "000", ["doctor"], null },
        { "022", ["ls", "--bogus"], null },
    };

    [Theory]
    [MemberData(nameof(CreatingPaths))]
    public async Task Everything_baton_creates_is_the_users_alone(string umask, string[] args, string? stdin)
    {
        var home = Path.Combine(_sandbox.Root, "fresh", "baton");

        var result = await RunWithUmask(umask, args, stdin, home);

        var created = Directory.Exists(Path.Combine(_sandbox.Root, "fresh"))
            ? Directory.EnumerateFileSystemEntries(Path.Combine(_sandbox.Root, "fresh"), "*", SearchOption.AllDirectories).ToList()
            : [];
        var claude = Path.Combine(_sandbox.Home, ".claude");
        if (Directory.Exists(claude))
        {
            created.Add(claude);
            created.AddRange(Directory.EnumerateFileSystemEntries(claude, "*", SearchOption.AllDirectories));
        }

        var shown = $"umask {umask} baton {string.Join(' ', args)} (exit {result.ExitCode}: {result.StdErr})";
        foreach (var path in created.Where(p => !p.EndsWith(".sock", StringComparison.Ordinal)))
        {
            (File.GetUnixFileMode(path) & GroupOrOther).ShouldBe((UnixFileMode)0, $"{shown} left {path} open to others");
        }
    }

    [Fact]
    public async Task A_home_that_is_a_symbolic_link_is_refused_in_one_line_and_nothing_is_written_through_it()
    {
        var elsewhere = _sandbox.CreateDirectory("elsewhere");
        var home = Path.Combine(_sandbox.Root, "linked-home");
        File.CreateSymbolicLink(home, elsewhere);

        var listed = await _baton.RunAsync(["ls"], environment: Home(home));
        var hooked = await _baton.RunAsync(["hook", "Stop"], StopInput, environment: Home(home));

        listed.ExitCode.ShouldNotBe(0);
        listed.StdErr.Trim().ShouldContain("is a symbolic link");
        listed.StdErr.Trim().Split('\n').Length.ShouldBe(1);
        hooked.ExitCode.ShouldBe(0, "a hook never breaks Claude Code");
        Directory.EnumerateFileSystemEntries(elsewhere).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_store_that_is_a_symbolic_link_is_refused_and_its_target_never_created()
    {
        var target = Path.Combine(_sandbox.Root, "chosen-by-attacker.db");
        File.CreateSymbolicLink(Path.Combine(_sandbox.BatonHome, "baton.db"), target);

        var listed = await _baton.RunAsync("ls");
        var hooked = await _baton.RunAsync(["hook", "Stop"], StopInput);

        listed.ExitCode.ShouldNotBe(0);
        listed.StdErr.ShouldContain("is a symbolic link");
        hooked.ExitCode.ShouldBe(0);
        File.Exists(target).ShouldBeFalse();
    }

    [Fact]
    public async Task A_log_that_is_a_symbolic_link_is_never_appended_to()
    {
        var target = Path.Combine(_sandbox.Root, "victim.txt");
        File.WriteAllText(target, "untouched\n");
        Directory.CreateDirectory(Path.Combine(_sandbox.BatonHome, "logs"));
        File.CreateSymbolicLink(Path.Combine(_sandbox.BatonHome, "logs", "baton.log"), target);

        var hooked = await _baton.RunAsync(["hook", "Stop"], "not json");

        hooked.ExitCode.ShouldBe(0);
        File.ReadAllText(target).ShouldBe("untouched\n");
    }

    [Fact]
    public async Task A_home_owned_by_another_user_is_refused_in_one_line_and_nothing_is_written_there()
    {
        // As root the test hands a folder to nobody (65534); as another user, a folder root owns stands in.
        var home = Environment.UserName == "root" ? ForeignFolder("foreign-home") : "/var/tmp";
        var before = Directory.EnumerateFileSystemEntries(home).Count();

        var listed = await _baton.RunAsync(["ls"], environment: Home(home));
        var hooked = await _baton.RunAsync(["hook", "Stop"], StopInput, environment: Home(home));

        listed.ExitCode.ShouldNotBe(0);
        listed.StdErr.Trim().ShouldContain("is owned by uid");
        listed.StdErr.Trim().Split('\n').Length.ShouldBe(1);
        hooked.ExitCode.ShouldBe(0, "a hook never breaks Claude Code");
        Directory.EnumerateFileSystemEntries(home).Count().ShouldBe(before);
    }

    [Fact]
    public async Task A_store_or_log_owned_by_another_user_is_refused_and_never_written()
    {
        if (Environment.UserName != "root")
        {
            return; // Only root can make a file another user owns; ForeignOwnerTests covers the check through its seam.
        }

        var store = Path.Combine(_sandbox.BatonHome, "baton.db");
        File.WriteAllText(store, "");
        Chown(store);
        Directory.CreateDirectory(Path.Combine(_sandbox.BatonHome, "logs"));
        var log = Path.Combine(_sandbox.BatonHome, "logs", "baton.log");
        File.WriteAllText(log, "untouched\n");
        Chown(log);

        var listed = await _baton.RunAsync("ls");
        var hooked = await _baton.RunAsync(["hook", "Stop"], "not json");

        listed.ExitCode.ShouldNotBe(0);
        listed.StdErr.ShouldContain($"the store {store} is owned by uid 65534");
        hooked.ExitCode.ShouldBe(0);
        File.ReadAllText(log).ShouldBe("untouched\n");
        new FileInfo(store).Length.ShouldBe(0);
    }

    public void Dispose() => _sandbox.Dispose();

    private static void Chown(string path) =>
        ProcessRunner.Run("chown", ["-h", "65534:65534", path]).EnsureSuccess("chown " + path);

    private string ForeignFolder(string name)
    {
        var folder = _sandbox.CreateDirectory(name);
        Chown(folder);
        return folder;
    }

    private static Dictionary<string, string?> Home(string home) => new(StringComparer.Ordinal) { ["BATON_HOME"] = home };

    private Task<ProcessResult> RunWithUmask(string umask, string[] args, string? stdin, string home)
    {
        var environment = _baton.Environment();
        environment["BATON_HOME"] = home;
        return ProcessRunner.RunAsync("sh", ["-c", $"umask {umask} && exec \"$0\" \"$@\"", BatonCli.ExecutablePath, .. args], new ProcessRunOptions
        {
            Environment = environment,
            StandardInput = stdin,
            WorkingDirectory = _sandbox.Root,
        });
    }
}
