namespace Baton.Cli.Hooks;

/// <summary>
/// A hook event written to the spool before it is recorded (<see cref="HookSpool.WriteAhead"/>), as a <c>.replaying</c>
/// file held under an exclusive lock while its hook runs, so no replayer takes it meanwhile. The hook then says how it
/// ended: <see cref="Recorded"/> deletes it, <see cref="Deferred"/> turns it into a plain spooled event for the next
/// replay. A hook that ends neither way (out of time, killed by Claude Code) leaves it as it is: the lock goes with the
/// process, and the replay records it unless the journal already holds its id.
/// </summary>
internal sealed class SpooledHookEvent : IDisposable
{
    private readonly FileStream _file;
    private readonly string _deferredPath;

    /// <summary>Wraps a written-ahead event.</summary>
    /// <param name="id">The event's id (its file's name without the extension).</param>
    /// <param name="file">Its file, open with an exclusive lock.</param>
    /// <param name="deferredPath">Where it goes when deferred (the <c>.event</c> name).</param>
    public SpooledHookEvent(string id, FileStream file, string deferredPath)
    {
        Id = id;
        _file = file;
        _deferredPath = deferredPath;
    }

    /// <summary>The event's id, recorded with it in the journal (<c>spool_id</c>).</summary>
    public string Id { get; }

    /// <summary>The event is in the store: its file goes.</summary>
    public void Recorded()
    {
        File.Delete(_file.Name);
        _file.Dispose();
    }

    /// <summary>The store could not take the event (nothing of it was committed): it waits in the spool for the next replay.</summary>
    public void Deferred()
    {
        File.Move(_file.Name, _deferredPath);
        _file.Dispose();
    }

    /// <summary>Lets go of the lock, leaving the file as it is.</summary>
    public void Dispose() => _file.Dispose();
}
