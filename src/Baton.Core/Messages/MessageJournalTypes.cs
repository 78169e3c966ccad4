using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Core.Messages;

/// <summary>
/// The journal entry types of messages, their subjects and data (compact JSON objects; bodies are never journaled, only
/// their size). Each store builds the data with the methods here. The entry's actor is who made the change.
/// </summary>
public static class MessageJournalTypes
{
    /// <summary>A message was sent. Subject <c>message:&lt;id&gt;</c>; actor the sender. Data:
    /// <c>{"id": 12, "thread": 10, "to": ["&lt;session_id&gt;", ...], "bytes": 120, "urgent": false, "reply_to": 11?}</c>.
    /// A follower waiting for a session's messages (the wake-up hook) watches these for its id in <c>to</c>.</summary>
    public const string Sent = "message.sent";

    /// <summary>A hook claimed a recipient's messages for delivery. Subject <c>inbox:&lt;recipient&gt;</c>; actor the
    /// recipient. Data: <c>{"ids": [12, 13], "token": "...", "retaken": [12]?}</c> (<c>retaken</c>: ids whose earlier claim
    /// by another token was stale).</summary>
    public const string Taken = "message.taken";

    /// <summary>A hook confirmed it handed messages into the recipient's context. Subject <c>inbox:&lt;recipient&gt;</c>;
    /// actor the recipient. Data: <c>{"ids": [12, 13], "token": "..."}</c>.</summary>
    public const string Delivered = "message.delivered";

    /// <summary>A recipient's inbox showed it messages it had not had (<c>baton inbox</c>, the <c>inbox</c> tool). Subject
    /// <c>inbox:&lt;recipient&gt;</c>; actor whoever read. Data: <c>{"ids": [12, 13]}</c>.</summary>
    public const string Read = "message.read";

    /// <summary>The subject of a sent message.</summary>
    /// <param name="id">The message id.</param>
    /// <returns><c>message:&lt;id&gt;</c>.</returns>
    public static string MessageSubject(long id) => "message:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The subject of changes to one recipient's copies.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns><c>inbox:&lt;recipient&gt;</c>.</returns>
    public static string InboxSubject(string recipient) => "inbox:" + recipient;

    /// <summary>Data of <see cref="Sent"/>.</summary>
    /// <param name="sent">The message as stored.</param>
    /// <param name="deliveredBy">What delivered it already (<see cref="MessageDraft.DeliveredBy"/>), or null.</param>
    /// <returns>The compact JSON object: <c>{"id", "thread", "to": [...], "bytes", "urgent", "reply_to"?, "delivered_by"?}</c>.</returns>
    public static string SentData(Message sent, string? deliveredBy = null)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var data = new JsonObject
        {
            ["id"] = sent.Id,
            ["thread"] = sent.ThreadId,
            ["to"] = new JsonArray([.. sent.Recipients.Select(r => (JsonNode)JsonValue.Create(r.Recipient))]),
            ["bytes"] = Encoding.UTF8.GetByteCount(sent.Body),
            ["urgent"] = sent.Urgent,
        };
        if (sent.ReplyTo is { } parent)
        {
            data["reply_to"] = parent;
        }

        if (deliveredBy is not null)
        {
            data["delivered_by"] = deliveredBy;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="Taken"/>.</summary>
    /// <param name="ids">The ids taken, in order.</param>
    /// <param name="token">The claim's token.</param>
    /// <param name="retaken">The ids whose earlier claim was stale; empty for none.</param>
    /// <returns>The compact JSON object.</returns>
    public static string TakenData(IReadOnlyList<long> ids, string token, IReadOnlyList<long> retaken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(retaken);
        var data = new JsonObject { ["ids"] = Ids(ids), ["token"] = token };
        if (retaken.Count > 0)
        {
            data["retaken"] = Ids(retaken);
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="Delivered"/>.</summary>
    /// <param name="ids">The ids delivered, in order.</param>
    /// <param name="token">The claim's token.</param>
    /// <returns>The compact JSON object.</returns>
    public static string DeliveredData(IReadOnlyList<long> ids, string token) =>
        new JsonObject { ["ids"] = Ids(ids), ["token"] = token }.ToJsonString();

    /// <summary>Data of <see cref="Read"/>.</summary>
    /// <param name="ids">The ids marked read, in order.</param>
    /// <returns>The compact JSON object.</returns>
    public static string ReadData(IReadOnlyList<long> ids) => new JsonObject { ["ids"] = Ids(ids) }.ToJsonString();

    private static JsonArray Ids(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new JsonArray([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]);
    }
}
