using Baton.Testing;

namespace Baton.Tmux.Tests;

public sealed class TmuxSocketTests
{
    [Fact]
    public void The_TMUX_variable_names_socket_server_pid_and_session_index()
    {
        TmuxContext.Parse("/tmp/tmux-1000/default,4242,3").ShouldBe(new TmuxContext("/tmp/tmux-1000/default", 4242, 3));
        TmuxContext.Parse("/tmp/odd,name/sock,1,0")!.SocketPath.ShouldBe("/tmp/odd,name/sock");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/tmp/tmux-1000/default")]
    [InlineData("/tmp/tmux-1000/default,abc,0")]
    [InlineData(",1,0")]
    public void A_missing_or_malformed_TMUX_variable_means_not_inside_tmux(string? value)
    {
        TmuxContext.Parse(value).ShouldBeNull();
        TmuxSocket.Current(new Dictionary<string, string?> { ["TMUX"] = value }).ShouldBe(TmuxSocket.Default);
    }

    [Fact]
    public void Inside_tmux_the_current_socket_is_the_enclosing_server()
    {
        var socket = TmuxSocket.Current(new Dictionary<string, string?>
        {
            ["TMUX"] = "/tmp/tmux-1000/work,4242,3",
            ["TMUX_PANE"] = "%7",
        });

        socket.Arguments.ShouldBe(["-S", "/tmp/tmux-1000/work"]);
        socket.Inside.ShouldBe(new TmuxContext("/tmp/tmux-1000/work", 4242, 3));
        socket.InsidePane.ShouldBe("%7");
    }

    [Fact]
    public void The_default_server_is_chosen_by_name_so_an_inherited_TMUX_cannot_redirect_it()
    {
        TmuxSocket.Default.Arguments.ShouldBe(["-L", "default"]);
        TmuxSocket.Named("mine").Arguments.ShouldBe(["-L", "mine"]);
        TmuxSocket.Path("/run/sock").Arguments.ShouldBe(["-S", "/run/sock"]);
        Should.Throw<ArgumentException>(() => TmuxSocket.Named("a/b"));
    }

    [Fact]
    public void Without_tmux_on_the_search_path_the_error_says_how_to_install_it()
    {
        using var empty = TempDirectory.Create("baton-no-tmux-");

        var error = Should.Throw<TmuxMissingException>(() => TmuxClient.Locate(TmuxSocket.Default, searchPath: empty.Path));

        error.Message.ShouldBe("tmux is not installed: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS)");
    }

    [Fact]
    public void Session_names_are_sanitized_as_tmux_does()
    {
        TmuxClient.SanitizeSessionName("repo.main:1").ShouldBe("repo_main_1");
        TmuxClient.SanitizeSessionName("tab\there").ShouldBe("tab_here");
        TmuxClient.SanitizeSessionName("plain-name").ShouldBe("plain-name");
    }
}
