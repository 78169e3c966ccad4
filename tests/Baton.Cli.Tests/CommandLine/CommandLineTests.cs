using Baton.Cli.CommandLine;
using Baton.Core.Sessions;
using Baton.Testing;

namespace Baton.Cli.Tests.CommandLine;

/// <summary>The command line as a person first meets it: <c>help</c> and <c>version</c> as words, parse errors that say what
/// is expected, and an unexpected failure that is one line and exit 3 with the details in the log.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public void Help_as_a_word_prints_what_dash_dash_help_prints()
    {
        var word = _cli.Run("help");
        var option = _cli.Run("--help");

        word.ExitCode.ShouldBe(0, word.Error);
        word.Output.ShouldBe(option.Output);
        word.Output.ShouldContain("Usage:");
    }

    [Fact]
    public void Help_followed_by_a_command_prints_that_commands_help()
    {
        var word = _cli.Run("help", "lock", "acquire");
        var option = _cli.Run("lock", "acquire", "--help");

        word.ExitCode.ShouldBe(0, word.Error);
        word.Output.ShouldBe(option.Output);
        word.Output.ShouldContain("--ttl");
    }

    [Fact]
    public void Version_as_a_word_prints_what_dash_dash_version_prints()
    {
        var word = _cli.Run("version");
        var option = _cli.Run("--version");

        word.ExitCode.ShouldBe(0, word.Error);
        word.Output.ShouldBe(option.Output);
        word.Output.Trim().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(new[] { "lock", "acquire", "db", "--ttl", "ten" }, "'ten' is not a valid --ttl: give a whole number of seconds.")]
    [InlineData(new[] { "inbox", "--wait", "1.5" }, "'1.5' is not a valid --wait: give a whole number of seconds.")]
    [InlineData(new[] { "prune", "--heartbeat-limit", "x" }, "'x' is not a valid --heartbeat-limit: give a whole number of minutes.")]
    [InlineData(new[] { "gc", "--older-than", "week" }, "'week' is not a valid --older-than: give a whole number of days.")]
    [InlineData(new[] { "history", "--limit", "many" }, "'many' is not a valid --limit: give a whole number.")]
    [InlineData(new[] { "queue", "release", "jobs", "abc" }, "'abc' is not a valid <id>: give a whole number.")]
    [InlineData(new[] { "thread", "x" }, "'x' is not a valid <message-id>: give a whole number.")]
    public void A_value_that_is_not_a_whole_number_says_what_is_expected_not_a_dotnet_type(string[] args, string expected)
    {
        var result = _cli.Run(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("baton: " + expected);
        result.Error.ShouldNotContain("System.");
        result.Error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_3_with_the_stack_trace_in_the_log()
    {
        // Given a session whose liveness check fails in a way no command expects
        _cli.Record("c0ffee00-0000-4000-8000-000000000001", HookEvents.SessionStart);
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, null, TimeProvider.System, new FailingLiveness());
        var output = new StringWriter();
        var error = new StringWriter();

        // When a command meets it
        var exitCode = BatonCommandLine.Run(["ls"], environment, output, error);

        // Then the person sees one line and exit 3, and the log has the details
        exitCode.ShouldBe(3);
        error.ToString().Trim().Split('\n').Length.ShouldBe(1, error.ToString());
        error.ToString().ShouldContain("liveness probe broke");
        error.ToString().ShouldContain(_cli.Home.LogPath);
        error.ToString().ShouldNotContain("   at ");
        var log = File.ReadAllText(_cli.Home.LogPath);
        log.ShouldContain("InvalidProgramException");
        log.ShouldContain(nameof(FailingLiveness));
    }

    public void Dispose() => _cli.Dispose();

    private sealed class FailingLiveness : ISessionLiveness
    {
        public bool IsGone(Session session) => throw new InvalidProgramException("liveness probe broke");
    }
}
