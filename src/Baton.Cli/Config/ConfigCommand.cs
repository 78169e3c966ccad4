using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Repositories;

namespace Baton.Cli.Config;

/// <summary>
/// <c>baton config roots add DIR | ls [--json] | remove DIR</c>: the folders where <c>baton new NAME</c> looks for a
/// repository named NAME (<see cref="RepositoryRoots"/>), kept in <c>$BATON_HOME/config.json</c> (0600).
/// <c>ls --json</c> prints <c>{"roots": ["/abs/path", ...]}</c>.
/// </summary>
internal static class ConfigCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var roots = new Command(
            "roots",
            "Folders where baton new NAME looks for a git repository named NAME (directly under a root or one level down)");
        roots.Subcommands.Add(Add(environment));
        roots.Subcommands.Add(List(environment));
        roots.Subcommands.Add(Remove(environment));
        return new Command("config", "Baton's settings in $BATON_HOME/config.json") { roots };
    }

    private static Command Add(CliEnvironment environment)
    {
        var directory = new Argument<string>("dir") { Description = "An existing folder that holds repositories, e.g. ~/src" };
        var command = new Command("add", "Add a repository root") { directory };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var root = new RepositoryRoots(environment.Home).Add(Absolute(environment, parse.GetValue(directory)!));
            context.Output.WriteLine($"Repository root {root} added; start a session in a repository under it: baton new NAME");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var command = new Command("ls", "List the repository roots") { json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var roots = new RepositoryRoots(environment.Home).List();
            if (parse.GetValue(json))
            {
                var document = new JsonObject { ["roots"] = new JsonArray([.. roots.Select(r => (JsonNode?)JsonValue.Create(r))]) };
                context.WriteJson(document.ToJsonString(Indented));
            }
            else
            {
                context.Output.WriteLine(roots.Count == 0 ? "No repository roots; add one: baton config roots add DIR" : string.Join(Environment.NewLine, roots));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove(CliEnvironment environment)
    {
        var directory = new Argument<string>("dir") { Description = "A repository root, as listed by baton config roots ls" };
        var command = new Command("remove", "Remove a repository root (the folder itself is left alone)") { directory };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var root = new RepositoryRoots(environment.Home).Remove(Absolute(environment, parse.GetValue(directory)!));
            context.Output.WriteLine($"Repository root {root} removed.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Absolute(CliEnvironment environment, string directory) =>
        Path.GetFullPath(directory.StartsWith('~') ? environment.UserHome + directory[1..] : directory, environment.WorkingDirectory);
}
