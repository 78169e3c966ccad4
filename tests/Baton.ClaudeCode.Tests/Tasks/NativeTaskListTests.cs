using Baton.ClaudeCode.Tasks;

namespace Baton.ClaudeCode.Tests.Tasks;

/// <summary>Reading a Claude Code native task list's folder (<c>&lt;claude dir&gt;/tasks/&lt;list&gt;/</c>) as another
/// process may leave it.</summary>
public sealed class NativeTaskListTests : IDisposable
{
    private readonly string _claude = Directory.CreateTempSubdirectory("baton-native-tasks-").FullName;
    private readonly List<string> _skipped = [];

    public void Dispose() => Directory.Delete(_claude, recursive: true);

    private string Folder => Path.Combine(_claude, "tasks", "plan");

    [Fact]
    public void Good_files_are_read_by_numeric_id_with_owner_status_and_dependencies()
    {
        Write("1", """{"id": "1", "subject": "design", "description": "", "status": "completed", "owner": "alice", "blocks": ["2", "10"], "blockedBy": []}""");
        Write("2", """{"id": "2", "subject": "migrate", "description": "", "activeForm": "Migrating", "status": "in_progress", "owner": "bob", "blocks": [], "blockedBy": ["1"], "metadata": {"x": 1}}""");
        Write("10", """{"id": "10", "subject": "ship", "description": "", "status": "pending", "blocks": [], "blockedBy": ["1", "2"]}""");
        File.WriteAllText(Path.Combine(Folder, ".lock"), "");

        var list = NativeTaskList.Read(_claude, "plan", _skipped.Add)!;

        list.Tasks.Select(t => t.Id).ShouldBe(["1", "2", "10"]);
        list.Tasks[0].ShouldBe(new NativeTask("1", "design", "completed", "alice", []) { Blocks = ["2", "10"] }, new NativeTaskComparer());
        list.Tasks[1].Owner.ShouldBe("bob");
        list.Tasks[1].BlockedBy.ShouldBe(["1"]);
        list.Tasks[2].Owner.ShouldBeNull();
        list.OpenBlockers(list.Tasks[2]).ShouldBe(["2"]);
        _skipped.ShouldBeEmpty("the .lock file is Claude Code's own");
    }

    [Fact]
    public void Half_written_files_are_skipped_with_why_and_the_rest_is_read()
    {
        Write("1", """{"id": "1", "subject": "design", "status": "pending", "blocks": [], "blockedBy": []}""");
        Write("2", """{"id": "2", "subject": "migr""");
        Write("3", "");

        var list = NativeTaskList.Read(_claude, "plan", _skipped.Add)!;

        list.Tasks.Select(t => t.Id).ShouldBe(["1"]);
        _skipped.Count.ShouldBe(2);
        _skipped.ShouldAllBe(s => s.Contains("half-written", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.StartsWith(Path.Combine(Folder, "2.json") + ":", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.StartsWith(Path.Combine(Folder, "3.json") + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Foreign_files_are_skipped_with_why()
    {
        Write("1", """{"id": "1", "subject": "design", "status": "pending", "blocks": [], "blockedBy": []}""");
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "hello");
        File.WriteAllText(Path.Combine(Folder, "abc.json"), "{}");
        Write("2", """["not", "a", "task"]""");
        Write("3", """{"id": "4", "subject": "moved", "status": "pending"}""");
        Write("5", """{"id": "5", "subject": "odd", "status": "exploded"}""");
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));

        var list = NativeTaskList.Read(_claude, "plan", _skipped.Add)!;

        list.Tasks.Select(t => t.Id).ShouldBe(["1"]);
        _skipped.Count.ShouldBe(5);
        _skipped.ShouldContain(s => s.Contains("notes.txt: not a task file", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.Contains("abc.json: not a task file", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.Contains("2.json: a JSON array, not a task object", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.Contains("3.json: its id '4' is not its file name's", StringComparison.Ordinal));
        _skipped.ShouldContain(s => s.Contains("5.json: unknown status 'exploded'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_without_a_folder_or_with_a_name_that_cannot_name_one_is_not_there()
    {
        NativeTaskList.Read(_claude, "plan", _skipped.Add).ShouldBeNull();
        NativeTaskList.Read(_claude, "../plan", _skipped.Add).ShouldBeNull();
        NativeTaskList.Read(_claude, "..", _skipped.Add).ShouldBeNull();
    }

    [Fact]
    public void The_lists_are_the_folders_under_tasks()
    {
        NativeTaskList.Names(_claude).ShouldBeEmpty();
        Directory.CreateDirectory(Path.Combine(_claude, "tasks", "zeta"));
        Directory.CreateDirectory(Path.Combine(_claude, "tasks", "alpha"));
        File.WriteAllText(Path.Combine(_claude, "tasks", "stray.json"), "{}");

        NativeTaskList.Names(_claude).ShouldBe(["alpha", "zeta"]);
    }

    private void Write(string id, string json)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, id + ".json"), json);
    }

    /// <summary>Compares tasks by value, lists by their items.</summary>
    private sealed class NativeTaskComparer : IEqualityComparer<NativeTask>
    {
        public bool Equals(NativeTask? x, NativeTask? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Subject == y.Subject && x.Status == y.Status && x.Owner == y.Owner
            && x.BlockedBy.SequenceEqual(y.BlockedBy) && x.Blocks.SequenceEqual(y.Blocks);

        public int GetHashCode(NativeTask obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
