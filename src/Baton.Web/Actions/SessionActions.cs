using Baton.Core;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Actions;

/// <summary>
/// The page's actions on a session, each a POST of a form that carries the anti-forgery token (checked before, by
/// <see cref="Security.FormGuard"/>), done as the person (<c>human</c>) through the same Core code as the CLI: send a
/// message (<see cref="Messenger.Send(string, string, string, bool, long?)"/>, which a waiting session's wake hook
/// delivers), answer in a thread (<see cref="Messenger.Reply"/>, form fields <c>message</c> and <c>text</c>), rename (here and in the session's claude, <see cref="IPageActions.Renamed"/>), set the task, mark a wait as seen (<see cref="SessionRegistry"/>), kill (<see cref="IPageActions.Kill"/>, only with
/// <c>confirm=yes</c> from the confirmation page). Each answers 303 back to the session's page.
/// </summary>
internal static class SessionActions
{
    /// <summary>Runs the action <paramref name="action"/> (<c>send</c>, <c>reply</c>, <c>rename</c>, <c>task</c>, <c>ack</c> or <c>kill</c>) on a session.</summary>
    /// <param name="context">The request.</param>
    /// <param name="options">The page's options.</param>
    /// <param name="stores">The page's stores.</param>
    /// <param name="session">The session.</param>
    /// <param name="action">The action's name, from the path.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    /// <exception cref="UserErrorException">The form is incomplete or the action is unknown.</exception>
    public static async Task RunAsync(HttpContext context, WebDashboardOptions options, StoreAccess stores, Session session, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(session);
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var id = session.SessionId;
        var human = SessionRegistry.HumanActor;
        switch (action)
        {
            case "send":
                var text = form["text"].ToString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new UserErrorException("Write a message first.");
                }

                stores.Use(store => MessengerFor(store, options).Send(id, text, human));
                break;
            case "reply":
                var answer = form["text"].ToString();
                if (string.IsNullOrWhiteSpace(answer) || !long.TryParse(form["message"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var messageId))
                {
                    throw new UserErrorException("Write a reply to a message of the thread first.");
                }

                stores.Use(store => MessengerFor(store, options).Reply(messageId, answer, human));
                break;
            case "rename":
                var renamed = stores.Use(store => Registry(store, options).Rename(id, form["name"].ToString().Trim(), human));
                await Task.Run(() => options.Actions.Renamed(renamed), CancellationToken.None).ConfigureAwait(false);
                break;
            case "task":
                var task = form["task"].ToString().Trim();
                stores.Use(store => Registry(store, options).SetTask(id, task.Length == 0 ? null : task, human));
                break;
            case "ack":
                stores.Use(store => Registry(store, options).Acknowledge(id, human));
                break;
            case "kill" when form["confirm"] == "yes":
                await Task.Run(() => options.Actions.Kill(session), CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                throw new UserErrorException($"No action '{action}' here.");
        }

        context.Response.Redirect("/sessions/" + Uri.EscapeDataString(id), permanent: false);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    private static SessionRegistry Registry(IBatonStore store, WebDashboardOptions options) => new(store, options.Liveness, options.Time);

    private static Messenger MessengerFor(IBatonStore store, WebDashboardOptions options) =>
        new(store, Registry(store, options), options.Time, MessageLimits.InboxLimit(options.Home));
}
