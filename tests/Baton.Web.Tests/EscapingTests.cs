using System.Net;
using Baton.Core.Sessions;

namespace Baton.Web.Tests;

public sealed class EscapingTests : IAsyncLifetime
{
    private const string Script = "<script>alert('x')</script>";
    private const string TerminalEscapes = "\u001b]0;pwned\u0007\u001b[2J\u009b31m";
    private static readonly string Long = new('w', 200_000);
    private WebHarness _web = null!;

    public async Task InitializeAsync() => _web = await WebHarness.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task Hostile_text_from_sessions_is_escaped_made_printable_and_clipped_on_every_page()
    {
        var hostile = Script + TerminalEscapes + "\"'><img src=x onerror=alert(1)>" + Long;
        _web.AddSession("s-1", SessionStatus.WaitingPermission, task: hostile);
        using (var store = _web.OpenStore())
        {
            store.SendMessage(new Baton.Core.Messages.MessageDraft("human", ["s-1"], hostile, false), 100);
            store.AcquireLock("res-" + Script, "s-1", TimeSpan.FromMinutes(5), hostile);
            store.Enqueue("q", "{\"x\":\"" + Script + "\"}", 0, "s-1");
            store.AppendEvent("event." + "x", Script, "s-1", "{\"a\":\"" + Script + TerminalEscapes + "\"}");
        }

        using var client = _web.Bearer();
        foreach (var path in new[] { "/", "/sessions/s-1", "/locks", "/queues", "/events", "/events?type=%3Cscript%3E&session=%3Cscript%3E" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldNotContain("<script>alert", customMessage: path);
            html.ShouldNotContain("<img", customMessage: path);
            html.ShouldNotContain('\u001b', customMessage: path);
            html.ShouldNotContain('\u009b', customMessage: path);
            html.ShouldNotContain('\u0007', customMessage: path);
            html.Length.ShouldBeLessThan(60_000, path);
        }

        var session = await client.GetStringAsync("/sessions/s-1");
        session.ShouldContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
        session.ShouldContain("&lt;img src=x onerror=alert(1)&gt;");
        session.ShouldContain("…");
    }

    [Fact]
    public async Task A_session_id_with_markup_is_escaped_in_links_and_attributes()
    {
        _web.AddSession("s\"><b>x");
        using var client = _web.Bearer();
        var html = await client.GetStringAsync("/");
        html.ShouldNotContain("<b>x");
        html.ShouldContain("/sessions/s%22%3E%3Cb%3Ex");
    }
}
