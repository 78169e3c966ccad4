namespace Baton.Core.Sessions;

/// <summary>Two or more live sessions working in one project (the same git top-level folder, or the same path).</summary>
/// <param name="ProjectRoot">The shared folder.</param>
/// <param name="Project">The project's name.</param>
/// <param name="Sessions">The sessions, oldest first.</param>
/// <param name="Risk">A one-line statement of what can go wrong.</param>
public sealed record ProjectConflict(string ProjectRoot, string Project, IReadOnlyList<Session> Sessions, string Risk);
