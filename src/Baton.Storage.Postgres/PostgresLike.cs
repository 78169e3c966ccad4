namespace Baton.Storage.Postgres;

/// <summary>
/// Turns Baton's glob patterns (<c>*</c> any run, <c>?</c> one character, all else literal) into PostgreSQL <c>LIKE</c>
/// patterns with <c>\</c> as the escape character (PostgreSQL's default): <c>*</c> becomes <c>%</c>, <c>?</c> becomes
/// <c>_</c>, and a literal <c>%</c>, <c>_</c> or <c>\</c> is escaped. PostgreSQL's <c>LIKE</c> is case-sensitive, like
/// Baton's names. The result is always bound as a parameter, never put into SQL text.
/// </summary>
internal static class PostgresLike
{
    /// <summary>Translates a glob.</summary>
    /// <param name="pattern">A Baton glob, or null.</param>
    /// <returns>The <c>LIKE</c> pattern, or null for null.</returns>
    public static string? FromGlob(string? pattern) => pattern is null
        ? null
        : Escape(pattern).Replace('*', '%').Replace('?', '_');

    /// <summary>Escapes text so that <c>LIKE</c> matches it literally.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with <c>\</c>, <c>%</c> and <c>_</c> escaped.</returns>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}
