using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Baton.Cli.Serve;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// <c>baton serve --port</c> as a real process: the web page on a loopback port with the token kept in the 0600
/// config.json, refused without it or through a foreign <c>Host</c> over real Kestrel, named by <c>serve status</c> and by a
/// second server that cannot start; and <c>baton serve start</c>, <c>--web</c> and the user service, which serve it on the
/// port kept in config.json.
/// </summary>
public sealed class WebPageServeTests : IAsyncLifetime
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }); // each request shows its own credentials
    private ResidentServerProcess? _server;
    private bool _startedInBackground;

    public WebPageServeTests() => _baton = new BatonCli(_sandbox);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_startedInBackground)
        {
            await _baton.RunAsync("serve", "stop");
        }

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

    [Fact]
    public async Task Serve_start_serves_the_page_on_a_port_kept_across_restarts_and_status_prints_its_link()
    {
        _startedInBackground = true;
        var started = (await _baton.RunAsync("serve", "start")).EnsureSuccess("serve start");
        var port = KeptPort();
        var token = Config()["web_token"]!.GetValue<string>();
        var link = $"http://127.0.0.1:{port}/?token={token}";
        started.StdOut.ShouldContain($"Its page: {link}");
        (await WebPortOfStatusAsync()).ShouldBe(port);
        (await _baton.RunAsync("serve", "status")).EnsureSuccess("serve status").StdOut.ShouldContain($"Its page: {link}");
        using (var page = await _http.GetAsync(new Uri(link)))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldContain("<main id=\"live\"");
        }

        (await _baton.RunAsync("serve", "stop")).EnsureSuccess("serve stop");
        (await _baton.RunAsync("serve", "start")).EnsureSuccess("serve start again").StdOut.ShouldContain($"Its page: {link}");

        (await WebPortOfStatusAsync()).ShouldBe(port);
        KeptPort().ShouldBe(port);
        File.GetUnixFileMode(Path.Combine(_sandbox.BatonHome, "config.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task A_kept_port_another_program_took_is_given_up_for_a_free_one_that_is_kept()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        Directory.CreateDirectory(_sandbox.BatonHome);
        await File.WriteAllTextAsync(Path.Combine(_sandbox.BatonHome, "config.json"), $"{{\"web_port\": {taken}}}");

        _server = await ResidentServerProcess.StartAsync(_sandbox, "--web");

        var port = await WebPortOfStatusAsync();
        port.ShouldNotBe(taken);
        KeptPort().ShouldBe(port);
        (await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/?token={Config()["web_token"]!.GetValue<string>()}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Port_and_web_together_are_refused_as_bad_input()
    {
        var refused = await _baton.RunAsync("serve", "--port", "0", "--web");

        refused.ExitCode.ShouldBe(2);
        refused.StdErr.ShouldContain("--port and --web each choose the page's port");
    }

    [Fact]
    public void The_user_service_serves_the_page_on_the_kept_port()
    {
        var unit = new SystemdUserService().Definition(new Baton.ClaudeCode.Settings.HookCommand("/opt/baton/baton", []), new Baton.Core.Home.BatonHome(_sandbox.BatonHome));

        unit.ShouldContain("ExecStart=\"/opt/baton/baton\" \"serve\" \"--web\"");
    }

    /// <summary>No macOS here: the agent's plist is checked as launchd reads it (a property list), not loaded by launchctl.</summary>
    [Fact]
    public void The_launchd_agent_runs_serve_web_with_the_home_at_load_and_again_after_a_failure()
    {
        var home = Path.Combine(_sandbox.BatonHome, "a & <b>");
        var text = new LaunchdAgent().Definition(new Baton.ClaudeCode.Settings.HookCommand("/opt/baton/baton", ["--x"]), new Baton.Core.Home.BatonHome(home));

        text.ShouldStartWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        var plist = System.Xml.Linq.XDocument.Parse(text);
        plist.DocumentType!.PublicId.ShouldBe("-//Apple//DTD PLIST 1.0//EN");
        var dict = plist.Root!.Element("dict")!.Elements().ToList();
        string? ValueOf(string key) => dict.SkipWhile(e => e.Name != "key" || e.Value != key).Skip(1).FirstOrDefault()?.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        ValueOf("Label").ShouldBe("<string>dev.baton.serve</string>");
        ValueOf("ProgramArguments").ShouldBe("<array><string>/opt/baton/baton</string><string>--x</string><string>serve</string><string>--web</string></array>");
        ValueOf("EnvironmentVariables").ShouldBe($"<dict><key>BATON_HOME</key><string>{System.Security.SecurityElement.Escape(home)}</string></dict>");
        ValueOf("RunAtLoad").ShouldBe("<true />");
        ValueOf("KeepAlive").ShouldBe("<dict><key>SuccessfulExit</key><false /></dict>");
        new LaunchdAgent().DefinitionPath("/Users/ada").ShouldBe("/Users/ada/Library/LaunchAgents/dev.baton.serve.plist");
    }

    private JsonNode Config() => JsonNode.Parse(File.ReadAllText(Path.Combine(_sandbox.BatonHome, "config.json")))!;

    private int KeptPort() => Config()["web_port"]!.GetValue<int>();

    private async Task<int> WebPortOfStatusAsync() =>
        JsonNode.Parse((await _baton.RunAsync("serve", "status", "--json")).EnsureSuccess("serve status --json").StdOut)!["web_port"]!.GetValue<int>();
}
