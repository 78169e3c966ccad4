using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    private const string Conversation1 = "5e551011-1111-4111-8111-111111111111";
    private const string Conversation2 = "5e551022-2222-4222-8222-222222222222";

    [Fact]
    public void Resume_finds_a_conversation_by_a_unique_prefix_or_the_name_its_session_had()
    {
        Put(Minimal(Conversation1) with { Name = "api", EndedAt = T0, EndReason = "killed" });
        Put(Minimal(Conversation2) with { Name = "web", EndedAt = T0, EndReason = "killed" });
        using var home = new ClaudeHome();

        var lookup = new ConversationLookup(Store, home.Path);

        lookup.Resolve("5e551011").ShouldBe(Conversation1);
        lookup.Resolve("web").ShouldBe(Conversation2);
        lookup.Resolve(Conversation2).ShouldBe(Conversation2);
    }

    [Fact]
    public void Resume_refuses_an_ambiguous_prefix_or_name_listing_the_candidates_and_an_unknown_one()
    {
        Put(Minimal(Conversation1) with { Name = "api", EndedAt = T0, EndReason = "killed" });
        Put(Minimal(Conversation2) with { Name = "api", EndedAt = T0, EndReason = "prompt_input_exit" });
        using var home = new ClaudeHome();
        var lookup = new ConversationLookup(Store, home.Path);

        var ambiguous = Should.Throw<UserErrorException>(() => lookup.Resolve("5e5510")).Message;
        var byName = Should.Throw<UserErrorException>(() => lookup.Resolve("api")).Message;

        byName.ShouldBe(ambiguous.Replace("'5e5510'", "'api'", StringComparison.Ordinal));
        ambiguous.ShouldBe($"'5e5510' matches 2 conversations: {Conversation1} (api), {Conversation2} (api); give more of the id.");
        Should.Throw<UserErrorException>(() => lookup.Resolve("nope")).Message.ShouldContain("No conversation matches 'nope'");
    }

    [Fact]
    public void Resume_finds_a_conversation_baton_never_saw_among_claudes_transcripts_and_a_live_name_wins()
    {
        using var home = new ClaudeHome();
        home.AddTranscript("-src-api", Conversation1);
        Put(Minimal(Conversation2) with { Name = "api" });
        Put(Minimal("5e551033-3333-4333-8333-333333333333") with { Name = "api-old", EndedAt = T0, EndReason = "killed" });
        var lookup = new ConversationLookup(Store, home.Path);

        lookup.Resolve("5e551011").ShouldBe(Conversation1);
        lookup.Resolve("api").ShouldBe(Conversation2, "the live session named api holds its conversation");
    }

    /// <summary>A throwaway user home with Claude Code's transcript folders.</summary>
    private sealed class ClaudeHome : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("baton-claude-home-").FullName;

        public void AddTranscript(string projectFolder, string conversation)
        {
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, ".claude", "projects", projectFolder)).FullName;
            File.WriteAllText(System.IO.Path.Combine(folder, conversation + ".jsonl"), "{}\n");
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
