namespace Baton.Contracts.Coordination;

/// <summary>The answer of <c>baton state rm-scope</c>: <c>{"scope", "deleted_keys"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="DeletedKeys">How many keys were deleted.</param>
public sealed record ScopeDeletedJson(string Scope, int DeletedKeys);
