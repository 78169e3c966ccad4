namespace Baton.Core.Storage.Copy;

/// <summary>How many rows of one kind a copy found and how many it wrote.</summary>
/// <param name="Kind">The kind, for example <c>sessions</c>.</param>
/// <param name="Found">The rows in the source.</param>
/// <param name="Copied">The rows written to the target (the others were there already).</param>
public sealed record StoreCopyCount(string Kind, int Found, int Copied);
