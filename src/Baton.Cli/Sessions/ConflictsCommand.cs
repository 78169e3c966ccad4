using System.CommandLine;
using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts.Sessions;
using Baton.Core;
using Spectre.Console;

namespace Baton.Cli.Sessions;

/// <summary><c>baton conflicts</c>: live sessions that share one project, with the risk in one line.</summary>
internal static class ConflictsCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var fail = new Option<bool>("--fail") { Description = "Exit 1 when there are conflicts (default: exit 0 either way)" };
        var json = CommonOptions.Json();
        var command = new Command("conflicts", "Find live sessions working in the same project (same git top-level folder or path), with their branches and ages") { fail, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var conflicts = context.Registry.Conflicts();
            var now = environment.Time.GetUtcNow();
            if (parse.GetValue(json))
            {
                var shapes = conflicts.Select(c => new ConflictJson(c.Project, c.ProjectRoot, c.Risk, c.Sessions.Select(SessionJson.From).ToList())).ToList();
                context.WriteJson(JsonSerializer.Serialize(shapes, CliJson.Default.ListConflictJson));
            }
            else if (conflicts.Count == 0)
            {
                context.Output.WriteLine("No conflicts: no two live sessions share a project.");
            }
            else
            {
                foreach (var conflict in conflicts)
                {
                    context.Console.MarkupLine($"[bold]{Markup.Escape(conflict.Project)}[/] ({Markup.Escape(conflict.ProjectRoot)})");
                    context.Console.Write(SessionTable.Build(conflict.Sessions, now));
                    context.Console.MarkupLine($"[yellow]risk:[/] {Markup.Escape(conflict.Risk)}");
                    context.Console.WriteLine();
                }
            }

            return conflicts.Count > 0 && parse.GetValue(fail) ? ExitCodes.Condition : ExitCodes.Ok;
        }));
        return command;
    }
}
