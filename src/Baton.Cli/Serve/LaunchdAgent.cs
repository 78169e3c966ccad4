using System.Globalization;
using System.Xml.Linq;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Platform.Programs;

namespace Baton.Cli.Serve;

/// <summary>
/// The resident server, with its web page on the port kept in <c>config.json</c>, as a launchd agent on macOS
/// (<c>~/Library/LaunchAgents/dev.baton.serve.plist</c>, a property list as <c>launchd.plist(5)</c> describes it): loaded
/// into the user's GUI domain with <c>launchctl bootstrap gui/UID</c>, run at load (and so at every login) and again
/// whenever it exits unsuccessfully. Written only where <c>launchctl</c> is found.
/// </summary>
internal sealed class LaunchdAgent : IUserService
{
    /// <summary>The agent's label, also the plist's file name without <c>.plist</c>.</summary>
    public const string Label = "dev.baton.serve";

    private static readonly TimeSpan LaunchctlTimeout = TimeSpan.FromSeconds(15);

    /// <inheritdoc/>
    public string Name => $"the launchd agent {Label}";

    /// <inheritdoc/>
    public string DefinitionPath(string userHome) => Path.Combine(userHome, "Library", "LaunchAgents", Label + ".plist");

    /// <inheritdoc/>
    public bool Available() => OperatingSystem.IsMacOS() && ExecutableSearch.Find("launchctl") is not null;

    /// <summary>The plist: <c>ProgramArguments</c> run <c>baton serve --web</c> with <c>BATON_HOME</c> set, <c>RunAtLoad</c>,
    /// <c>KeepAlive</c> while it exits unsuccessfully, and its output appended to <c>logs/serve.log</c> in Baton's home.</summary>
    /// <param name="baton">How to run this baton.</param>
    /// <param name="home">Baton's home, passed as <c>BATON_HOME</c>.</param>
    /// <returns>The plist's XML text.</returns>
    public string Definition(HookCommand baton, BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(baton);
        ArgumentNullException.ThrowIfNull(home);
        var log = Path.Combine(home.Root, "logs", "serve.log");
        var plist = new XDocument(
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement(
                "plist",
                new XAttribute("version", "1.0"),
                Dictionary(
                    ("Label", new XElement("string", Label)),
                    ("ProgramArguments", new XElement(
                        "array",
                        new[] { baton.Executable }.Concat(baton.LeadingArguments).Append("serve").Append(ServeCommand.WebOption)
                            .Select(word => new XElement("string", word)))),
                    ("EnvironmentVariables", Dictionary(("BATON_HOME", new XElement("string", home.Root)))),
                    ("RunAtLoad", new XElement("true")),
                    ("KeepAlive", Dictionary(("SuccessfulExit", new XElement("false")))),
                    ("StandardOutPath", new XElement("string", log)),
                    ("StandardErrorPath", new XElement("string", log)))));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Environment.NewLine + plist + Environment.NewLine;
    }

    /// <inheritdoc/>
    public void Start(string definition)
    {
        var domain = Domain();
        Launchctl("bootout", domain, definition);
        if (Launchctl("bootstrap", domain, definition) is { Succeeded: false } failed)
        {
            throw new IOException($"launchctl bootstrap {domain} {definition} failed: {failed.StandardError.Trim()}");
        }
    }

    /// <inheritdoc/>
    public void Stop(string definition) => Launchctl("bootout", Domain(), definition);

    /// <summary>A plist <c>dict</c> of the given keys and values, in order.</summary>
    private static XElement Dictionary(params (string Key, XElement Value)[] entries) =>
        new("dict", entries.SelectMany(e => new[] { new XElement("key", e.Key), e.Value }));

    /// <summary>The user's GUI domain, <c>gui/UID</c>, with the uid that <c>id -u</c> tells.</summary>
    /// <exception cref="IOException"><c>id -u</c> did not tell it.</exception>
    private static string Domain()
    {
        var id = ProgramRun.Run("id", ["-u"], LaunchctlTimeout);
        return id.Succeeded && int.TryParse(id.StandardOutput.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? string.Create(CultureInfo.InvariantCulture, $"gui/{uid}")
            : throw new IOException($"'id -u' did not tell this user's id: {id.StandardError.Trim()}");
    }

    /// <summary>Runs <c>launchctl ARGS</c>.</summary>
    private static ProgramRun Launchctl(params string[] arguments) => ProgramRun.Run("launchctl", arguments, LaunchctlTimeout);
}
