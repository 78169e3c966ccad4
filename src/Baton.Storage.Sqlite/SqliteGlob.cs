namespace Baton.Storage.Sqlite;

/// <summary>
/// Turns Baton's glob patterns (<c>*</c> any run, <c>?</c> one character, all else literal) into SQLite <c>GLOB</c> patterns,
/// which are case-sensitive like Baton's names (SQLite's <c>LIKE</c> is not) and treat <c>%</c> and <c>_</c> as plain
/// characters. The only other character <c>GLOB</c> gives a meaning, <c>[</c>, becomes the one-character class <c>[[]</c>.
/// The result is always bound as a parameter, never put into SQL text.
/// </summary>
internal static class SqliteGlob
{
    /// <summary>Translates a pattern.</summary>
    /// <param name="pattern">A Baton glob, or null.</param>
    /// <returns>The SQLite <c>GLOB</c> pattern, or null for null.</returns>
    public static string? From(string? pattern) => pattern?.Replace("[", "[[]", StringComparison.Ordinal);
}
