using System.CommandLine;
using System.Text.Json;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Spectre.Console;

namespace Baton.Cli.Doctor;

/// <summary><c>baton doctor</c>: checks what Baton needs and says how to fix what is missing. Exit 1 when a check fails.</summary>
internal static class DoctorCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var full = new Option<bool>("--full") { Description = "Check the store file fully (SQLite's integrity_check: every index against its table), not just quickly (quick_check)" };
        var command = new Command("doctor", "Check claude, tmux, Baton's hooks, its MCP server's registration, the resident server, the store and its file's integrity, and the permissions of Baton's home, each with its fix. Exit 1 when a check fails") { json, full };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var checks = DoctorChecks.Run(environment, parse.GetValue(full));
            if (parse.GetValue(json))
            {
                context.WriteJson(JsonSerializer.Serialize(checks.ToList(), CliJson.Default.ListDoctorCheck));
            }
            else
            {
                foreach (var check in checks)
                {
                    var mark = check.State switch { "ok" => "[green]ok  [/]", "warn" => "[yellow]warn[/]", _ => "[red]FAIL[/]" };
                    context.Console.MarkupLine($"{mark} {Markup.Escape(check.Name),-12} {Markup.Escape(check.Detail)}");
                    if (check.Fix is { } fix)
                    {
                        context.Console.MarkupLine($"     {"",-12} fix: {Markup.Escape(fix)}");
                    }
                }
            }

            return checks.Any(c => c.State == "fail") ? ExitCodes.Condition : ExitCodes.Ok;
        }));
        return command;
    }
}
