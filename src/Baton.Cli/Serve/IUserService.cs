using Baton.ClaudeCode.Settings;
using Baton.Core.Home;

namespace Baton.Cli.Serve;

/// <summary>
/// How the operating system keeps the resident server running for the user (<c>baton serve install</c>): a systemd user
/// service on Linux (<see cref="SystemdUserService"/>), a launchd agent on macOS (<see cref="LaunchdAgent"/>). Each writes
/// one definition file that runs <c>baton serve --web</c> with the user's <c>BATON_HOME</c>, starts it at login and again
/// when it fails.
/// </summary>
internal interface IUserService
{
    /// <summary>This machine's kind: <see cref="LaunchdAgent"/> on macOS, else <see cref="SystemdUserService"/>.</summary>
    /// <returns>The service kind; whether it answers is <see cref="Available"/>.</returns>
    static IUserService ForThisMachine() => OperatingSystem.IsMacOS() ? new LaunchdAgent() : new SystemdUserService();

    /// <summary>What it is, for messages: <c>the systemd user service baton.service</c>.</summary>
    string Name { get; }

    /// <summary>Where the definition file goes.</summary>
    /// <param name="userHome">The user's home folder.</param>
    /// <returns>An absolute path.</returns>
    string DefinitionPath(string userHome);

    /// <summary>Whether the service manager answers for this user.</summary>
    /// <returns>True when <see cref="Start"/> can work.</returns>
    bool Available();

    /// <summary>The definition file's text.</summary>
    /// <param name="baton">How to run this baton.</param>
    /// <param name="home">Baton's home, passed as <c>BATON_HOME</c>.</param>
    /// <returns>The text.</returns>
    string Definition(HookCommand baton, BatonHome home);

    /// <summary>Loads the written definition and (re)starts the server now.</summary>
    /// <param name="definition">The definition file's path.</param>
    /// <exception cref="IOException">The service manager refused; its message is in the exception's.</exception>
    void Start(string definition);

    /// <summary>Stops the server and unloads the definition (the file itself is left for the caller to delete).</summary>
    /// <param name="definition">The definition file's path.</param>
    void Stop(string definition);
}
