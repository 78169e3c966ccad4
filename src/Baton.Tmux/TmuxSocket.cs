namespace Baton.Tmux;

/// <summary>
/// Which tmux server a <see cref="TmuxClient"/> talks to: the user's default server, a named one (<c>-L</c>), one at a
/// socket path (<c>-S</c>), or the server of the tmux client this process runs inside (see <see cref="Current()"/>).
/// </summary>
public sealed record TmuxSocket
{
    private TmuxSocket(string? name, string? socketPath, TmuxContext? inside, string? insidePane)
    {
        Name = name;
        SocketPath = socketPath;
        Inside = inside;
        InsidePane = insidePane;
    }

    /// <summary>
    /// The default server, <c>$TMUX_TMPDIR/tmux-UID/default</c> (<c>/tmp</c> when <c>TMUX_TMPDIR</c> is unset), chosen
    /// with <c>-L default</c> so that a <c>TMUX</c> variable inherited from an enclosing tmux does not redirect it.
    /// </summary>
    public static TmuxSocket Default { get; } = new("default", null, null, null);

    /// <summary>The socket name given with <c>-L</c>, or null when a path is used.</summary>
    public string? Name { get; }

    /// <summary>The socket path given with <c>-S</c>, or null when a name is used.</summary>
    public string? SocketPath { get; }

    /// <summary>The enclosing tmux client when this socket came from <see cref="Current()"/> inside tmux; otherwise null.</summary>
    public TmuxContext? Inside { get; }

    /// <summary>The enclosing pane (<c>TMUX_PANE</c>, such as <c>%3</c>) when known; otherwise null.</summary>
    public string? InsidePane { get; }

    /// <summary>The global tmux options that select this server.</summary>
    public IReadOnlyList<string> Arguments => SocketPath is not null ? ["-S", SocketPath] : ["-L", Name!];

    /// <summary>A server by socket name, as <c>tmux -L NAME</c>: a socket under <c>$TMUX_TMPDIR/tmux-UID/</c>.</summary>
    /// <param name="name">The socket name; it must not hold a path separator.</param>
    /// <returns>The socket.</returns>
    /// <exception cref="ArgumentException">The name is empty or holds a '/'.</exception>
    public static TmuxSocket Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A tmux socket name cannot hold '/': {name}", nameof(name));
        }

        return new TmuxSocket(name, null, null, null);
    }

    /// <summary>A server by socket path, as <c>tmux -S PATH</c>.</summary>
    /// <param name="socketPath">The socket's path; made absolute against the current directory.</param>
    /// <returns>The socket.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static TmuxSocket Path(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        return new TmuxSocket(null, System.IO.Path.GetFullPath(socketPath), null, null);
    }

    /// <summary>The server of the tmux client this process runs inside, else <see cref="Default"/>.</summary>
    /// <returns>The socket, judged from this process's <c>TMUX</c> and <c>TMUX_PANE</c>.</returns>
    public static TmuxSocket Current() => Current(
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TMUX"] = Environment.GetEnvironmentVariable("TMUX"),
            ["TMUX_PANE"] = Environment.GetEnvironmentVariable("TMUX_PANE"),
        });

    /// <summary>The server of the tmux client an environment belongs to, else <see cref="Default"/>.</summary>
    /// <param name="environment">Environment variables; <c>TMUX</c> (<c>socket_path,pid,session_index</c>) and <c>TMUX_PANE</c> are read.</param>
    /// <returns>A socket by path carrying the enclosing client, or <see cref="Default"/> when <c>TMUX</c> is absent or malformed.</returns>
    public static TmuxSocket Current(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (TmuxContext.Parse(environment.GetValueOrDefault("TMUX")) is not { } inside)
        {
            return Default;
        }

        var pane = environment.GetValueOrDefault("TMUX_PANE");
        return new TmuxSocket(null, inside.SocketPath, inside, string.IsNullOrEmpty(pane) ? null : pane);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', Arguments);
}
