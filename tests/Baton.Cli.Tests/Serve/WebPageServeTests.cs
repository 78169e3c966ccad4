using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// <c>baton serve --port</c> as a real process: the web page on a loopback port with the token kept in the 0600
/// config.json, refused without it or through a foreign <c>Host</c> over real Kestrel, named by <c>serve status</c> and by a
/// second server that cannot start.
/// </summary>
public sealed class WebPageServeTests : IAsyncLifetime
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }); // each request shows its own credentials
    private ResidentServerProcess? _server;

    public WebPageServeTests() => _baton = new BatonCli(_sandbox);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _sandbox.Dispose();
    }

    [Fact]
    public async Task The_page_listens_on_loopback_with_the_token_of_the_private_config_and_refuses_anything_else()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox, "--port", "0");
        var port = (await _server.StatusAsync())!["web_port"]!.GetValue<int>();
        var config = Path.Combine(_sandbox.BatonHome, "config.json");
        File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var token = JsonNode.Parse(await File.ReadAllTextAsync(config))!["web_token"]!.GetValue<string>();
        token.Length.ShouldBe(64);

        using (var page = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/?token={token}")))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldContain("<main id=\"live\"");
        }

        (await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/?token={token}"));
        rebound.Headers.Host = "attacker.example";
        (await _http.SendAsync(rebound)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var scripted = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://localhost:{port}/events"));
        scripted.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await _http.SendAsync(scripted)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_server_says_where_the_first_ones_page_is()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox, "--port", "0");
        var port = (await _server.StatusAsync())!["web_port"]!.GetValue<int>();

        var second = await _baton.RunAsync("serve", "--port", "0");

        second.ExitCode.ShouldBe(1);
        second.StdErr.ShouldContain($"its page at http://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task A_port_out_of_range_is_refused_as_bad_input()
    {
        var refused = await _baton.RunAsync("serve", "--port", "70000");

        refused.ExitCode.ShouldBe(2);
        refused.StdErr.ShouldContain("--port takes a TCP port from 0 to 65535");
    }
}
