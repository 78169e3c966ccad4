using System.CommandLine;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Storage;

namespace Baton.Cli.CommandLine;

/// <summary>
/// Runs a command's body with Baton's error policy: a <see cref="UserErrorException"/> is one line on stderr and exit
/// <see cref="ExitCodes.UserError"/>; a <see cref="CoordinationConflictException"/> (a refusal decided by the store: a stale
/// version or lock token, an item claimed by another, a handoff already taken) is one line on stderr and exit
/// <see cref="ExitCodes.Condition"/>; a store failure or any unexpected error is one line (never a stack trace), a log
/// entry with the details, and exit <see cref="ExitCodes.Failure"/>.
/// </summary>
internal static class CliRunner
{
    /// <summary>Runs <paramref name="body"/> in a fresh <see cref="CliContext"/>.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="parseResult">The parse result (for its output writers).</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <returns>The exit code.</returns>
    public static int Run(CliEnvironment environment, ParseResult parseResult, Func<CliContext, int> body)
    {
        using var context = new CliContext(environment, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        var error = context.Error;
        try
        {
            return body(context);
        }
        catch (UserErrorException e)
        {
            error.WriteLine($"baton: {CommandLineRemedies.Describe(e)}");
            return ExitCodes.UserError;
        }
        catch (CoordinationConflictException e)
        {
            error.WriteLine($"baton: {e.Message}");
            return ExitCodes.Condition;
        }
        catch (MissingProgramException e)
        {
            error.WriteLine($"baton: {e.Message}");
            return ExitCodes.MissingProgram;
        }
        catch (StoreException e)
        {
            new BatonLog(environment.Home).Write("cli", e.ToString());
            error.WriteLine($"baton: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Anything else (a tmux failure, a bug): one line here, the details and stack trace in the log.
            new BatonLog(environment.Home).Write("cli", e.ToString());
            error.WriteLine($"baton: {e.Message} (details in {environment.Home.LogPath})");
            return ExitCodes.Failure;
        }
    }
}
