using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Repositories;
using Baton.Core.Sessions;
using Spectre.Console;

namespace Baton.Cli.Leases;

/// <summary>
/// <c>baton leases mode [enforce|warn|off]</c> and <c>baton leases ls</c>: a project's file lease mode (what the PreToolUse
/// hook does about an edit of a file another session holds a lease on) and its live file leases. The project is
/// <c>--project DIR</c>, else the current session's (<c>CLAUDE_CODE_SESSION_ID</c>), else the current directory's: the git
/// top-level folder holding it, else the folder itself.
/// </summary>
internal static class LeasesCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "leases",
            "File leases: a lock on file:<path or glob> (relative to the project root, taken with 'baton lock acquire' or the MCP " +
            "tool acquire_lock) guards those files from the other sessions of the project, as the project's mode says")
        {
            Mode(environment),
            List(environment),
        };
        return command;
    }

    private static Command Mode(CliEnvironment environment)
    {
        var mode = new Argument<string?>("mode")
        {
            Description = "enforce (deny the edit), warn (let it through with a warning; the default) or off; omit it to show the mode",
            Arity = ArgumentArity.ZeroOrOne,
        };
        mode.AcceptOnlyFromAmong([.. FileLeaseModes.Names]);
        var project = ProjectOption();
        var json = CommonOptions.Json();
        var command = new Command("mode", "Show or set what the hook does when a session edits a file another session of the project holds a lease on")
        {
            mode, project, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var root = ProjectRoot(context, parse.GetValue(project));
            StateEntry? entry;
            FileLeaseMode current;
            if (parse.GetValue(mode) is { } given)
            {
                current = FileLeaseModes.Parse(given);
                entry = FileLeaseSettings.Write(new Coordinator(context.Store, environment.Time), root, current, environment.Actor);
            }
            else
            {
                (current, entry) = FileLeaseSettings.Read(context.Store, root);
            }

            if (parse.GetValue(json))
            {
                var shape = new JsonObject
                {
                    ["project_root"] = root,
                    ["mode"] = current.ToWire(),
                    ["is_default"] = entry is null,
                    ["scope"] = FileLeaseSettings.ScopeOf(root),
                    ["key"] = FileLeaseSettings.Key,
                    ["version"] = entry?.Version,
                    ["updated_by"] = entry?.Writer,
                    ["updated_at"] = entry is null ? null : CoordinationJournalTypes.FormatTime(entry.UpdatedAt),
                };
                context.WriteJson(shape.ToJsonString(Indented));
            }
            else
            {
                context.Output.WriteLine($"File leases in {root}: {current.ToWire()}{(entry is null ? " (the default)" : "")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var project = ProjectOption();
        var json = CommonOptions.Json();
        var command = new Command("ls", "List the live file leases of the project: what each covers, its holder, reason and expiry, and the leases it overlaps")
        {
            project, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var root = ProjectRoot(context, parse.GetValue(project));
            var now = environment.Time.GetUtcNow();
            var leases = Leases(context, root);
            if (parse.GetValue(json))
            {
                var shapes = new JsonArray();
                foreach (var lease in leases)
                {
                    // The lock's own fields as every lock is written (LockJson), then what a file lease adds.
                    var shape = JsonSerializer.SerializeToNode(LockJson.From(lease.Lock), ContractJson.Default.LockJson)!.AsObject();
                    shape["pattern"] = lease.Glob.Pattern;
                    shape["holder_name"] = lease.Holder.Name;
                    shape["holder_label"] = FileLeaseGuard.HolderLabel(lease.Holder);
                    shape["enforced"] = lease.Enforced;
                    shape["overlaps"] = new JsonArray([.. lease.Overlaps.Select(o => (JsonNode?)o)]);
                    shapes.Add(shape);
                }

                context.WriteJson(new JsonObject
                {
                    ["project_root"] = root,
                    ["mode"] = FileLeaseSettings.Read(context.Store, root).Mode.ToWire(),
                    ["leases"] = shapes,
                }.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            var mode = FileLeaseSettings.Read(context.Store, root).Mode.ToWire();
            if (leases.Count == 0)
            {
                context.Output.WriteLine($"No live file leases in {root} (mode: {mode}).");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine($"File leases in {root} (mode: {mode}):");
            var table = new Table().Border(TableBorder.None).AddColumns("LEASE", "HOLDER", "REASON", "EXPIRES", "NOTE");
            foreach (var lease in leases)
            {
                var note = string.Join("; ", new[]
                {
                    lease.Enforced ? null : "holder has ended: released by 'baton prune'",
                    lease.Overlaps.Count > 0 ? "overlaps " + string.Join(", ", lease.Overlaps) : null,
                }.OfType<string>());
                table.AddRow(
                    Markup.Escape(lease.Lock.Resource),
                    Markup.Escape(FileLeaseGuard.HolderLabel(lease.Holder)),
                    Markup.Escape(lease.Lock.Reason ?? ""),
                    Markup.Escape($"in {Durations.Short(lease.Lock.ExpiresAt - now)} ({lease.Lock.ExpiresAt.UtcDateTime:HH:mm:ss} UTC)"),
                    Markup.Escape(note));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string?> ProjectOption() => new("--project", "-p")
    {
        Description = "The project: a folder in it (default: the current session's project, else the current directory's)",
    };

    /// <summary>The project root a command is about (see the type's summary).</summary>
    private static string ProjectRoot(CliContext context, string? project)
    {
        if (project is not null)
        {
            var full = Path.GetFullPath(project, context.Environment.WorkingDirectory);
            if (!Directory.Exists(full))
            {
                throw new UserErrorException($"No folder {full}; give --project a folder of the project.");
            }

            return Path.TrimEndingDirectorySeparator(GitWorkingTree.FindTopLevel(full) ?? full);
        }

        return FileLeasePolicy.RootFor(context.Store, context.Environment.Actor, context.Environment.WorkingDirectory);
    }

    /// <summary>The live file leases whose holder is a session of the project, with the other holders' leases each overlaps.</summary>
    private static List<ListedLease> Leases(CliContext context, string root)
    {
        var locks = context.Store.ListLocks(FileLeaseGuard.ResourcePattern);
        var sessions = new Dictionary<string, Session?>(StringComparer.Ordinal);
        var listed = new List<ListedLease>();
        foreach (var lease in locks)
        {
            if (HolderOf(lease.Holder) is not { } holder || !ProjectPath.SameRoot(ProjectPath.RootOf(holder), root)
                || FileLeaseGuard.GlobOf(lease.Resource, root) is not { } glob)
            {
                continue;
            }

            var enforced = FileLeaseGuard.Enforces(holder, context.Environment.Liveness);
            listed.Add(new ListedLease(lease, glob, holder, enforced, []));
        }

        return listed
            .Select(l => l with
            {
                Overlaps = listed
                    .Where(o => o.Lock.Holder != l.Lock.Holder && o.Glob.Overlaps(l.Glob))
                    .Select(o => o.Lock.Resource)
                    .ToList(),
            })
            .ToList();

        Session? HolderOf(string id)
        {
            if (!sessions.TryGetValue(id, out var session))
            {
                sessions[id] = session = context.Store.GetSession(id);
            }

            return session;
        }
    }

    private sealed record ListedLease(LockInfo Lock, FileGlob Glob, Session Holder, bool Enforced, List<string> Overlaps);
}
