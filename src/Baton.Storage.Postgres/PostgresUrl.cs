using System.Globalization;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Baton's way to name a team store: a PostgreSQL connection URI as libpq reads it,
/// <c>postgres://[user[:password]@]host[:port][/database][?parameter=value&amp;...]</c> (also <c>postgresql://</c>;
/// percent-encoded parts are decoded), turned into an Npgsql connection string. The query parameters Baton passes through
/// are <c>sslmode</c> (disable, allow, prefer, require, verify-ca, verify-full), <c>sslrootcert</c>, <c>sslcert</c>,
/// <c>sslkey</c>, <c>connect_timeout</c> (seconds), <c>application_name</c>, <c>options</c> (for example
/// <c>-c search_path=team</c>, the schema the store lives in) and <c>host</c> (a Unix socket folder). Without a password in
/// the URI, Npgsql takes it from <c>PGPASSWORD</c> or the standard <c>~/.pgpass</c> (<c>PGPASSFILE</c>).
/// </summary>
public static class PostgresUrl
{
    /// <summary>The connect timeout when the URL gives none, in seconds: long enough for a server across a network,
    /// short enough that a command does not hang on an unreachable one.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    private static readonly string[] Schemes = ["postgres://", "postgresql://"];

    /// <summary>Whether text looks like a PostgreSQL URL (by its scheme).</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for <c>postgres://</c> and <c>postgresql://</c>.</returns>
    public static bool IsPostgresUrl(string text) =>
        Schemes.Any(scheme => text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a URL into Npgsql's connection settings.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The settings; the caller may add a password or a search path.</returns>
    /// <exception cref="FormatException">The URL is malformed or has a parameter Baton does not pass on; the message says
    /// which part and shows the expected form.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        const string Form = "postgres://user@host:5432/database?sslmode=require";
        if (!IsPostgresUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"'{Redact(url)}' is not a PostgreSQL URL; expected {Form}.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Length == 0 ? "localhost" : uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Timeout = DefaultConnectTimeoutSeconds,
        };
        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"'{Redact(url)}' names the database '{database}', which has a '/'; expected {Form}.");
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            Apply(builder, name, value, url);
        }

        return builder;
    }

    /// <summary>Describes a store's connection for people and logs: <c>postgres://user@host:port/database</c>, with the
    /// search path when one is set; never the password.</summary>
    /// <param name="builder">The connection settings.</param>
    /// <returns>The description.</returns>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "" : " (schema " + builder.SearchPath + ")";
        return $"postgres://{user}{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}{schema}";
    }

    /// <summary>A URL with its password (if any) replaced by <c>***</c>, for messages.</summary>
    /// <param name="url">The URL as given.</param>
    /// <returns>The URL without its password.</returns>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return url;
        }

        var colon = url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }

    private static void Apply(NpgsqlConnectionStringBuilder builder, string name, string value, string url)
    {
        switch (name)
        {
            case "sslmode":
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new FormatException(
                        $"'{Redact(url)}' has sslmode={value}; use one of disable, allow, prefer, require, verify-ca, verify-full."),
                };
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            case "connect_timeout":
                builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 1024
                    ? seconds
                    : throw new FormatException($"'{Redact(url)}' has connect_timeout={value}; give whole seconds, 1 to 1024.");
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "options":
                builder.Options = value;
                break;
            case "host":
                builder.Host = value;
                break;
            default:
                throw new FormatException(
                    $"'{Redact(url)}' has the parameter '{name}', which Baton does not pass on; use sslmode, sslrootcert, sslcert, sslkey, connect_timeout, application_name, options or host.");
        }
    }
}
