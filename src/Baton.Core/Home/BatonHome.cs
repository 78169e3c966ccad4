namespace Baton.Core.Home;

/// <summary>
/// Baton's home folder (<c>$BATON_HOME</c>, default <c>~/.baton</c>) and the files in it: the store <c>baton.db</c>,
/// <c>logs/baton.log</c> and <c>backups/</c>. Folders are created 0700 and files made 0600: readable by the user alone.
/// </summary>
public sealed class BatonHome
{
    /// <summary>The environment variable that moves Baton's home.</summary>
    public const string EnvironmentVariable = "BATON_HOME";

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a home at a given folder (nothing is created on disk until <see cref="EnsureCreated"/>).</summary>
    /// <param name="root">The folder; made absolute.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is empty.</exception>
    public BatonHome(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The home folder, absolute.</summary>
    public string Root { get; }

    /// <summary>The SQLite store file.</summary>
    public string DatabasePath => Path.Combine(Root, "baton.db");

    /// <summary>The folder of Baton's own logs.</summary>
    public string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>The log file hooks and commands append to.</summary>
    public string LogPath => Path.Combine(LogsDirectory, "baton.log");

    /// <summary>The folder where settings files are backed up before Baton changes them.</summary>
    public string BackupsDirectory => Path.Combine(Root, "backups");

    /// <summary>The Unix socket of the resident server (<c>baton serve</c>), where <c>baton-relay</c> sends hook calls: <c>baton.sock</c>.</summary>
    public string ServerSocketPath => Path.Combine(Root, "baton.sock");

    /// <summary>The file the resident server holds locked while it runs, so one server serves a home: <c>serve.lock</c>.</summary>
    public string ServerLockPath => Path.Combine(Root, "serve.lock");

    /// <summary>What the running resident server wrote about itself (pid, socket, start time): <c>serve.json</c>.</summary>
    public string ServerInfoPath => Path.Combine(Root, "serve.json");

    /// <summary>The home named by <c>$BATON_HOME</c>, else <c>~/.baton</c>.</summary>
    /// <returns>The home.</returns>
    public static BatonHome FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new BatonHome(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".baton")
            : configured);
    }

    /// <summary>Creates the home folder (0700) if missing.</summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The parent folder is not writable, or the home is a symbolic link
    /// (<see cref="PlantedLink"/>) or owned by another user (<see cref="ForeignOwner"/>).</exception>
    public void EnsureCreated()
    {
        PlantedLink.Refuse(Root, "Baton's home");
        ForeignOwner.Refuse(Root, "Baton's home");
        CreatePrivateDirectory(Root);
    }

    /// <summary>Creates a folder readable by the user alone (0700), with missing parents, each of them 0700 too (so
    /// <c>$BATON_HOME/logs</c> created first never leaves <c>$BATON_HOME</c> open to others).</summary>
    /// <param name="path">The folder.</param>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, PrivateFolder);
        }
    }

    /// <summary>Makes an existing file readable and writable by the user alone (0600); a missing file is ignored.</summary>
    /// <param name="path">The file.</param>
    public static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != PrivateFile)
        {
            File.SetUnixFileMode(path, PrivateFile);
        }
    }

    /// <summary>Whether a folder is 0700 or stricter, or a file 0600 or stricter (no access for group or others).</summary>
    /// <param name="path">A file or folder.</param>
    /// <returns>True when only the owner has access.</returns>
    public static bool IsPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & others) == 0;
    }
}
