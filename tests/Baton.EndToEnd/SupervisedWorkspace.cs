using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// A throwaway workspace for end-to-end tests of sessions that <c>baton new</c> starts in real tmux: a sandbox (HOME and
/// BATON_HOME), a git repository <c>shop</c> that claude trusts, Baton's hooks installed by <c>baton hooks install</c>
/// (baton-relay; with the claude under test on PATH, so they wake idle sessions as that claude's users' do: through its
/// messaging socket where it has one, else wake hooks) and a resident server they reach,
/// tmux on a socket under a TMUX_TMPDIR of its own, and a <see cref="Bin"/> folder first on the sessions' PATH that holds
/// <c>baton</c> (so an agent's Bash tool can run it) and any fake program a test puts there. Disposing it writes the panes,
/// Baton's log and journal to the test's output, then kills its tmux server and deletes everything.
/// </summary>
internal sealed class SupervisedWorkspace : IDisposable
{
    private readonly ITestOutputHelper _output;

    /// <summary>Makes the workspace.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="serveArguments">More arguments of the resident server's <c>baton serve</c>, for example <c>--port 0</c>.</param>
    public SupervisedWorkspace(ITestOutputHelper output, params string[] serveArguments)
        : this(output, new Dictionary<string, string?>(), serveArguments)
    {
    }

    /// <summary>A workspace whose processes all get <paramref name="machine"/> as well (see <see cref="BatonSandbox.Variables"/>),
    /// for example another <c>BATON_HOST</c> and a shared <c>BATON_STORE_URL</c>.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="machine">The machine's variables.</param>
    /// <param name="serveArguments">More arguments of the resident server's <c>baton serve</c>.</param>
    public SupervisedWorkspace(ITestOutputHelper output, IReadOnlyDictionary<string, string?> machine, params string[] serveArguments)
    {
        _output = output;
        foreach (var (name, value) in machine)
        {
            Sandbox.Variables[name] = value;
        }

        Baton = new BatonCli(Sandbox);
        Repo = GitRepository.Create(Sandbox.Root, "shop", "main");
        ClaudeCli.PrepareHome(Sandbox.Home, ClaudeCli.FakeApiKey, Repo.Path);
        Bin = Sandbox.CreateDirectory("bin");
        File.CreateSymbolicLink(Path.Combine(Bin, "baton"), BatonCli.ExecutablePath);
        Baton.RunAsync(["hooks", "install"], environment: ClaudeCli.OnPath).GetAwaiter().GetResult().EnsureSuccess("baton hooks install");
        Server = ResidentServerProcess.StartAsync(Sandbox, serveArguments).GetAwaiter().GetResult();
    }

    public BatonSandbox Sandbox { get; } = BatonSandbox.Create();

    public TmuxServer Tmux { get; } = new("default");

    public BatonCli Baton { get; }

    /// <summary>The resident server the installed hooks reach through baton-relay.</summary>
    public ResidentServerProcess Server { get; }

    public GitRepository Repo { get; }

    /// <summary>A folder first on the sessions' PATH.</summary>
    public string Bin { get; }

    /// <summary>What claude and <c>baton</c> run with: the model server, the sandbox, <see cref="Bin"/> and claude on PATH, this tmux.</summary>
    public Dictionary<string, string?> ClaudeEnvironment(ScriptedModelServer model)
    {
        var env = ClaudeCli.Environment(model.BaseUrl, Sandbox.Home).ToDictionary(p => p.Key, p => (string?)p.Value);
        env["BATON_HOME"] = Sandbox.BatonHome;
        foreach (var (name, value) in Sandbox.Variables)
        {
            env[name] = value;
        }

        env["PATH"] = Bin + ":" + ClaudeCli.SearchPath;
        foreach (var (name, value) in Tmux.ClientEnvironment)
        {
            env[name] = value;
        }

        return env;
    }

    /// <summary>Runs <c>baton</c> in the repository with <see cref="ClaudeEnvironment"/>.</summary>
    public Task<ProcessResult> Run(ScriptedModelServer model, params string[] args) =>
        Baton.RunAsync(args, environment: ClaudeEnvironment(model), workingDirectory: Repo.Path);

    /// <summary>Starts a named interactive session with <c>baton new</c> and returns its session id once SessionStart bound it.</summary>
    /// <param name="model">The model server it talks to.</param>
    /// <param name="name">Its name.</param>
    /// <param name="task">Its task, which is also its first prompt.</param>
    /// <param name="batonArgs">More options of <c>baton new</c>, for example <c>--task-list plan</c>.</param>
    /// <param name="claudeArgs">Arguments for claude.</param>
    /// <returns>Its session id.</returns>
    public async Task<string> StartSession(ScriptedModelServer model, string name, string task, string[] batonArgs, params string[] claudeArgs)
    {
        (await Baton.RunAsync(["new", "--detach", "--name", name, "--task", task, .. batonArgs, Repo.Path, "--", .. claudeArgs], environment: ClaudeEnvironment(model), workingDirectory: Repo.Path))
            .EnsureSuccess($"baton new {name}");
        var id = "";
        await Eventually.Until(
            async () => (await Session(name)) is { } s && s["status"]!.GetValue<string>() != "starting" && Guid.TryParse(id = s["session_id"]!.GetValue<string>(), out _),
            TimeSpan.FromSeconds(45),
            $"{name} is bound to its Claude Code session");
        return id;
    }

    /// <summary>The live session with this name, as <c>baton ls --json</c> shows it; null when there is none.</summary>
    public async Task<JsonNode?> Session(string name)
    {
        var sessions = JsonNode.Parse((await Baton.RunAsync("ls", "--json")).EnsureSuccess("baton ls --json").StdOut)!.AsArray();
        return sessions.SingleOrDefault(s => s!["name"]?.GetValue<string>() == name);
    }

    /// <summary>
    /// Whether the named session rests at its prompt after a turn: waiting for input with a Stop as its last hook. A session
    /// started with a prompt also waits for input between its SessionStart and its first UserPromptSubmit (Claude Code is
    /// at its prompt then), so the status alone does not say that its first turn is over.
    /// </summary>
    public async Task<bool> RestsAfterTurn(string name) =>
        await Session(name) is { } session && session["status"]?.GetValue<string>() == "waiting_input" && session["last_event"]?.GetValue<string>() == "Stop";

    public void Dispose()
    {
        foreach (var line in Tmux.Run(["list-panes", "-a", "-F", "#{pane_id} #{pane_pid} #{pane_dead} #{pane_current_command}"]).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _output.WriteLine($"tmux pane {line}:\n{Tmux.CapturePane(line.Split(' ')[0])}");
        }

        BatonDiagnostics.Write(_output, Sandbox.BatonHome);
        Tmux.Dispose();
        Server.Dispose();
        Sandbox.Dispose();
    }
}
