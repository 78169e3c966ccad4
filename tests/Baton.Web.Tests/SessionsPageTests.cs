using Baton.Core.Sessions;

namespace Baton.Web.Tests;

public sealed class SessionsPageTests : IAsyncLifetime
{
    private WebHarness _web = null!;

    public async Task InitializeAsync() => _web = await WebHarness.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task Sessions_waiting_for_a_person_come_first_permission_before_input()
    {
        _web.AddSession("a-running");
        _web.AddSession("b-input", SessionStatus.WaitingInput);
        _web.AddSession("c-permission", SessionStatus.WaitingPermission);
        using var client = _web.Bearer();

        var html = await client.GetStringAsync("/");

        var order = new[] { "c-permission", "b-input", "a-running" }.Select(id => html.IndexOf($"data-session=\"{id}\"", StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i > 0);
        order.ShouldBeInOrder();
    }

    [Fact]
    public async Task The_status_filter_shows_only_that_status()
    {
        _web.AddSession("a-running");
        _web.AddSession("c-permission", SessionStatus.WaitingPermission);
        using var client = _web.Bearer();

        var html = await client.GetStringAsync("/?status=waiting_permission");

        html.ShouldContain("data-session=\"c-permission\"");
        html.ShouldNotContain("data-session=\"a-running\"");
    }
}
