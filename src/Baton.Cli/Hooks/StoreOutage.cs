using System.Globalization;
using System.Text;
using Baton.Core.Home;

namespace Baton.Cli.Hooks;

/// <summary>
/// Remembers for a short while that the store could not be reached, so that the hooks that follow do not each wait for
/// the connection to time out again: they spool their events at once (<see cref="HookSpool"/>). Kept in
/// <c>$BATON_HOME/store-outage</c> (0600): the store's description and the time (Unix milliseconds) on one line each. It
/// counts for <see cref="Memory"/> (<c>BATON_STORE_OUTAGE_SECONDS</c> may change it; 0 turns it off), and only for the
/// store it names. Any Baton process that reaches the store forgets it.
/// </summary>
internal sealed class StoreOutage
{
    /// <summary>How long an outage is remembered by default: 30 s.</summary>
    public static readonly TimeSpan DefaultMemory = TimeSpan.FromSeconds(30);

    /// <summary>The variable that sets how long an outage is remembered, in seconds.</summary>
    public const string MemoryVariable = "BATON_STORE_OUTAGE_SECONDS";

    private readonly string _path;
    private readonly TimeProvider _time;

    /// <summary>The outage record of a home.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="time">The clock.</param>
    public StoreOutage(BatonHome home, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(home);
        _path = Path.Combine(home.Root, "store-outage");
        _time = time;
    }

    /// <summary>How long an outage is remembered.</summary>
    public static TimeSpan Memory =>
        int.TryParse(Environment.GetEnvironmentVariable(MemoryVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DefaultMemory;

    /// <summary>Whether the store was found unreachable less than <see cref="Memory"/> ago.</summary>
    /// <param name="store">The store's description (<c>IStoreFactory.Description</c>).</param>
    /// <returns>True when the hook should not try it now.</returns>
    public bool IsRemembered(string store)
    {
        try
        {
            var lines = File.ReadAllLines(_path);
            return lines.Length == 2
                && lines[0] == store
                && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                && _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at) < Memory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Records that the store could not be reached now.</summary>
    /// <param name="store">The store's description.</param>
    public void Remember(string store)
    {
        var text = store + "\n" + _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n";
        PrivateFile.ReplaceAtomically(_path, Encoding.UTF8.GetBytes(text), keepMode: false, followLink: false);
    }

    /// <summary>Forgets an outage (the store answered).</summary>
    public void Forget()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }
}
