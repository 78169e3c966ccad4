using Baton.Core.Coordination;
using System.Data.Common;

namespace Baton.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string StateColumns = "scope, key, value, version, writer, updated_at";

    /// <inheritdoc/>
    public StateEntry? GetState(string scope, string key)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        return StateRow(scope, key) is { Value: not null } row ? row.ToEntry() : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StateEntry> GetScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return QueryRows(
            $"SELECT {StateColumns} FROM state WHERE scope = @scope AND value IS NOT NULL ORDER BY key",
            r => ReadStateRow(r).ToEntry(),
            ("@scope", scope));
    }

    /// <inheritdoc/>
    public IReadOnlyList<ScopeSummary> ListScopes(string? pattern) => QueryRows(
        $"SELECT scope, CAST(COUNT(*) AS INTEGER), MAX(updated_at) FROM state WHERE value IS NOT NULL AND {GlobMatch("scope", "@glob")} GROUP BY scope ORDER BY scope",
        r => new ScopeSummary(r.GetString(0), r.GetInt32(1), UnixTime(r.GetInt64(2))),
        ("@glob", GlobPattern(pattern)));

    /// <inheritdoc/>
    public StateEntry SetState(string scope, string key, string valueJson, long? expectedVersion, string writer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueJson);
        ArgumentNullException.ThrowIfNull(writer);
        if (expectedVersion is { } expected)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(expected, nameof(expectedVersion));
        }

        return WriteChange(() =>
        {
            var now = NowMs();
            var row = StateRow(scope, key);
            var current = CheckVersion(scope, key, expectedVersion, row);

            var entry = new StateEntry(scope, key, valueJson, (row?.Version ?? 0) + 1, writer, UnixTime(now));
            Connection.ExecuteStatement(
                """
                INSERT INTO state (scope, key, value, version, writer, updated_at) VALUES (@scope, @key, @value, @version, @writer, @now)
                ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, version = excluded.version,
                    writer = excluded.writer, updated_at = excluded.updated_at
                """,
                ("@scope", scope),
                ("@key", key),
                ("@value", valueJson),
                ("@version", entry.Version),
                ("@writer", writer),
                ("@now", now));
            AppendEntry(CoordinationJournalTypes.StateSet, CoordinationJournalTypes.ScopeSubject(scope), writer, CoordinationJournalTypes.StateSetData(entry), now);
            return entry;
        });
    }

    /// <inheritdoc/>
    public bool DeleteState(string scope, string key, long? expectedVersion, string actor)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var row = StateRow(scope, key);
            var current = CheckVersion(scope, key, expectedVersion, row);

            if (current == 0)
            {
                return false;
            }

            Connection.ExecuteStatement(
                "UPDATE state SET value = NULL, version = version + 1, writer = @actor, updated_at = @now WHERE scope = @scope AND key = @key",
                ("@actor", actor),
                ("@now", now),
                ("@scope", scope),
                ("@key", key));
            AppendEntry(CoordinationJournalTypes.StateDeleted, CoordinationJournalTypes.ScopeSubject(scope), actor, CoordinationJournalTypes.StateDeletedData(key, current + 1), now);
            return true;
        });
    }

    /// <inheritdoc/>
    public int DeleteScope(string scope, string actor)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var deleted = Connection.ExecuteStatement(
                "UPDATE state SET value = NULL, version = version + 1, writer = @actor, updated_at = @now WHERE scope = @scope AND value IS NOT NULL",
                ("@actor", actor),
                ("@now", now),
                ("@scope", scope));
            if (deleted > 0)
            {
                AppendEntry(CoordinationJournalTypes.ScopeDeleted, CoordinationJournalTypes.ScopeSubject(scope), actor, CoordinationJournalTypes.ScopeDeletedData(deleted), now);
            }

            return deleted;
        });
    }

    private StoredState? StateRow(string scope, string key) => QueryRows(
        $"SELECT {StateColumns} FROM state WHERE scope = @scope AND key = @key",
        ReadStateRow,
        ("@scope", scope),
        ("@key", key)).SingleOrDefault();

    /// <summary>The compare-and-set of a key: its current version (0 for a key with no value), read in the change's
    /// transaction.</summary>
    /// <exception cref="VersionConflictException">An expected version was given and is not the current one.</exception>
    private static long CheckVersion(string scope, string key, long? expectedVersion, StoredState? row)
    {
        var current = row?.Value is null ? 0 : row.Version;
        if (expectedVersion is { } wanted && wanted != current)
        {
            throw new VersionConflictException(scope, key, wanted, current, row?.Writer, row is null ? null : UnixTime(row.UpdatedAt));
        }

        return current;
    }

    private static StoredState ReadStateRow(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), NullableText(r, 2), r.GetInt64(3), r.GetString(4), UnixMilliseconds.Read(r, 5));

    /// <summary>A row of <c>state</c>; <see cref="Value"/> null is a deleted key keeping its last version.</summary>
    private sealed record StoredState(string Scope, string Key, string? Value, long Version, string Writer, long UpdatedAt)
    {
        public StateEntry ToEntry() => new(Scope, Key, Value!, Version, Writer, UnixTime(UpdatedAt));
    }
}
