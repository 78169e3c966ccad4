namespace Baton.Core.Coordination.FileLeases;

/// <summary>A path a tool call is about to write.</summary>
/// <param name="Path">Absolute, or relative to the session's working directory.</param>
/// <param name="Subtree">Whether everything under the path may be written too (<c>rm -r</c>, <c>mv</c>, <c>cp -r</c> into a folder).</param>
public sealed record WriteTarget(string Path, bool Subtree = false);
