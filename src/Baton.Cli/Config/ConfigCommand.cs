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
        var rootsCommand = new Command(
            "roots",
            "Folders where baton new NAME looks for a git repository named NAME (directly under a root or one level down)");
        rootsCommand.Subcommands.Add(Change(
            environment,
            "add",
            "Add a repository root",
            "An existing folder that holds repositories, e.g. ~/src",
            (roots, directory) => roots.Add(directory),
            root => $"Repository root {root} added; start a session in a repository under it: baton new NAME"));
        rootsCommand.Subcommands.Add(List(environment));
        rootsCommand.Subcommands.Add(Change(
            environment,
            "remove",
            "Remove a repository root (the folder itself is left alone)",
            "A repository root, as listed by baton config roots ls",
            (roots, directory) => roots.Remove(directory),
            root => $"Repository root {root} removed."));
        return new Command("config", "Baton's settings in $BATON_HOME/config.json") { rootsCommand };
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

    private static Command Change(
        CliEnvironment environment, string name, string description, string argument, Func<RepositoryRoots, string, string> change, Func<string, string> done)
    {
        var directory = new Argument<string>("dir") { Description = argument };
        var command = new Command(name, description) { directory };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var root = change(new RepositoryRoots(environment.Home), Absolute(environment, parse.GetValue(directory)!));
            context.Output.WriteLine(done(root));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Absolute(CliEnvironment environment, string directory) =>
        Path.GetFullPath(directory.StartsWith('~') ? environment.UserHome + directory[1..] : directory, environment.WorkingDirectory);
}
