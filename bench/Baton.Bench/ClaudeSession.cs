using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Bench;

/// <summary>
/// A real interactive <c>claude</c> started by the real <c>baton new --detach --name NAME --task TASK</c> in the bench's tmux
/// server (the <c>default</c> socket under the sandbox's <c>TMUX_TMPDIR</c>), pointed at a scripted model server with the
/// sandbox's HOME (<see cref="ClaudeCli.Environment"/>), as tests/Baton.EndToEnd does. Seen through <c>baton ls --json</c>.
/// Dispose runs <c>baton kill NAME</c>.
/// </summary>
internal sealed class ClaudeSession : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly BenchContext _context;
    private readonly Sandbox _sandbox;

    private ClaudeSession(BenchContext context, Sandbox sandbox, string name)
    {
        _context = context;
        _sandbox = sandbox;
        Name = name;
    }

    /// <summary>The session's name.</summary>
    public string Name { get; }

    /// <summary>Starts claude in <paramref name="project"/> with <paramref name="task"/> as its first prompt.</summary>
    /// <param name="context">Gives the baton apphost.</param>
    /// <param name="sandbox">Gives HOME (prepared with <see cref="ClaudeCli.PrepareHome"/>, hooks installed) and BATON_HOME.</param>
    /// <param name="tmux">The server <c>baton new</c> starts the session in (its <see cref="TmuxServer.ClientEnvironment"/>).</param>
    /// <param name="modelBaseUrl">The scripted model server.</param>
    /// <param name="project">The working directory.</param>
    /// <param name="name">The session's name.</param>
    /// <param name="task">The task, also the first prompt.</param>
    /// <returns>The session (registered; claude may still be starting).</returns>
    /// <exception cref="InvalidOperationException"><c>baton new</c> failed.</exception>
    public static ClaudeSession Start(BenchContext context, Sandbox sandbox, TmuxServer tmux, string modelBaseUrl, string project, string name, string task)
    {
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(modelBaseUrl, sandbox.UserHome), StringComparer.Ordinal);
        foreach (var (key, value) in tmux.ClientEnvironment)
        {
            environment[key] = value;
        }

        environment["PATH"] = string.Join(':', Path.GetDirectoryName(ClaudeCli.ExecutablePath), Environment.GetEnvironmentVariable("PATH"));
        var started = ChildProcess.Run(context.Baton, ["new", "--detach", "--name", name, "--task", task, project], sandbox, project, extra: environment);
        return started.ExitCode == 0
            ? new ClaudeSession(context, sandbox, name)
            : throw new InvalidOperationException($"baton new exited {started.ExitCode}: {started.Stderr.Trim()}");
    }

    /// <summary>The session as <c>baton ls --json</c> shows it now; null when it is not listed.</summary>
    /// <returns>Its JSON object.</returns>
    public JsonObject? Find()
    {
        var listed = ChildProcess.Check(_sandbox, _sandbox.Root, _context.Baton, "ls", "--json");
        return JsonNode.Parse(listed)!.AsArray().OfType<JsonObject>().SingleOrDefault(s => (string?)s["name"] == Name);
    }

    /// <summary>Polls <c>baton ls --json</c> until the session satisfies <paramref name="condition"/>.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeout">How long at most.</param>
    /// <param name="what">What is waited for, for the error.</param>
    /// <returns>The session as last listed.</returns>
    /// <exception cref="TimeoutException">It did not happen in time.</exception>
    public JsonObject WaitFor(Func<JsonObject, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonObject? last = null;
        while (clock.Elapsed < timeout)
        {
            last = Find();
            if (last is not null && condition(last))
            {
                return last;
            }

            Thread.Sleep(PollInterval);
        }

        throw new TimeoutException($"{Name} did not {what} within {timeout.TotalSeconds:0} s; last listed as {last?.ToJsonString() ?? "(not listed)"}");
    }

    /// <inheritdoc/>
    public void Dispose() => ChildProcess.Run(_context.Baton, ["kill", Name], _sandbox, _sandbox.Root);
}
