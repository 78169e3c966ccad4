using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Baton.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// The web page of <c>baton serve --port 0</c> in a real browser (Debian's chromium through Selenium, <see cref="HeadlessChromium"/>),
/// over real claude sessions that <c>baton new</c> starts in real tmux against the scripted model server: the page lists
/// them, moves one that starts waiting for a permission to the top without a reload (the live stream), wakes an idle one
/// with a message sent from the page, and kills one from the page. Screenshots of the pages go to the test's output folder
/// (<c>screenshots/</c> beside the test assembly).
/// </summary>
public sealed class WebDashboardEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;
    private readonly ConcurrentDictionary<string, ModelStep[]> _scripts = new(StringComparer.Ordinal); // read by the model server's threads
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public WebDashboardEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output, "--port", "0");
        Directory.CreateDirectory(_screenshots);
    }

    [Fact]
    public async Task The_page_lists_real_sessions_moves_a_permission_wait_to_the_top_live_wakes_an_idle_session_and_kills_one()
    {
        // Given alpha and bravo, two real sessions idle at their prompts, and the page open in a browser
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(ModelRequests.ByMarker(_scripts));
        _scripts["ALPHA-TASK"] = [ModelStep.Text("Alpha ready.")];
        _scripts["BRAVO-TASK"] = [ModelStep.Text("Bravo ready.")];
        var ids = new Dictionary<string, string>
        {
            ["alpha"] = await _workspace.StartSession(model, "alpha", "ALPHA-TASK: stand by.", [], [.. ClaudeCli.AskingPermissionMode]),
            ["bravo"] = await _workspace.StartSession(model, "bravo", "BRAVO-TASK: stand by.", [], [.. ClaudeCli.AskingPermissionMode]),
        };
        foreach (var name in ids.Keys)
        {
            await Eventually.Until(async () => (await _workspace.Session(name))?["status"]?.GetValue<string>() == "waiting_input", Patience, $"{name} waits for input");
        }

        using var browser = HeadlessChromium.Start(_workspace.Sandbox.CreateDirectory("chromium"), _workspace.Sandbox.Home);
        var link = await PageLink();
        browser.Navigate().GoToUrl(link);
        await Eventually.Until(() => Rows(browser).Count == 2, Patience, "the sessions page lists both sessions");
        Rows(browser).Select(r => r.Id).ShouldBe(ids.Values, ignoreOrder: true);
        browser.Url.ShouldNotContain("token=", customMessage: "the token left the address bar for a cookie");
        Screenshot(browser, "1-sessions");

        // When the session listed second starts waiting for a permission
        browser.ExecuteScript("window.batonNotReloaded = true;");
        var second = Rows(browser)[1].Id;
        var waiter = ids.Single(p => p.Value == second).Key;
        var marker = waiter.ToUpperInvariant() + "-PERM";
        _scripts[marker] = [ModelStep.ToolUse("Write", new { file_path = Path.Combine(_workspace.Repo.Path, waiter + ".txt"), content = "notes\n" }), ModelStep.Text("Written.")];
        var pane = Pane(await _workspace.Session(waiter));
        _workspace.Tmux.SendText(pane, marker + ": write the notes.");
        _workspace.Tmux.SendKeys(pane, "Enter");

        // Then it moves to the top of the open page, marked waiting_permission, without a reload
        await Eventually.Until(() => Rows(browser) is [var top, ..] && top.Id == second && top.Status == "waiting_permission", Patience, $"{waiter} moves to the top as waiting_permission");
        browser.ExecuteScript("return window.batonNotReloaded === true;").ShouldBe(true, "the page was not reloaded");
        Screenshot(browser, "2-sessions-permission-first");

        // When a person sends the idle session a message from its page
        var idle = ids.Single(p => p.Value != second);
        browser.Navigate().GoToUrl(link.GetLeftPart(UriPartial.Authority) + "/sessions/" + idle.Value);
        const string text = "Please rebase on main, sent from the web page.";
        browser.FindElement(By.CssSelector("#send textarea[name=text]")).SendKeys(text);
        Screenshot(browser, "3-session-before-send");
        browser.FindElement(By.CssSelector("#send button[type=submit]")).Click();

        // Then the idle session is woken, and its model request holds the text
        var idleMarker = idle.Key.ToUpperInvariant() + "-TASK";
        await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, idleMarker) && ModelRequests.LastUserText(r).Contains(text, StringComparison.Ordinal), Patience);
        await Eventually.Until(() => TextOf(browser, "#messages pre").Contains(text, StringComparison.Ordinal), Patience, "the session's page shows the message");
        Screenshot(browser, "4-session-after-send");

        // When the person kills the waiting session from its page, confirming
        browser.Navigate().GoToUrl(link.GetLeftPart(UriPartial.Authority) + "/sessions/" + second);
        browser.FindElement(By.Id("kill")).Click();
        Screenshot(browser, "5-kill-confirmation");
        browser.FindElement(By.CssSelector("#confirm-kill button[type=submit]")).Click();

        // Then the session ends: gone from the live sessions, in history as killed, its claude gone
        await Eventually.Until(async () => await _workspace.Session(waiter) is null, Patience, $"{waiter} is no longer live");
        var history = JsonNode.Parse((await _workspace.Baton.RunAsync("history", "--json")).EnsureSuccess("baton history").StdOut)!.AsArray();
        history.Single(s => s!["session_id"]!.GetValue<string>() == second)!["end_reason"]!.GetValue<string>().ShouldBe("killed");
        browser.Navigate().GoToUrl(link.GetLeftPart(UriPartial.Authority) + "/");
        await Eventually.Until(() => Rows(browser).Select(r => r.Id).SequenceEqual([idle.Value]), Patience, "the page lists only the session left");
        Screenshot(browser, "6-sessions-after-kill");
        foreach (var section in new[] { "tasks", "locks", "queues", "events" })
        {
            browser.Navigate().GoToUrl(link.GetLeftPart(UriPartial.Authority) + "/" + section);
            Screenshot(browser, "7-" + section);
        }
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The page's link: the server's web port (<c>baton serve status --json</c>) and the token in its config.json.</summary>
    private async Task<Uri> PageLink()
    {
        var port = (await _workspace.Server.StatusAsync())!["web_port"]!.GetValue<int>();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_workspace.Sandbox.BatonHome, "config.json")))!;
        return new Uri($"http://127.0.0.1:{port}/?token={config["web_token"]!.GetValue<string>()}");
    }

    /// <summary>The text of every element <paramref name="selector"/> matches, read in one script run: the live part of the
    /// page may be replaced between two WebDriver calls, never during one script.</summary>
    private static string TextOf(ChromeDriver browser, string selector) =>
        (string)browser.ExecuteScript("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent).join('\\n');", selector)!;

    private static List<(string Id, string Status)> Rows(ChromeDriver browser)
    {
        try
        {
            return browser.FindElements(By.CssSelector("#sessions tbody tr"))
                .Select(r => (r.GetDomAttribute("data-session") ?? "", r.GetDomAttribute("data-status") ?? ""))
                .ToList();
        }
        catch (StaleElementReferenceException)
        {
            return []; // the live part was replaced while it was read: read again
        }
    }

    private void Screenshot(ChromeDriver browser, string name)
    {
        var path = Path.Combine(_screenshots, name + ".png");
        browser.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"screenshot: {path}");
    }

    private static string Pane(JsonNode? session) => session!["tmux_pane"]!.GetValue<string>();
}
