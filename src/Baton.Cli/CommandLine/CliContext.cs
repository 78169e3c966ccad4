using Baton.Cli.Hooks;
using Baton.Cli.Rendering;
using Baton.Contracts.Sessions;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Spectre.Console;

namespace Baton.Cli.CommandLine;

/// <summary>One command's run: its environment, its output, and the store opened on first use (and closed at the end).</summary>
internal sealed class CliContext : IDisposable
{
    private IBatonStore? _store;
    private SessionRegistry? _registry;
    private IAnsiConsole? _console;

    /// <summary>Creates a context.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    public CliContext(CliEnvironment environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Environment = environment;
        RawOutput = output;
        RawError = error;
        Output = new PrintableTextWriter(output);
        Error = new PrintableTextWriter(error);
    }

    /// <summary>The environment.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>Standard output, made printable (<see cref="PrintableTextWriter"/>): JSON and plain text go here.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error, made printable (<see cref="PrintableTextWriter"/>): warnings and errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard output as given, for what draws the screen with its own escape sequences (<c>baton watch</c>)
    /// and must make its text printable itself.</summary>
    public TextWriter RawOutput { get; }

    /// <summary>Standard error as given, for the terminal bell of a notification.</summary>
    public TextWriter RawError { get; }

    /// <summary>The store, opened (and migrated) on first use; hook events spooled while it could not take them
    /// (<see cref="HookSpool"/>) are replayed into it first, so the command sees them.</summary>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public IBatonStore Store => _store ??= OpenStore();

    /// <summary>The session registry over <see cref="Store"/>.</summary>
    public SessionRegistry Registry => _registry ??= new SessionRegistry(Store, Environment.Liveness, Environment.Time);

    /// <summary>A Spectre.Console console writing to <see cref="RawOutput"/>: colours and the terminal's width on a terminal,
    /// plain text 200 columns wide otherwise; the text of everything it renders is made printable
    /// (<see cref="PrintableRenderHook"/>).</summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    /// <summary>Writes a JSON document and a newline to <see cref="Output"/>.</summary>
    /// <param name="json">The JSON text.</param>
    public void WriteJson(string json) => Output.WriteLine(json);

    /// <summary>Writes sessions to <see cref="Output"/> as a JSON array, streamed as they are enumerated
    /// (<see cref="CliJson.WriteSessions"/>).</summary>
    /// <param name="sessions">The session shapes.</param>
    public void WriteSessions(IEnumerable<SessionJson> sessions) => CliJson.WriteSessions(Output, sessions);

    /// <summary>Writes sessions to <see cref="Output"/> as a JSON array, in Baton's session shape.</summary>
    /// <param name="sessions">The sessions.</param>
    public void WriteSessions(IEnumerable<Session> sessions) => WriteSessions(sessions.Select(SessionJson.From));

    /// <inheritdoc/>
    public void Dispose() => _store?.Dispose();

    private IBatonStore OpenStore()
    {
        var store = Environment.Stores.Open();
        var spool = new HookSpool(Environment.Home);
        if (spool.HasEvents)
        {
            var replaying = System.Diagnostics.Stopwatch.StartNew();
            spool.ReplayInto(store, Environment.Home, new BatonLog(Environment.Home), "replay", () => replaying.Elapsed < HookEntryPoint.Budget);
        }

        return store;
    }

    private IAnsiConsole CreateConsole()
    {
        var terminal = ReferenceEquals(RawOutput, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(RawOutput),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        console.Pipeline.Attach(new PrintableRenderHook());
        return console;
    }
}
