using System.Globalization;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Storage;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;
using Npgsql;

namespace Baton.Storage;

/// <summary>
/// The one place that picks Baton's store: the team store (PostgreSQL) when <see cref="UrlVariable"/> or <c>store_url</c>
/// in Baton's config (<see cref="BatonSettings.StoreUrl"/>, set by <c>baton store use</c>) names a <c>postgres://</c> URL,
/// else the SQLite file in Baton's home (<see cref="BatonHome.DatabasePath"/>). The variable wins over the config; its value
/// <c>sqlite</c> picks the SQLite file whatever the config says. The team store's password comes from the URL, else
/// <c>PGPASSWORD</c>, else Baton's config (<c>store_password</c>), else <c>~/.pgpass</c> (Npgsql reads the last itself).
/// Every other part of Baton receives an <see cref="IStoreFactory"/> and never names an implementation.
/// </summary>
public static class StoreSelection
{
    /// <summary>The variable that overrides the configured store: a <c>postgres://</c> URL, or <c>sqlite</c>.</summary>
    public const string UrlVariable = "BATON_STORE_URL";

    /// <summary>The value of <see cref="UrlVariable"/> (and of <c>baton store use</c>) that picks the SQLite file.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The store of a home.</summary>
    /// <param name="home">Baton's home (created 0700 before the SQLite store in it is opened).</param>
    /// <param name="time">The SQLite store's clock; the team store's clock is always its database's <c>now()</c>.</param>
    /// <param name="connectTimeout">The longest a team store's connection may take to open (a hook's bound), when shorter
    /// than the URL's <c>connect_timeout</c>; null for the URL's. Whole seconds, at least 1.</param>
    /// <param name="writeLockWait">The longest a write waits for a lock another process holds before it fails with a
    /// transient <see cref="StoreException"/> (a hook's bound: it spools instead): the SQLite file's write lock, or a team
    /// store's row locks (PostgreSQL's <c>lock_timeout</c>); null for the store's default.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="UserErrorException">The configured URL is malformed (the message names where it is set).</exception>
    public static IStoreFactory For(BatonHome home, TimeProvider time, TimeSpan? connectTimeout = null, TimeSpan? writeLockWait = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var choice = Choose(home);
        if (choice.Url is null)
        {
            return new SqliteStoreFactory(home.DatabasePath, time, home.EnsureCreated, writeLockWait);
        }

        var connection = Connection(home, choice);
        if (connectTimeout is { } bound)
        {
            connection.Timeout = Math.Min(connection.Timeout, Math.Max(1, (int)bound.TotalSeconds));
        }

        if (writeLockWait is { } wait)
        {
            connection.Options = string.Create(CultureInfo.InvariantCulture, $"{connection.Options} -c lock_timeout={(int)wait.TotalMilliseconds}").Trim();
        }

        return new PostgresStoreFactory(connection);
    }

    /// <summary>The SQLite file in Baton's home, whatever store is configured: what <c>baton store copy</c> copies from.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="time">The store's clock.</param>
    /// <returns>The factory.</returns>
    public static IStoreFactory Local(BatonHome home, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(home);
        return new SqliteStoreFactory(home.DatabasePath, time, home.EnsureCreated);
    }

    /// <summary>A store named on the command line (<c>baton store copy --to</c>): a <c>postgres://</c> URL (its password
    /// found as the class says), or a SQLite file as <c>sqlite:PATH</c> or a plain path.</summary>
    /// <param name="home">Baton's home (for the password in its config).</param>
    /// <param name="url">The URL or path.</param>
    /// <param name="time">A SQLite store's clock.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="UserErrorException">The URL is malformed, or names neither PostgreSQL nor a file.</exception>
    public static IStoreFactory Named(BatonHome home, string url, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(url);
        if (PostgresUrl.IsPostgresUrl(url))
        {
            return new PostgresStoreFactory(Connection(home, new StoreChoice(url, "--to")));
        }

        var path = url.StartsWith(Sqlite + ":", StringComparison.OrdinalIgnoreCase) ? url[(Sqlite.Length + 1)..] : url;
        if (path.Length == 0 || path.Contains("://", StringComparison.Ordinal))
        {
            throw new UserErrorException($"'{PostgresUrl.Redact(url)}' is neither a postgres:// URL nor a SQLite file; e.g. --to postgres://ada@db.example.org/baton or --to sqlite:/path/to/baton.db");
        }

        return new SqliteStoreFactory(Path.GetFullPath(path), time);
    }

    /// <summary>Reads which store is configured, without opening it.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>The choice.</returns>
    /// <exception cref="UserErrorException">Baton's config file is malformed.</exception>
    public static StoreChoice Choose(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } variable)
        {
            return new StoreChoice(string.Equals(variable, Sqlite, StringComparison.OrdinalIgnoreCase) ? null : variable, UrlVariable);
        }

        return BatonSettings.Load(home).StoreUrl is { Length: > 0 } configured
            ? new StoreChoice(configured, BatonSettings.FileName)
            : new StoreChoice(null, "default");
    }

    /// <summary>The team store's connection settings for a choice, with the password found as the class says.</summary>
    /// <param name="home">Baton's home (for the password in its config).</param>
    /// <param name="choice">A team store choice.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="UserErrorException">The URL is malformed; the message says where it was set.</exception>
    public static NpgsqlConnectionStringBuilder Connection(BatonHome home, StoreChoice choice)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(choice.Url, nameof(choice));
        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = PostgresUrl.Parse(choice.Url);
        }
        catch (FormatException e)
        {
            throw new UserErrorException($"{e.Message.TrimEnd('.')} (set in {choice.Source}; fix it with: baton store use URL, or baton store use sqlite).");
        }

        if (string.IsNullOrEmpty(connection.Password)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGPASSWORD"))
            && BatonSettings.Load(home).StorePassword is { Length: > 0 } password)
        {
            connection.Password = password;
        }

        return connection;
    }
}
