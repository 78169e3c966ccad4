namespace Baton.Contracts.Coordination;

/// <summary>The answer of <c>baton state rm</c>: <c>{"scope", "key", "deleted"}</c> (<c>deleted</c> false: the key did not exist).</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Key">The key.</param>
/// <param name="Deleted">Whether a key was deleted.</param>
public sealed record StateDeletedJson(string Scope, string Key, bool Deleted);
