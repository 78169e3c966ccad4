using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Storage;
using Baton.Storage;
using Baton.Storage.Postgres;

namespace Baton.Cli.Store;

/// <summary>
/// <c>baton store use URL|sqlite</c> and <c>baton store status [--json]</c>: which store Baton uses (<see cref="StoreSelection"/>);
/// <c>baton store copy</c> is <see cref="StoreCopyCommand"/>.
/// <c>use postgres://…</c> connects first (migrating the team store when it is new) and only then saves the URL, without its
/// password, as <c>store_url</c> in <c>$BATON_HOME/config.json</c> (0600); a password in the URL goes to
/// <c>store_password</c> there, never into Claude Code's settings and never to the screen. <c>status --json</c> prints
/// <c>{"kind": "sqlite"|"postgres", "store": "...", "source": "BATON_STORE_URL"|"config.json"|"default", "reachable": bool,
/// "schema_version": int|null, "latency_ms": number|null, "error": string|null}</c>; exit 1 when the store is unreachable.
/// </summary>
internal static class StoreCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment) => new(
        "store",
        "Which store Baton keeps sessions, messages and coordination in: the SQLite file in $BATON_HOME (the default) or a team's PostgreSQL database, shared by several machines")
    {
        Use(environment),
        Status(environment),
        StoreCopyCommand.Create(environment),
    };

    private static Command Use(CliEnvironment environment)
    {
        var target = new Argument<string>("url")
        {
            Description = "postgres://user@host:5432/database?sslmode=require (the password from PGPASSWORD, ~/.pgpass, or the URL, kept in Baton's 0600 config), or sqlite for the local file",
        };
        var command = new Command("use", "Switch Baton on this machine to a store; a team store is connected to (and migrated) before the switch") { target };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var given = parse.GetValue(target)!.Trim();
            var settings = BatonSettings.Load(environment.Home);
            if (string.Equals(given, StoreSelection.Sqlite, StringComparison.OrdinalIgnoreCase))
            {
                settings.StoreUrl = null;
                settings.StorePassword = null;
                settings.Save(environment.Home);
                context.Output.WriteLine($"Baton now uses the SQLite file {environment.Home.DatabasePath}.");
                WarnOverride(context);
                return ExitCodes.Ok;
            }

            if (!PostgresUrl.IsPostgresUrl(given))
            {
                throw new UserErrorException($"'{PostgresUrl.Redact(given)}' is neither sqlite nor a postgres:// URL; e.g. baton store use postgres://ada@db.example.org/baton?sslmode=require");
            }

            string? password;
            try
            {
                password = PostgresUrl.Parse(given).Password;
            }
            catch (FormatException e)
            {
                throw new UserErrorException(e.Message);
            }

            var connection = StoreSelection.Connection(environment.Home, new StoreChoice(given, "the command line"));
            var factory = new PostgresStoreFactory(connection);
            using (var store = factory.Open())
            {
                store.CheckWritable();
                context.Output.WriteLine($"Baton now uses the team store {factory.Description} (schema version {store.SchemaVersion}).");
            }

            settings.StoreUrl = WithoutPassword(given);
            settings.StorePassword = password ?? settings.StorePassword;
            settings.Save(environment.Home);
            WarnOverride(context);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Which store Baton uses, where that is set, its schema version, and whether it answers (with the time to connect and read). Exit 1 when it does not answer") { json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var choice = StoreSelection.Choose(environment.Home);
            var stores = environment.Stores;
            var watch = Stopwatch.StartNew();
            int? version = null;
            string? error = null;
            try
            {
                using var store = stores.Open();
                version = store.SchemaVersion;
            }
            catch (StoreException e)
            {
                error = e.Message;
            }

            var latency = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            if (parse.GetValue(json))
            {
                context.WriteJson(new JsonObject
                {
                    ["kind"] = choice.Kind,
                    ["store"] = stores.Description,
                    ["source"] = choice.Source,
                    ["reachable"] = error is null,
                    ["schema_version"] = version,
                    ["latency_ms"] = error is null ? latency : null,
                    ["error"] = error,
                }.ToJsonString(Indented));
            }
            else
            {
                context.Output.WriteLine($"Store:     {stores.Description} ({choice.Kind}, from {choice.Source})");
                context.Output.WriteLine(error is null
                    ? $"Reachable: yes, schema version {version}, {latency.ToString("0.0", CultureInfo.InvariantCulture)} ms to connect and read"
                    : $"Reachable: no: {error}");
            }

            return error is null ? ExitCodes.Ok : ExitCodes.Condition;
        }));
        return command;
    }

    /// <summary>The URL with its user-info password removed (kept in <c>store_password</c> instead).</summary>
    private static string WithoutPassword(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = url.IndexOf('@', scheme);
        var slash = url.IndexOf('/', scheme);
        if (at < 0 || (slash >= 0 && at > slash))
        {
            return url;
        }

        var colon = url.IndexOf(':', scheme);
        return colon >= 0 && colon < at ? url[..colon] + url[at..] : url;
    }

    private static void WarnOverride(CliContext context)
    {
        if (Environment.GetEnvironmentVariable(StoreSelection.UrlVariable) is { Length: > 0 })
        {
            context.Error.WriteLine($"baton: note: {StoreSelection.UrlVariable} is set in this environment and overrides the saved choice.");
        }
    }
}
