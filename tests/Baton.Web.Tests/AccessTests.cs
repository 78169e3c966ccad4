using System.Net;

namespace Baton.Web.Tests;

public sealed class AccessTests : IAsyncLifetime
{
    private static readonly string[] Paths = ["/", "/tasks", "/locks", "/queues", "/events", "/live", "/sessions/s-1", "/sessions/s-1/kill", "/assets/baton.js"];
    private WebHarness _web = null!;

    public async Task InitializeAsync()
    {
        _web = await WebHarness.StartAsync();
        _web.AddSession("s-1");
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_refuses_a_request_without_the_token()
    {
        using var client = _web.Anonymous();
        foreach (var path in Paths)
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }
    }

    [Fact]
    public async Task A_wrong_token_or_cookie_is_refused()
    {
        using var client = _web.Anonymous();
        (await client.GetAsync("/?token=" + new string('0', 64))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "baton_web=" + new string('1', 64));
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_endpoint_answers_with_the_token_as_a_bearer()
    {
        using var client = _web.Bearer();
        foreach (var path in Paths)
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task A_foreign_host_is_refused_even_with_the_token()
    {
        using var client = _web.Bearer();
        foreach (var host in new[] { "evil.example", "127.0.0.1.evil.example", "192.168.1.10" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/?token=" + WebHarness.Token);
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, host);
            response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }
    }

    [Fact]
    public async Task The_link_with_the_token_sets_an_http_only_strict_cookie_that_admits_later_requests()
    {
        using var client = _web.Anonymous();
        using var first = await client.GetAsync("/?token=" + WebHarness.Token);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("baton_web=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        using var later = new HttpRequestMessage(HttpMethod.Get, "/events");
        later.Headers.Add("Cookie", cookie.Split(';')[0]);
        (await client.SendAsync(later)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_send_a_strict_content_security_policy_and_load_nothing_from_elsewhere()
    {
        using var client = _web.Bearer();
        foreach (var path in new[] { "/", "/tasks", "/locks", "/queues", "/events", "/sessions/s-1" })
        {
            using var response = await client.GetAsync(path);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            policy.ShouldContain("default-src 'none'");
            policy.ShouldContain("script-src 'self'");
            policy.ShouldNotContain("unsafe-inline");
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldNotContain("http://", customMessage: path);
            html.ShouldNotContain("https://", customMessage: path);
            html.ShouldNotContain("<script>", customMessage: path);
        }
    }
}
