using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Storage.Copy;
using Baton.Storage;

namespace Baton.Cli.Store;

/// <summary>
/// <c>baton store copy --to URL [--json]</c>: copies this user's local SQLite store (<c>$BATON_HOME/baton.db</c>, whatever
/// store is configured) into a team store or another SQLite file, once (<see cref="StoreCopy"/>): a second run copies
/// nothing. Prints the rows copied and found per kind; <c>--json</c> prints <c>{"source": "...", "target": "...",
/// "copied": {"sessions": n, "history": n, ...}, "found": {...}}</c>. A malformed URL exits 2; a target that cannot be
/// reached or written exits 3, in one line.
/// </summary>
internal static class StoreCopyCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var to = new Option<string>("--to")
        {
            Description = "The store to copy into: postgres://user@host:5432/database (the password as for baton store use), or sqlite:PATH",
            Required = true,
        };
        var json = CommonOptions.Json();
        var command = new Command("copy", "Copy this user's local sessions, history, journal, messages and coordination data into a team store, once: running it again copies nothing new") { to, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var target = StoreSelection.Named(environment.Home, parse.GetValue(to)!.Trim(), environment.Time);
            var source = StoreSelection.Local(environment.Home, environment.Time);
            IReadOnlyList<StoreCopyCount> counts;
            using (var from = source.Open())
            using (var into = target.Open())
            {
                counts = StoreCopy.Run(from, into, environment.Actor);
            }

            if (parse.GetValue(json))
            {
                var copied = new JsonObject();
                var found = new JsonObject();
                foreach (var count in counts)
                {
                    copied[count.Kind] = count.Copied;
                    found[count.Kind] = count.Found;
                }

                context.WriteJson(new JsonObject
                {
                    ["source"] = source.Description,
                    ["target"] = target.Description,
                    ["copied"] = copied,
                    ["found"] = found,
                }.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            var total = counts.Sum(c => c.Copied);
            context.Output.WriteLine(total == 0
                ? $"Nothing new to copy from {source.Description} to {target.Description}."
                : $"Copied {total} rows from {source.Description} to {target.Description}:");
            foreach (var count in counts.Where(c => c.Found > 0))
            {
                context.Output.WriteLine($"  {count.Kind,-18} {count.Copied,7} copied of {count.Found}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
