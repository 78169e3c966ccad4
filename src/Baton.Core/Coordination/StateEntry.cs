namespace Baton.Core.Coordination;

/// <summary>One key of scoped state as stored: any JSON value with its version and who wrote it when.</summary>
/// <param name="Scope">The scope, for example <c>issue:42</c> or <c>session:abc</c>.</param>
/// <param name="Key">The key inside the scope.</param>
/// <param name="ValueJson">The value: one JSON document as text, exactly as it was written.</param>
/// <param name="Version">The key's version: 1 when first written, one more with each change. Versions never repeat for a
/// key, not even across a delete (a delete takes a version too), so a compare-and-set based on a version read before a
/// delete fails instead of overwriting a newer value.</param>
/// <param name="Writer">Who wrote it: a <c>session_id</c> or <c>human</c>.</param>
/// <param name="UpdatedAt">When it was written (UTC, millisecond precision, by the store's clock).</param>
public sealed record StateEntry(string Scope, string Key, string ValueJson, long Version, string Writer, DateTimeOffset UpdatedAt);

/// <summary>One scope that holds at least one key.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Keys">How many keys it holds (deleted ones not counted).</param>
/// <param name="UpdatedAt">When any of its keys was last written (UTC).</param>
public sealed record ScopeSummary(string Scope, int Keys, DateTimeOffset UpdatedAt);
