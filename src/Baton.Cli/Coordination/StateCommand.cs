using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Baton.Core.Coordination;
using Spectre.Console;

namespace Baton.Cli.Coordination;

/// <summary><c>baton state get|set|rm|ls|rm-scope</c> (<c>scopes</c> is another name for <c>ls</c>): shared key/value state
/// in named scopes, with versions for compare-and-set; the CLI twin of the MCP tools <c>store_data</c>, <c>retrieve_data</c>,
/// <c>delete_data</c>, <c>list_scopes</c> and <c>delete_scope</c>.</summary>
internal static class StateCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "state",
            "Shared state: JSON values under keys in named scopes (for example issue:42), each with a version and its writer. " +
            CoordinationCli.ExitCodesHelp)
        {
            Get(environment), Set(environment), Remove(environment), List(environment), RemoveScope(environment),
        };
        return command;
    }

    private static Argument<string> ScopeArgument() => new("scope") { Description = "The scope, for example issue:42 (letters, digits and :_-./@)" };

    private static Argument<string> KeyArgument() => new("key") { Description = "The key inside the scope" };

    private static Command Get(CliEnvironment environment)
    {
        var scope = ScopeArgument();
        var key = new Argument<string?>("key") { Description = "The key; omit it to show every key of the scope", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command(
            "get",
            "Show one key (value, version, writer, time) or a whole scope. --json: the entry " +
            "{scope, key, value, version, writer, updated_at}, or an array of them for a scope; null when missing (exit 1).")
        {
            scope, key, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var scopeName = parse.GetValue(scope)!;
            if (parse.GetValue(key) is { } keyName)
            {
                if (coordinator.RetrieveData(scopeName, keyName) is not { } entry)
                {
                    return context.NothingThere(parse.GetValue(json), $"No key '{keyName}' in scope '{scopeName}'.");
                }

                if (parse.GetValue(json))
                {
                    context.WriteJson(StateEntryJson.From(entry), ContractJson.Default.StateEntryJson);
                }
                else
                {
                    context.Output.WriteLine($"{entry.ValueJson}");
                    context.Output.WriteLine($"(scope {entry.Scope}, key {entry.Key}, version {entry.Version}, written by {entry.Writer} at {CoordinationJournalTypes.FormatTime(entry.UpdatedAt)})");
                }

                return ExitCodes.Ok;
            }

            if (!ScopeExists(coordinator, scopeName))
            {
                return context.NothingThere(parse.GetValue(json), $"The scope '{scopeName}' holds no keys (see baton state ls).");
            }

            var entries = coordinator.RetrieveScope(scopeName);
            if (parse.GetValue(json))
            {
                context.WriteJson(entries.Select(StateEntryJson.From).ToList(), ContractJson.Default.ListStateEntryJson);
                return ExitCodes.Ok;
            }

            var table = CoordinationCli.Table("KEY", "VERSION", "WRITER", "UPDATED", "VALUE");
            var now = environment.Time.GetUtcNow();
            foreach (var e in entries)
            {
                table.AddRow(
                    new Text(e.Key),
                    new Text(e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(CoordinationCli.Who(e.Writer)),
                    new Text(Durations.Short(now - e.UpdatedAt) + " ago"),
                    new Text(CoordinationCli.Shorten(e.ValueJson, 80)));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(CliEnvironment environment)
    {
        var scope = ScopeArgument();
        var key = KeyArgument();
        var value = new Argument<string>("value")
        {
            Description = "The value: any JSON (42, true, {\"a\": 1}, or a quoted string such as '\"text\"'); - reads it from standard input",
        };
        var expected = new Option<long?>("--expected-version")
        {
            Description = "Compare-and-set: write only if the key is at this version (0: only if it does not exist); otherwise exit 1 naming the current version and writer",
            HelpName = "N",
        };
        var json = CommonOptions.Json();
        var command = new Command("set", "Write a key (at most 256 KiB of JSON). --json: the entry as stored {scope, key, value, version, writer, updated_at}.")
        {
            scope, key, value, expected, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var valueJson = CoordinationCli.ReadJson(parse.GetValue(value)!, "value");
            var entry = context.Coordinator().StoreData(parse.GetValue(scope)!, parse.GetValue(key)!, valueJson, parse.GetValue(expected), environment.Actor);
            return context.Report(parse.GetValue(json), StateEntryJson.From(entry), ContractJson.Default.StateEntryJson, $"Set '{entry.Key}' in scope '{entry.Scope}': version {entry.Version}.");
        }));
        return command;
    }

    private static Command Remove(CliEnvironment environment)
    {
        var scope = ScopeArgument();
        var key = KeyArgument();
        var expected = new Option<long?>("--expected-version")
        {
            Description = "Delete only if the key is at this version; otherwise exit 1 naming the current version and writer",
            HelpName = "N",
        };
        var json = CommonOptions.Json();
        var command = new Command("rm", "Delete a key; exit 1 when it does not exist. --json: {scope, key, deleted}.") { scope, key, expected, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var scopeName = parse.GetValue(scope)!;
            var keyName = parse.GetValue(key)!;
            var deleted = context.Coordinator().DeleteData(scopeName, keyName, environment.Actor, parse.GetValue(expected));
            if (parse.GetValue(json))
            {
                context.WriteJson(new StateDeletedJson(scopeName, keyName, deleted), ContractJson.Default.StateDeletedJson);
            }
            else if (deleted)
            {
                context.Output.WriteLine($"Deleted '{keyName}' from scope '{scopeName}'.");
            }

            if (!deleted)
            {
                context.Error.WriteLine($"baton: No key '{keyName}' in scope '{scopeName}'; nothing deleted.");
                return ExitCodes.Condition;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var pattern = new Argument<string?>("pattern")
        {
            Description = "Only scopes matching this glob, for example 'issue:*' (* any run, ? one character)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var command = new Command("ls", "List the scopes that hold keys, with their key counts ('scopes' is the same command). --json: [{scope, keys, updated_at}].")
        {
            pattern, json,
        };
        command.Aliases.Add("scopes");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var scopes = context.Coordinator().ListScopes(parse.GetValue(pattern));
            if (parse.GetValue(json))
            {
                context.WriteJson(scopes.Select(ScopeJson.From).ToList(), ContractJson.Default.ListScopeJson);
            }
            else if (scopes.Count == 0)
            {
                context.Output.WriteLine(parse.GetValue(pattern) is { } p ? $"No scope matches '{p}'." : "No state stored yet (baton state set SCOPE KEY VALUE).");
            }
            else
            {
                var table = CoordinationCli.Table("SCOPE", "KEYS", "UPDATED");
                var now = environment.Time.GetUtcNow();
                foreach (var s in scopes)
                {
                    table.AddRow(new Text(s.Scope), new Text(s.Keys.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(Durations.Short(now - s.UpdatedAt) + " ago"));
                }

                context.Console.Write(table);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RemoveScope(CliEnvironment environment)
    {
        var scope = ScopeArgument();
        var json = CommonOptions.Json();
        var command = new Command("rm-scope", "Delete every key of a scope at once; exit 1 when it holds none. --json: {scope, deleted_keys}.") { scope, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var scopeName = parse.GetValue(scope)!;
            if (!ScopeExists(coordinator, scopeName))
            {
                return context.NothingThere(parse.GetValue(json), $"The scope '{scopeName}' holds no keys; nothing deleted.");
            }

            var deleted = coordinator.DeleteScope(scopeName, environment.Actor);
            return context.Report(parse.GetValue(json), new ScopeDeletedJson(scopeName, deleted), ContractJson.Default.ScopeDeletedJson, $"Deleted scope '{scopeName}' ({deleted} key(s)).");
        }));
        return command;
    }

    /// <summary>Whether a scope holds keys; a name that is not a plain name counts as existing, so the coordinator's name
    /// check reports what is wrong with it.</summary>
    private static bool ScopeExists(Coordinator coordinator, string scope) =>
        !CoordinationCli.IsPlainName(scope) || coordinator.ListScopes(scope).Any(s => s.Scope == scope);
}
