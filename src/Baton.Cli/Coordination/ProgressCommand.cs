using System.CommandLine;
using System.Globalization;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Spectre.Console;

namespace Baton.Cli.Coordination;

/// <summary><c>baton progress [SUBJECT] [--phase P --percent N [--message M]]</c>: sets progress on a subject when
/// <c>--phase</c>, <c>--percent</c> or <c>--message</c> is given, else shows it; the CLI twin of the MCP tools
/// <c>set_progress</c> and <c>get_progress</c>.</summary>
internal static class ProgressCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var subject = new Argument<string?>("subject")
        {
            Description = "What the progress is about, for example issue:42; omit it to show every subject",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var phase = new Option<string?>("--phase") { Description = "Set: the current phase, for example testing", HelpName = "P" };
        var percent = new Option<int?>("--percent") { Description = "Set: how much is done, 0 to 100", HelpName = "N" };
        var message = new Option<string?>("--message") { Description = "Set: a short note (optional)", HelpName = "M" };
        var json = CommonOptions.Json();
        var command = new Command(
            "progress",
            "Show or set how far work on a subject has come. With --phase and --percent (and optionally --message) it sets SUBJECT's " +
            "progress; without them it shows SUBJECT's, or every subject's. --json: setting prints " +
            "{subject, phase, percent, message, writer, updated_at}; showing prints an array of them. " + CoordinationCli.ExitCodesHelp)
        {
            subject, phase, percent, message, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var about = parse.GetValue(subject);
            if (parse.GetValue(phase) is not null || parse.GetValue(percent) is not null || parse.GetValue(message) is not null)
            {
                if (about is null || parse.GetValue(phase) is not { } p || parse.GetValue(percent) is not { } n)
                {
                    throw new UserErrorException("To set progress give SUBJECT, --phase and --percent (--message is optional), for example: baton progress issue:42 --phase testing --percent 60");
                }

                var set = coordinator.SetProgress(about, p, n, parse.GetValue(message) ?? "", environment.Actor);
                if (parse.GetValue(json))
                {
                    context.WriteJson(ProgressJson.From(set), ContractJson.Default.ProgressJson);
                }
                else
                {
                    context.Output.WriteLine($"Progress of '{set.Subject}': {set.Phase} {set.Percent}%" + (set.Message.Length > 0 ? $" - {set.Message}" : "") + ".");
                }

                return ExitCodes.Ok;
            }

            var entries = coordinator.GetProgress(about);
            if (about is not null && entries.Count == 0)
            {
                if (parse.GetValue(json))
                {
                    context.WriteJson("[]");
                }

                context.Error.WriteLine($"baton: No progress recorded for '{about}'.");
                return ExitCodes.Condition;
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(entries.Select(ProgressJson.From).ToList(), ContractJson.Default.ListProgressJson);
            }
            else if (entries.Count == 0)
            {
                context.Output.WriteLine("No progress recorded yet (baton progress SUBJECT --phase P --percent N).");
            }
            else
            {
                var now = environment.Time.GetUtcNow();
                var table = CoordinationCli.Table("SUBJECT", "PHASE", "DONE", "BY", "UPDATED", "MESSAGE");
                foreach (var e in entries)
                {
                    table.AddRow(
                        new Text(e.Subject),
                        new Text(CoordinationCli.Shorten(e.Phase, 30)),
                        new Text(e.Percent.ToString(CultureInfo.InvariantCulture) + "%"),
                        new Text(CoordinationCli.Who(e.Writer)),
                        new Text(Durations.Short(now - e.UpdatedAt) + " ago"),
                        new Text(CoordinationCli.Shorten(e.Message, 80)));
                }

                context.Console.Write(table);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
