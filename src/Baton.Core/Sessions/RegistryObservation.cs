namespace Baton.Core.Sessions;

/// <summary>
/// What Claude Code's own live-session registry said about a session when Baton read it (its
/// <c>~/.claude/sessions/&lt;pid&gt;.json</c>, see docs/claude-code.md): the input of
/// <see cref="StatusModel.Apply(Session?, RegistryObservation)"/>. It completes and corrects what hooks tell: a permission
/// prompt no PermissionRequest hook announced (auto mode), a dialog, a session at rest.
/// </summary>
public sealed record RegistryObservation
{
    /// <summary>Claude Code's <c>session_id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary>Where the reading falls among hook events: <see cref="HookEventOrder.Compose"/> of the time claude changed
    /// the status (the entry's <c>statusUpdatedAt</c>; the time it was read where the entry has none), with the rank of a
    /// Notification. A status older than the last hook event applied changes nothing.</summary>
    public long Order { get; init; }

    /// <summary>The registry's <c>status</c>: <c>busy</c>, <c>idle</c> or <c>waiting</c>.</summary>
    public required string State { get; init; }

    /// <summary>The registry's <c>waitingFor</c> while <c>waiting</c>, for example <c>permission prompt</c> or
    /// <c>dialog open</c>.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>The <c>nameSource</c> of a name claude made up from the folder (not chosen by a person).</summary>
    public const string DerivedName = "derived";

    /// <summary>Claude Code's name for the session (what its <c>ListAgents</c> tool shows), when it is news (first seen, or
    /// changed in claude); null otherwise, so a status change never brings back a name Baton has replaced.</summary>
    public string? Name { get; init; }

    /// <summary>Where the name came from: <see cref="DerivedName"/>, or a person's choice.</summary>
    public string? NameSource { get; init; }

    /// <summary>The session's working folder.</summary>
    public string? Cwd { get; init; }

    /// <summary>The claude process, identified when it was read.</summary>
    public ProcessIdentity? Process { get; init; }

    /// <summary>When it was read (UTC).</summary>
    public DateTimeOffset At { get; init; }
}
