using System.ComponentModel;
using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;
using Baton.Contracts;
using Baton.Contracts.Messages;
using Baton.Core.Messages;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Mcp.Hosting;
using Baton.Platform.Notifications;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Messages between sessions: <c>send_message</c>, <c>broadcast</c>, <c>inbox</c>, <c>reply</c>, <c>thread</c>.</summary>
[McpServerToolType]
internal sealed class MessageTools
{
    private const string BodyRule = "The message: plain text, 1 character to 64 KiB, not blank.";

    private readonly McpRuntime _runtime;

    public MessageTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "send_message", OpenWorld = false)]
    [Description("Send a message to another Claude Code session (or 'human', the person at the command line). The receiving " +
        "agent gets it in its context at its next turn, even when idle. Refused when the session has exited (the error names " +
        "its status) and, retryably, when its inbox is full ('inbox full: retry later'). Returns the message with its id.")]
    public string SendMessage(
        [Description("The recipient: a session id, a unique id prefix or a session name (see list_sessions), or 'human'.")] string to,
        [Description(BodyRule)] string body,
        [Description("Mark it urgent. Default false.")] bool? urgent = null,
        [Description("The id of any message of a thread to continue; leave out to start a new thread.")] long? thread = null) =>
        _runtime.Run("send_message", call =>
        {
            var messenger = Messenger(call);
            return McpJson.Text(Json(call, messenger.Send(messenger.ResolveTarget(to), body, call.Actor, urgent ?? false, thread)));
        });

    [McpServerTool(Name = "broadcast", OpenWorld = false)]
    [Description("Send one message to every live Claude Code session but you (of one project, when given); exited sessions are " +
        "left out. All or nothing: if one inbox is full nothing is sent ('inbox full: retry later'). Returns the message with its recipients.")]
    public string Broadcast(
        [Description(BodyRule)] string body,
        [Description("Only the sessions of this project (its folder's name, as list_sessions shows). Leave out for all.")] string? project = null) =>
        _runtime.Run("broadcast", call => McpJson.Text(Json(call, Messenger(call).Broadcast(body, call.Actor, ToolArguments.Optional(project)))));

    [McpServerTool(Name = "inbox", OpenWorld = false)]
    [Description("Read your messages: by default the unread ones, oldest first, which are then marked read (so they are not " +
        "handed to you again). Messages usually reach you in your context without this; use it to look again or catch up. " +
        "Answer one with reply.")]
    public string Inbox(
        [Description("Only unread messages (default true); false for your latest 100 messages, read or not.")] bool? unread_only = null,
        [Description("Mark the unread messages shown as read (default true).")] bool? mark_read = null) =>
        _runtime.Run("inbox", call =>
        {
            var messenger = Messenger(call);
            var messages = messenger.Inbox(call.Actor, unread_only ?? true, mark_read ?? true);
            return McpJson.Text(new JsonObject
            {
                ["recipient"] = call.Actor,
                ["count"] = messages.Count,
                ["unread_left"] = messenger.Counts(call.Actor).Unread,
                ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)Json(call, m))]),
            });
        });

    [McpServerTool(Name = "reply", OpenWorld = false)]
    [Description("Answer a message in its thread. The answer goes to the message's sender only (a person's message to the " +
        "person); answering your own message goes to its recipients. Returns the answer with its id.")]
    public string Reply(
        [Description("The id of the message you answer.")] long message_id,
        [Description(BodyRule)] string body) =>
        _runtime.Run("reply", call => McpJson.Text(Json(call, Messenger(call).Reply(message_id, body, call.Actor))));

    [McpServerTool(Name = "thread", ReadOnly = true, OpenWorld = false)]
    [Description("Read the whole thread a message belongs to, oldest first, every message in full (a long message handed " +
        "to you in your context may have been cut; this has all of it). Marks nothing read.")]
    public string Thread([Description("The id of any message of the thread.")] long message_id) =>
        _runtime.Run("thread", call =>
        {
            var messages = Messenger(call).Thread(message_id);
            return McpJson.Text(new JsonObject
            {
                ["thread_id"] = messages[0].ThreadId,
                ["count"] = messages.Count,
                ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)Json(call, m))]),
            });
        });

    private static Messenger Messenger(StoreCall call) => Core.Messages.Messenger.ForHome(
        call.Store,
        call.Registry,
        call.Options.Time,
        call.Options.Home,
        DesktopNotifier.InBackground(call.Options.Home, call.Options.Variable),
        s => CrossSessionInbound.Closed(s, call.Options.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    private static JsonObject Json(StoreCall call, Message m) => McpJson.Shape(MessageJson.From(m, id => NameOf(call, id)), ContractJson.Default.MessageJson);

    private static string? NameOf(StoreCall call, string actor) =>
        actor == SessionRegistry.HumanActor ? null : call.Store.GetSession(actor)?.Name;
}
