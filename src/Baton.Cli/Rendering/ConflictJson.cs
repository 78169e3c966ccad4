using Baton.Contracts.Sessions;

namespace Baton.Cli.Rendering;

/// <summary>One conflict in <c>baton conflicts --json</c>: <c>{"project", "project_root", "risk", "sessions": [session…]}</c>.</summary>
/// <param name="Project">The project's name.</param>
/// <param name="ProjectRoot">The shared folder.</param>
/// <param name="Risk">A one-line statement of what can go wrong.</param>
/// <param name="Sessions">The sessions, in the shape of <see cref="SessionJson"/>.</param>
internal sealed record ConflictJson(string Project, string ProjectRoot, string Risk, List<SessionJson> Sessions);
