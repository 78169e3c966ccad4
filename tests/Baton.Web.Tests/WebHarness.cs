using System.Net;
using System.Text.RegularExpressions;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage;
using Baton.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Baton.Web.Tests;

/// <summary>The page in process on ASP.NET Core's test server, over a throwaway Baton home with its SQLite store; kills
/// are recorded, not done.</summary>
internal sealed partial class WebHarness : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly BatonSandbox _sandbox;
    private readonly StoreChangeBroadcast _changes;
    private readonly WebApplication _application;

    private WebHarness(BatonSandbox sandbox, BatonHome home, StoreChangeBroadcast changes, WebApplication application, RecordingActions actions)
    {
        _sandbox = sandbox;
        Home = home;
        _changes = changes;
        _application = application;
        Actions = actions;
    }

    public BatonHome Home { get; }

    public RecordingActions Actions { get; }

    public static async Task<WebHarness> StartAsync()
    {
        var sandbox = BatonSandbox.Create();
        var home = new BatonHome(sandbox.BatonHome);
        home.EnsureCreated();
        var stores = StoreSelection.For(home, TimeProvider.System);
        var changes = new StoreChangeBroadcast(stores, out _);
        var actions = new RecordingActions();
        var options = new WebDashboardOptions(home, stores, changes, new NeverGone(), TimeProvider.System, actions);
        var application = WebApp.Build(options, Token, builder => builder.WebHost.UseTestServer());
        await application.StartAsync();
        return new WebHarness(sandbox, home, changes, application, actions);
    }

    /// <summary>A client with no credentials; its base address is http://localhost/.</summary>
    public HttpClient Anonymous() => _application.GetTestServer().CreateClient();

    /// <summary>A client that shows the token as a bearer.</summary>
    public HttpClient Bearer()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public IBatonStore OpenStore() => StoreSelection.For(Home, TimeProvider.System).Open();

    public Session AddSession(string id, SessionStatus status = SessionStatus.Running, string? task = null, string? name = null)
    {
        using var store = OpenStore();
        var now = DateTimeOffset.UtcNow;
        return store.UpdateSession(id, _ => new SessionChange(
            new Session { SessionId = id, Name = name, Status = status, Task = task, Project = "api", StartedAt = now, UpdatedAt = now },
            "session.status",
            id,
            null))!;
    }

    /// <summary>Loads a session's page and returns the anti-forgery field's value and the cookies to post it with.</summary>
    public async Task<(string Field, string Cookies)> FormTokenAsync(HttpClient client, string sessionId)
    {
        var page = await client.GetAsync($"/sessions/{sessionId}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var field = FieldValue().Match(html);
        field.Success.ShouldBeTrue("the session page's forms carry the anti-forgery field");
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (WebUtility.HtmlDecode(field.Groups[1].Value), cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await _application.StopAsync();
        await _application.DisposeAsync();
        _changes.Dispose();
        _sandbox.Dispose();
    }

    [GeneratedRegex("name=\"__baton_form\" value=\"([^\"]+)\"")]
    private static partial Regex FieldValue();

    public sealed class RecordingActions : IPageActions
    {
        public List<string> Killed { get; } = [];

        public List<string> Renamed { get; } = [];

        public void Kill(Session session) => Killed.Add(session.SessionId);

        void IPageActions.Renamed(Session session) => Renamed.Add($"{session.SessionId}={session.Name}");
    }

    private sealed class NeverGone : ISessionLiveness
    {
        public bool IsGone(Session session) => false;
    }
}
