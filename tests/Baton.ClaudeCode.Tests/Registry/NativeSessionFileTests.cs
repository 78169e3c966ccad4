using System.Text.Json;
using Baton.ClaudeCode.Registry;

namespace Baton.ClaudeCode.Tests.Registry;

public sealed class NativeSessionFileTests
{
    // An entry as claude 2.1.332 wrote it during a permission prompt (docs/claude-code.md).
    private const string Entry = """
        {"pid":4525,"sessionId":"9d589eb4-df1d-4338-9d9b-6ef138915e26","cwd":"/tmp/p/project","startedAt":1796457946024,
         "procStart":"5562758","version":"2.1.332","peerProtocol":1,"kind":"interactive","entrypoint":"cli",
         "pidDomain":"linux:3d1219c7c4c5404aaa1f6d2a48adfda4:pid:[4026531836]","tmux":"claude:@0.%0",
         "messagingSocketPath":"/tmp/cc-socks/4525.sock","name":"project-0e","nameSource":"derived","nameSince":1796457946028,
         "status":"waiting","updatedAt":1796457947447,"statusUpdatedAt":1796457947447,"waitingFor":"permission prompt"}
        """;

    [Fact]
    public void Reads_what_claude_writes()
    {
        using var document = JsonDocument.Parse(Entry);

        var entry = NativeSessionFile.FromJson(document.RootElement).ShouldNotBeNull();

        entry.Pid.ShouldBe(4525);
        entry.SessionId.ShouldBe("9d589eb4-df1d-4338-9d9b-6ef138915e26");
        entry.Cwd.ShouldBe("/tmp/p/project");
        entry.ProcessStartTicks.ShouldBe(5562758);
        entry.Kind.ShouldBe("interactive");
        entry.Name.ShouldBe("project-0e");
        entry.NameSource.ShouldBe("derived");
        entry.Status.ShouldBe(NativeSessionFile.Waiting);
        entry.WaitingFor.ShouldBe(NativeSessionFile.PermissionPrompt);
        entry.MessagingSocketPath.ShouldBe("/tmp/cc-socks/4525.sock");
        entry.StatusUpdatedAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1796457947447));
    }

    [Theory]
    [InlineData("""{"sessionId":"s"}""")]
    [InlineData("""{"pid":1,"sessionId":"s"}""")]
    [InlineData("""{"pid":"42","sessionId":"s"}""")]
    [InlineData("""{"pid":42}""")]
    [InlineData("""{"pid":42,"sessionId":""}""")]
    [InlineData("[]")]
    public void An_entry_without_a_pid_or_session_is_none(string json)
    {
        using var document = JsonDocument.Parse(json);
        NativeSessionFile.FromJson(document.RootElement).ShouldBeNull();
    }

    [Fact]
    public void A_file_being_written_too_large_or_missing_is_none()
    {
        var folder = Directory.CreateTempSubdirectory("baton-registry-");
        try
        {
            var half = Path.Combine(folder.FullName, "42.json");
            File.WriteAllText(half, Entry[..40]);
            var large = Path.Combine(folder.FullName, "43.json");
            File.WriteAllText(large, Entry.Replace("\"cwd\"", "\"pad\":\"" + new string('x', NativeSessionFile.MaxBytes) + "\",\"cwd\"", StringComparison.Ordinal));
            var whole = Path.Combine(folder.FullName, "44.json");
            File.WriteAllText(whole, Entry);

            NativeSessionFile.TryRead(half).ShouldBeNull();
            NativeSessionFile.TryRead(large).ShouldBeNull();
            NativeSessionFile.TryRead(Path.Combine(folder.FullName, "45.json")).ShouldBeNull();
            NativeSessionFile.TryRead(whole).ShouldNotBeNull().Pid.ShouldBe(4525);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("4525.json", true)]
    [InlineData("4525.e13b0275354e1b5a03b981fa7519bbc3fb567ce62b8aeefa79f112ef6e3941ad.key", false)]
    [InlineData("notes.json", false)]
    [InlineData(".json", false)]
    [InlineData("4525.json.tmp", false)]
    public void Only_pid_files_are_entries(string name, bool entry) => NativeSessionFile.IsEntry(name).ShouldBe(entry);

    [Fact]
    public void A_send_message_address_names_the_session_of_its_socket_or_bridge()
    {
        var folder = Directory.CreateTempSubdirectory("baton-registry-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "4525.json"), Entry);

            NativeSessionFile.Addressee("uds:/tmp/cc-socks/4525.sock", folder.FullName).ShouldBe("9d589eb4-df1d-4338-9d9b-6ef138915e26");
            NativeSessionFile.Addressee("uds:/tmp/cc-socks/1.sock", folder.FullName).ShouldBeNull();
            NativeSessionFile.Addressee("bridge:abc-123", folder.FullName).ShouldBe("abc-123");
            NativeSessionFile.Addressee("bob", folder.FullName).ShouldBe("bob");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_folder_follows_claude_config_dir()
    {
        NativeSessionFile.FolderOf("/home/u", null).ShouldBe("/home/u/.claude/sessions");
        NativeSessionFile.FolderOf("/home/u", "/etc/claude-u").ShouldBe("/etc/claude-u/sessions");
    }
}
