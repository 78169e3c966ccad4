using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Repositories;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Mcp.Hosting;

namespace Baton.Mcp;

/// <summary>
/// What "signed on" means. A session is signed on while its scope <c>session:&lt;actor&gt;</c> holds the key
/// <see cref="Key"/>: <c>{"session_id", "name", "role", "signed_on_at", "project_dir"}</c>. Signing on writes that key,
/// journals <see cref="McpJournalTypes.SessionSignedOn"/> and touches the session's open row in the registry (its
/// <c>UpdatedAt</c>, the heartbeat housekeeping judges). The server signs on when it starts and removes the key when it stops
/// (Claude Code also starts servers for a moment to check their health, with a throwaway session id: those leave no
/// sign-on behind); at start it only touches a row hooks made. An explicit <c>sign_on</c> or <c>heartbeat</c> also creates the
/// row from the server's own facts (project folder, <c>claude</c> process) when hooks have not recorded the session, so
/// <c>list_sessions</c>, <c>heartbeat</c> and the abandoned-work sweep know it. Signing off releases the session's locks and
/// claimed items, deletes the key and journals <see cref="McpJournalTypes.SessionSignedOff"/>.
/// </summary>
internal static class SignOn
{
    /// <summary>The key of the sign-on record in the session's scope.</summary>
    public const string Key = "sign_on";

    private const int MaxRoleLength = 200;

    /// <summary>The scope of an actor's own records.</summary>
    public static string ScopeOf(string actor) => "session:" + actor;

    /// <summary>Signs the actor on; a name or role not given keeps the one recorded before.</summary>
    /// <param name="call">The call.</param>
    /// <param name="name">The name, or null.</param>
    /// <param name="role">The role, or null.</param>
    /// <param name="createRow">Create the session's registry row when there is none (an explicit request by the agent).</param>
    /// <exception cref="UserErrorException">The name or role is not allowed.</exception>
    public static SignOnRecord Record(StoreCall call, string? name, string? role, bool createRow)
    {
        if (name is not null)
        {
            SessionRegistry.ValidateName(name);
        }

        if (role is not null && (string.IsNullOrWhiteSpace(role) || role.Length > MaxRoleLength || role.Any(char.IsControl)))
        {
            throw new UserErrorException($"A role is 1-{MaxRoleLength} characters of text without line breaks, for example 'reviewer' or 'backend'.");
        }

        var previous = Read(call);
        var now = call.Now;
        var record = new SignOnRecord(
            call.Actor,
            call.Options.SessionId,
            name ?? previous?.Name,
            role ?? previous?.Role,
            now,
            call.Options.ProjectDirectory,
            Registered: false);
        call.Coordinator.StoreData(ScopeOf(call.Actor), Key, record.ToJson().ToJsonString(), expectedVersion: null, call.Actor);
        var data = new JsonObject { ["name"] = record.Name, ["role"] = record.Role, ["project_dir"] = record.ProjectDirectory }.ToJsonString();
        var registered = call.Options.SessionId is { } id && Touch(call, id, now, data, createRow);
        if (!registered)
        {
            call.Store.AppendEvent(McpJournalTypes.SessionSignedOn, JournalTypes.SessionSubject(call.Actor), call.Actor, data);
        }

        return record with { Registered = registered };
    }

    /// <summary>The actor's sign-on record, or null when it is not signed on.</summary>
    public static SignOnRecord? Read(StoreCall call) => Read(call.Coordinator.RetrieveData(ScopeOf(call.Actor), Key));

    /// <summary>Reads a sign-on record from its state entry; null when there is none or it is not an object.</summary>
    public static SignOnRecord? Read(StateEntry? entry)
    {
        if (entry is null || McpJson.Value(entry.ValueJson) is not JsonObject o)
        {
            return null;
        }

        return new SignOnRecord(
            entry.Scope["session:".Length..],
            Text(o, "session_id"),
            Text(o, "name"),
            Text(o, "role"),
            DateTimeOffset.TryParse(Text(o, "signed_on_at"), null, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : entry.UpdatedAt,
            Text(o, "project_dir"),
            Registered: false);
    }

    /// <summary>Signs the actor off: a session's locks, claimed items and tasks are released first (a person's are not: every person
    /// and script acts as <c>human</c>), then the record is deleted.</summary>
    /// <returns>What was released, and whether the actor was signed on.</returns>
    public static (AbandonedWork Released, bool WasSignedOn) Off(StoreCall call)
    {
        var released = call.Options.SessionId is { } id
            ? AbandonedWorkSweep.Release(call.Store, call.Options.Time, id, call.Actor)
            : new AbandonedWork([], []);
        var was = call.Coordinator.DeleteData(ScopeOf(call.Actor), Key, call.Actor);
        call.Store.AppendEvent(
            McpJournalTypes.SessionSignedOff,
            JournalTypes.SessionSubject(call.Actor),
            call.Actor,
            new JsonObject { ["locks"] = released.Locks.Count, ["items"] = released.Items.Count, ["tasks"] = released.Tasks.Count }.ToJsonString());
        return (released, was);
    }

    /// <summary>Removes the actor's sign-on record (when its server stops), leaving its work alone.</summary>
    public static bool Forget(StoreCall call) => call.Coordinator.DeleteData(ScopeOf(call.Actor), Key, call.Actor);

    /// <summary>Touches the session's open row, creating it when missing and asked to; false when there is no open row. The
    /// project folder's repository is looked up on disk before the write transaction, not while it holds the store.</summary>
    private static bool Touch(StoreCall call, string sessionId, DateTimeOffset now, string data, bool create)
    {
        var process = call.Options.ClaudeProcess;
        var directory = call.Options.ProjectDirectory;
        var probedRoot = directory is null ? null : GitWorkingTree.FindTopLevel(directory) ?? directory;
        var probedProject = probedRoot is null ? null : StatusModel.ProjectName(GitWorkingTree.RepositoryOf(probedRoot));
        var stored = call.Store.UpdateSession(sessionId, current =>
        {
            if (current is { IsEnded: true } || (current is null && !create))
            {
                return null;
            }

            var basis = current ?? new Session { SessionId = sessionId, Status = SessionStatus.Running, StartedAt = now };
            var next = basis with
            {
                UpdatedAt = now,
                Cwd = basis.Cwd ?? directory,
                ProjectRoot = basis.ProjectRoot ?? probedRoot,
                Project = basis.Project ?? (basis.ProjectRoot is { } root && root != probedRoot ? StatusModel.ProjectName(root) : probedProject),
            };
            if (next.Pid is null && process is not null)
            {
                next = next.RunningAs(process);
            }

            return new SessionChange(next, McpJournalTypes.SessionSignedOn, sessionId, data);
        });
        return stored is { IsEnded: false };
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>A sign-on as recorded.</summary>
/// <param name="Actor">Who signed on: a session id or <c>human</c>.</param>
/// <param name="SessionId">The session id; null for a person.</param>
/// <param name="Name">The name it gave; null when none.</param>
/// <param name="Role">The role it gave; null when none.</param>
/// <param name="SignedOnAt">When (UTC).</param>
/// <param name="ProjectDirectory">The project folder of the server that signed it on.</param>
/// <param name="Registered">Whether the session's row in the registry is open (and was touched).</param>
internal sealed record SignOnRecord(
    string Actor, string? SessionId, string? Name, string? Role, DateTimeOffset SignedOnAt, string? ProjectDirectory, bool Registered)
{
    public JsonObject ToJson() => new()
    {
        ["session_id"] = SessionId,
        ["name"] = Name,
        ["role"] = Role,
        ["signed_on_at"] = McpJson.Time(SignedOnAt),
        ["project_dir"] = ProjectDirectory,
    };
}
