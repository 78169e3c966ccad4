using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="IMessageStore"/> passes, through the <see cref="Messenger"/> as the command line and the MCP
/// server use it. A derived class gives a fresh empty store per test on a clock the test moves (the store dates claims by
/// it) and a second instance on the same store; the store also implements <see cref="IStore"/> and <see cref="ICoordinationStore"/>.
/// </summary>
public abstract partial class MessageContract : JournaledStoreContract<IMessageStore>
{
    /// <summary>A third session id.</summary>
    protected const string Cy = "c7c7c7c7-9abc-4abc-8def-0123456789ab";

    private Messenger? _messenger;

    /// <summary>Sessions whose process the registry is to judge gone.</summary>
    protected FakeLiveness Liveness { get; } = new();

    /// <summary>A messenger over <see cref="JournaledStoreContract{TStore}.Store"/> with the default inbox limit.</summary>
    protected Messenger Messenger => _messenger ??= MessengerOn(Store);

    /// <summary>A messenger over <paramref name="store"/> with the same registry rules.</summary>
    protected Messenger MessengerOn(IMessageStore store, int inboxLimit = MessageLimits.DefaultInboxLimit) =>
        new(store, new SessionRegistry((IStore)store, Liveness, Clock), Clock, inboxLimit);

    /// <summary>Creates a session row: open and running unless said otherwise.</summary>
    protected void PutSession(string id, string? name = null, string project = "shop", SessionStatus status = SessionStatus.Running, DateTimeOffset? endedAt = null) =>
        ((IStore)Store).UpdateSession(id, _ => new SessionChange(
            new Session
            {
                SessionId = id,
                Name = name,
                Project = project,
                ProjectRoot = "/src/" + project,
                Cwd = "/src/" + project,
                StartedAt = T0,
                UpdatedAt = T0,
                EndedAt = endedAt,
                EndReason = endedAt is null ? null : "prompt_input_exit",
                Status = endedAt is null ? status : SessionStatus.Exited,
            },
            JournalTypes.SessionStatus,
            id,
            null));

    /// <summary>Puts Ada, Bob and Cy, running, in project shop.</summary>
    protected void PutThree()
    {
        PutSession(Ada, "ada");
        PutSession(Bob, "bob");
        PutSession(Cy, "cy");
    }
}
