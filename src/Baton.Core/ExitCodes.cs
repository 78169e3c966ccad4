namespace Baton.Core;

/// <summary>The exit codes of the <c>baton</c> command (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and reports a condition: conflicts with <c>--fail</c>, a failed doctor check, no current session.</summary>
    public const int Condition = 1;

    /// <summary>Bad input: unknown or ambiguous id, bad date, bad option.</summary>
    public const int UserError = 2;

    /// <summary>Baton itself failed (the store is unreachable, an unexpected error); details are in Baton's log.</summary>
    public const int Failure = 3;

    /// <summary>A program Baton needs is not installed (tmux, claude); the message names the command that installs it.</summary>
    public const int MissingProgram = 4;
}
