using Baton.Core.Storage;

namespace Baton.Core.Sessions;

/// <summary>
/// Finds the Claude Code conversation <c>baton new --resume</c> means: a full conversation id as it is, else a unique prefix
/// of a conversation id or a session name, looked up in the store (the sessions Baton saw, live and ended) and among Claude
/// Code's transcripts (<c>~/.claude/projects/&lt;folder&gt;/&lt;id&gt;.jsonl</c>), so a conversation Baton never saw resolves too.
/// </summary>
public sealed class ConversationLookup
{
    private readonly IStore _store;
    private readonly string _claudeProjects;

    /// <summary>Creates a lookup.</summary>
    /// <param name="store">The store.</param>
    /// <param name="userHome">The user's home folder, whose <c>.claude/projects</c> holds Claude Code's transcripts.</param>
    public ConversationLookup(IStore store, string userHome)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(userHome);
        _store = store;
        _claudeProjects = Path.Combine(userHome, ".claude", "projects");
    }

    /// <summary>Finds one conversation id. A session name held by a live session means that session's conversation.</summary>
    /// <param name="idPrefixOrName">A conversation id, a unique prefix of one, or a session name.</param>
    /// <returns>The full conversation id.</returns>
    /// <exception cref="UserErrorException">Nothing matches, or several conversations do (the message lists them).</exception>
    public string Resolve(string idPrefixOrName)
    {
        if (string.IsNullOrWhiteSpace(idPrefixOrName))
        {
            throw new UserErrorException("--resume needs a conversation id, a unique prefix of one, or a session name.");
        }

        if (Guid.TryParse(idPrefixOrName, out _))
        {
            return idPrefixOrName;
        }

        var sessions = _store.FindSessions(idPrefixOrName).Where(s => s.SessionId != s.LaunchId).ToList();
        if (sessions.FirstOrDefault(s => !s.IsEnded && s.Name == idPrefixOrName) is { } live)
        {
            return ConversationRuns.ConversationId(live.SessionId);
        }

        var candidates = sessions
            .GroupBy(s => ConversationRuns.ConversationId(s.SessionId), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Name).LastOrDefault(n => n is not null), StringComparer.Ordinal);
        foreach (var id in Transcripts(idPrefixOrName))
        {
            candidates.TryAdd(id, null);
        }

        return candidates.Count switch
        {
            1 => candidates.Keys.Single(),
            0 => throw new UserErrorException($"No conversation matches '{idPrefixOrName}'.", UserErrorRemedy.ListConversations),
            _ => throw new UserErrorException(
                $"'{idPrefixOrName}' matches {candidates.Count} conversations: "
                + string.Join(", ", candidates.OrderBy(c => c.Key, StringComparer.Ordinal).Take(5).Select(c => c.Key + (c.Value is null ? "" : $" ({c.Value})")))
                + "; give more of the id."),
        };
    }

    /// <summary>The ids of Claude Code's transcripts that start with <paramref name="prefix"/> (a prefix of hex digits and dashes only).</summary>
    private IEnumerable<string> Transcripts(string prefix)
    {
        if (!Directory.Exists(_claudeProjects) || !prefix.All(c => char.IsAsciiHexDigit(c) || c == '-'))
        {
            return [];
        }

        return Directory.EnumerateDirectories(_claudeProjects)
            .SelectMany(folder => Directory.EnumerateFiles(folder, prefix + "*.jsonl"))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(id => Guid.TryParse(id, out _))
            .Distinct(StringComparer.Ordinal);
    }
}
