using System.ComponentModel;
using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Mcp.Hosting;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Who is here: <c>sign_on</c>, <c>sign_off</c>, <c>whoami</c>, <c>list_sessions</c>, <c>heartbeat</c>.</summary>
[McpServerToolType]
internal sealed class SessionTools
{
    private readonly McpRuntime _runtime;

    public SessionTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "sign_on", OpenWorld = false, Idempotent = true)]
    [Description("Announce yourself to the other Claude Code sessions coordinating through Baton, with an optional name and role. " +
        "The server already signed your session on when it started; call this to set a name (for example 'api-worker') or a role " +
        "(for example 'reviewer') others see in list_sessions. A name or role left out keeps the one given before. " +
        "Returns your session id (the actor of every Baton call you make), name, role and when you signed on.")]
    public string SignOnTool(
        [Description("A short name others see: 1-64 letters, digits, '.', '_' or '-'. Optional.")] string? name = null,
        [Description("What you do here, for example 'reviewer' or 'frontend' (1-200 characters). Optional.")] string? role = null) =>
        _runtime.Run("sign_on", call =>
        {
            var record = SignOn.Record(call, ToolArguments.Optional(name), ToolArguments.Optional(role), createRow: true);
            var json = record.ToJson();
            json["actor"] = record.Actor;
            json["signed_on"] = true;
            json["in_registry"] = record.Registered;
            return McpJson.Text(json);
        });

    [McpServerTool(Name = "sign_off", OpenWorld = false, Destructive = true)]
    [Description("Leave coordination: releases every lock you hold, returns every queue item you claimed to its queue and " +
        "every task you own to its list (others can take them at once), then removes your sign-on. Call it when you stop working on shared things. " +
        "Returns what was released.")]
    public string SignOff() => _runtime.Run("sign_off", call =>
    {
        var (released, was) = SignOn.Off(call);
        return McpJson.Text(new JsonObject
        {
            ["actor"] = call.Actor,
            ["signed_off"] = true,
            ["was_signed_on"] = was,
            ["released_locks"] = new JsonArray([.. released.Locks.Select(l => (JsonNode)McpJson.Lock(l))]),
            ["released_items"] = new JsonArray([.. released.Items.Select(i => (JsonNode)new JsonObject { ["queue"] = i.Queue, ["id"] = i.Id })]),
            ["released_tasks"] = new JsonArray([.. released.Tasks.Select(t => (JsonNode)new JsonObject { ["list"] = t.List, ["id"] = t.Id })]),
        });
    });

    [McpServerTool(Name = "whoami", ReadOnly = true, OpenWorld = false)]
    [Description("Who you are to Baton: your session id (the actor recorded as writer, holder and claimer of everything you do), " +
        "whether you are signed on with which name and role, your session as the registry sees it, and the locks you hold.")]
    public string WhoAmI() => _runtime.Run("whoami", call =>
    {
        var record = SignOn.Read(call);
        var session = call.Options.SessionId is { } id ? call.Store.GetSession(id) : null;
        return McpJson.Text(new JsonObject
        {
            ["actor"] = call.Actor,
            ["session_id"] = call.Options.SessionId,
            ["signed_on"] = record is not null,
            ["name"] = record?.Name,
            ["role"] = record?.Role,
            ["signed_on_at"] = McpJson.Time(record?.SignedOnAt),
            ["project_dir"] = call.Options.ProjectDirectory,
            ["session"] = session is null ? null : McpJson.Session(session),
            ["locks"] = new JsonArray([.. call.Coordinator.ListLocks().Where(l => l.Holder == call.Actor).Select(l => (JsonNode)McpJson.Lock(l))]),
        });
    });

    [McpServerTool(Name = "list_sessions", ReadOnly = true, OpenWorld = false)]
    [Description("List the Claude Code sessions Baton knows, with their status (running, waiting_input, waiting_permission, " +
        "exited; a turn that failed rests as waiting_input with status_reason 'turn failed: ...'), project, branch and dirty " +
        "state, host and OS user, task, and the name and role each gave when signing on. " +
        "By default only live sessions.")]
    public string ListSessions(
        [Description("Only sessions with this status: starting, running, waiting_input, waiting_permission or exited; " +
            "'all' for every session including ended ones. Default: live sessions.")] string? status = null,
        [Description("Only sessions of this project: its name (the folder name, for example 'shop') or its absolute path.")] string? project = null) =>
        _runtime.Run("list_sessions", call =>
        {
            status = ToolArguments.Optional(status);
            project = ToolArguments.Optional(project);
            SessionStatus? wanted = status is null or "all" ? null : ParseStatus(status);
            var sessions = call.Registry.List(includeEnded: status == "all" || wanted == SessionStatus.Exited)
                .Where(s => wanted is null || s.Status == wanted)
                .Where(s => project is null || s.Project == project || s.ProjectRoot == project || s.Cwd == project)
                .ToList();
            var list = new JsonArray();
            foreach (var session in sessions)
            {
                var json = McpJson.Session(session);
                var record = SignOn.Read(call.Store.GetState(SignOn.ScopeOf(session.SessionId), SignOn.Key));
                json["signed_on"] = record is not null;
                json["sign_on_name"] = record?.Name;
                json["role"] = record?.Role;
                list.Add(json);
            }

            return McpJson.Text(new JsonObject { ["count"] = sessions.Count, ["sessions"] = list });
        });

    [McpServerTool(Name = "heartbeat", OpenWorld = false, Idempotent = true)]
    [Description("Say you are still alive and working. A session silent for longer than the heartbeat limit (30 minutes unless " +
        "configured) counts as gone: its locks are released and its claimed queue items return to their queues. Hooks refresh " +
        "this too; call it during long work without tool use. Returns the time recorded.")]
    public string Heartbeat() => _runtime.Run("heartbeat", call =>
    {
        if (call.Options.SessionId is not { } id)
        {
            throw new McpException("heartbeat is for Claude Code sessions; this server runs without CLAUDE_CODE_SESSION_ID (as 'human').");
        }

        DateTimeOffset at;
        if (call.Store.GetSession(id) is { IsEnded: false })
        {
            at = call.Coordinator.Heartbeat(id);
        }
        else if (SignOn.Record(call, name: null, role: null, createRow: true).Registered)
        {
            // No row yet (hooks not installed, or the sign-on at start failed): signing on created it.
            at = call.Now;
        }
        else
        {
            throw new UserErrorException($"The session {id} has ended in Baton's registry; its work may already be released.", UserErrorRemedy.ListAllSessions);
        }

        return McpJson.Text(new JsonObject { ["session_id"] = id, ["recorded_at"] = McpJson.Time(at) });
    });

    private static SessionStatus ParseStatus(string status)
    {
        try
        {
            return SessionStatusNames.Parse(status);
        }
        catch (FormatException)
        {
            throw new UserErrorException(
                $"'{status}' is not a session status: use starting, running, waiting_input, waiting_permission, exited or all.");
        }
    }
}
