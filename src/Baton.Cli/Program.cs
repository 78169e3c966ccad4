using Baton.Cli.CommandLine;
using Baton.Cli.Hooks;

// `baton hook <Event>` is what Claude Code runs on every hook event: it starts before (and without) the command-line
// parser, so the hot path stays lean. Everything else goes through System.CommandLine.
return args is ["hook", ..]
    ? HookEntryPoint.Run(args[1..], Console.OpenStandardInput())
    : BatonCommandLine.Run(args, CliEnvironment.FromProcess(), Console.Out, Console.Error);
