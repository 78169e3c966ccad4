using System.CommandLine;
using System.Globalization;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Spectre.Console;

namespace Baton.Cli.Coordination;

/// <summary><c>baton lock acquire|renew|release|ls</c>: locks with expiry and fencing tokens; the CLI twin of the MCP tools
/// <c>acquire_lock</c>, <c>renew_lock</c>, <c>release_lock</c> and <c>list_locks</c>.</summary>
internal static class LockCommand
{
    /// <summary>The time to live when <c>--ttl</c> is not given, in seconds.</summary>
    public const int DefaultTtlSeconds = 300;

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment) => new(
        "lock",
        "Locks on named resources (file:<path or glob> is a file lease): one holder at a time, each grant with a fencing token " +
        "greater than any before on that resource, lapsing at expiry unless renewed. " + CoordinationCli.ExitCodesHelp)
    {
        Acquire(environment), Renew(environment), Release(environment), List(environment),
    };

    private static Argument<string> ResourceArgument() => new("resource") { Description = "The resource, for example deploy or file:src/app.cs" };

    private static Argument<long?> TokenArgument() => new("token")
    {
        Description = "The token 'baton lock acquire' printed; leave out to use the lock you (this session, or human) hold on the resource",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<int> TtlOption() => new("--ttl")
    {
        Description = "How long the lock lives unless renewed, in seconds (1 to 86400)",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => DefaultTtlSeconds,
    };

    private static Command Acquire(CliEnvironment environment)
    {
        var resource = ResourceArgument();
        var ttl = TtlOption();
        var wait = new Option<int?>("--wait") { Description = "Keep trying this long while another holds it, in seconds (at most 300)", HelpName = "SECONDS" };
        var reason = new Option<string?>("--reason") { Description = "Why you hold it, shown to others", HelpName = "TEXT" };
        var force = new Option<bool>("--force")
        {
            Description = $"Allow a file lease on the whole project (file:**, file:., file:), which refuses every other session's edits; its --ttl may be at most {FileLeasePolicy.WholeProjectMaxTtl.TotalSeconds:0}",
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "acquire",
            "Acquire a lock: prints its token and expiry (acquiring a lock you hold renews it). Held by another: prints the holder, " +
            "since and until when, and exits 1. --json: {outcome: acquired|renewed|taken_over|held_by_another, granted, lock, previous} " +
            "with lock = {resource, holder, token, acquired_at, expires_at, reason}. A file lease is a path or glob inside the project, " +
            "relative to its root; one outside it is refused.")
        {
            resource, ttl, wait, reason, force, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var name = parse.GetValue(resource)!;
            var lifetime = TimeSpan.FromSeconds(parse.GetValue(ttl));
            if (FileLeaseGuard.IsFileLease(name))
            {
                FileLeasePolicy.CheckAcquire(name, lifetime, parse.GetValue(force), LeaseRoot(context));
            }

            LockAttempt attempt;
            if (parse.GetValue(wait) is { } seconds)
            {
                using var stop = new StopSignal();
                try
                {
                    attempt = coordinator.AcquireLockAsync(name, lifetime, environment.Actor, parse.GetValue(reason), TimeSpan.FromSeconds(seconds), stop.Token)
                        .GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    context.Error.WriteLine($"baton: Stopped waiting for lock '{name}'; it was not acquired.");
                    return ExitCodes.Condition;
                }
            }
            else
            {
                attempt = coordinator.AcquireLock(name, lifetime, environment.Actor, parse.GetValue(reason));
            }

            if (parse.GetValue(json))
            {
                context.WriteJson(LockAttemptJson.From(attempt), ContractJson.Default.LockAttemptJson);
            }

            var held = attempt.Lock;
            if (!attempt.Granted)
            {
                context.Error.WriteLine(
                    $"baton: Lock '{held.Resource}' is held by {held.Holder}{(context.Store.GetSession(held.Holder)?.Host is { } host ? " on host " + host : "")} since {CoordinationJournalTypes.FormatTime(held.AcquiredAt)} until {CoordinationJournalTypes.FormatTime(held.ExpiresAt)}" +
                    (held.Reason is { } why ? $" (reason: {CoordinationCli.Shorten(why, 200)})" : "") +
                    "; try again later or wait with --wait SECONDS.");
                return ExitCodes.Condition;
            }

            if (!parse.GetValue(json))
            {
                var verb = attempt.Outcome switch
                {
                    LockOutcome.Renewed => "Renewed (you held it already)",
                    LockOutcome.TakenOver => $"Acquired (the lock of {attempt.Previous!.Holder} had expired at {CoordinationJournalTypes.FormatTime(attempt.Previous.ExpiresAt)})",
                    _ => "Acquired",
                };
                context.Output.WriteLine($"{verb} lock '{held.Resource}': token {held.Token}, expires {CoordinationJournalTypes.FormatTime(held.ExpiresAt)}.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Renew(CliEnvironment environment)
    {
        var resource = ResourceArgument();
        var token = TokenArgument();
        var ttl = TtlOption();
        var json = CommonOptions.Json();
        var command = new Command(
            "renew",
            "Extend a lock you hold (same token, expiry now + TTL). Give the token acquire printed, or none to renew your own lock on the resource. " +
            "A stale token (expired, released, taken over), or no lock of yours, exits 1 naming the current holder. --json: the lock.")
        {
            resource, token, ttl, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var name = parse.GetValue(resource)!;
            var lifetime = TimeSpan.FromSeconds(parse.GetValue(ttl));
            if (FileLeaseGuard.IsFileLease(name))
            {
                FileLeasePolicy.CheckRenewal(name, lifetime, LeaseRoot(context));
            }

            var coordinator = context.Coordinator();
            var renewed = coordinator.RenewLock(name, parse.GetValue(token) ?? coordinator.OwnToken(name, environment.Actor), lifetime, environment.Actor);
            return context.Report(parse.GetValue(json), LockJson.From(renewed), ContractJson.Default.LockJson, $"Renewed lock '{renewed.Resource}': token {renewed.Token}, expires {CoordinationJournalTypes.FormatTime(renewed.ExpiresAt)}.");
        }));
        return command;
    }

    private static Command Release(CliEnvironment environment)
    {
        var resource = ResourceArgument();
        var token = TokenArgument();
        var force = new Option<bool>("--force")
        {
            Description = "Break the lock whoever holds it (a stuck lock of a session that will not release it); journaled as lock.broken with you as the actor",
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "release",
            "Release a lock you hold: give the token acquire printed, or none to release your own lock on the resource. A stale token, " +
            "or no lock of yours, exits 1 naming the current holder. --force breaks another's lock. --json: the lock as it was.")
        {
            resource, token, force, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var coordinator = context.Coordinator();
            var name = parse.GetValue(resource)!;
            if (parse.GetValue(force))
            {
                var broken = coordinator.BreakLock(name, parse.GetValue(token), environment.Actor);
                return context.Report(
                    parse.GetValue(json), LockJson.From(broken), ContractJson.Default.LockJson, $"Broke lock '{broken.Resource}' of {broken.Holder} (token {broken.Token}).");
            }

            var released = coordinator.ReleaseLock(name, parse.GetValue(token) ?? coordinator.OwnToken(name, environment.Actor), environment.Actor);
            return context.Report(parse.GetValue(json), LockJson.From(released), ContractJson.Default.LockJson, $"Released lock '{released.Resource}' (token {released.Token}).");
        }));
        return command;
    }

    /// <summary>The project root a file lease of this caller is relative to (<see cref="FileLeasePolicy.RootFor"/>).</summary>
    private static string LeaseRoot(CliContext context) =>
        FileLeasePolicy.RootFor(context.Store, context.Environment.Actor, context.Environment.WorkingDirectory);

    private static Command List(CliEnvironment environment)
    {
        var pattern = new Argument<string?>("pattern")
        {
            Description = "Only resources matching this glob, for example 'file:*' (* any run, ? one character)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var command = new Command("ls", "List live locks: resource, holder, token, since, expiry, reason. --json: [lock].") { pattern, json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var locks = context.Coordinator().ListLocks(parse.GetValue(pattern));
            if (parse.GetValue(json))
            {
                context.WriteJson(locks.Select(LockJson.From).ToList(), ContractJson.Default.ListLockJson);
            }
            else if (locks.Count == 0)
            {
                context.Output.WriteLine("No live locks.");
            }
            else
            {
                var now = environment.Time.GetUtcNow();
                var table = CoordinationCli.Table("RESOURCE", "HOLDER", "TOKEN", "HELD", "EXPIRES IN", "REASON");
                foreach (var l in locks)
                {
                    table.AddRow(
                        new Text(l.Resource),
                        new Text(CoordinationCli.Who(l.Holder)),
                        new Text(l.Token.ToString(CultureInfo.InvariantCulture)),
                        new Text(Durations.Short(now - l.AcquiredAt)),
                        new Text(Durations.Short(l.ExpiresAt - now)),
                        new Text(CoordinationCli.Shorten(l.Reason ?? "", 60)));
                }

                context.Console.Write(table);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
