using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton new [DIR] [options] [-- CLAUDE_ARGS...]</c>: start claude in tmux as a named, tracked session.</summary>
internal static class NewCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="claudeArguments">What followed <c>--</c> on the command line: passed to claude as they are.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, IReadOnlyList<string> claudeArguments)
    {
        var directory = new Argument<string?>("dir")
        {
            Description = "The folder to start claude in (default: the current folder), or the name of a git repository under the repository roots (baton config roots add DIR)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var name = new Option<string?>("--name", "-n") { Description = "A name for the session, unique among live sessions (default: the project's name and a number)" };
        var task = new Option<string?>("--task", "-t") { Description = "What the session is to do; also its first prompt when --prompt is not given" };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "The first prompt for claude" };
        var resume = new Option<string?>("--resume") { Description = "Resume a conversation (claude --resume): its id, a unique prefix of it, or the name its session had; refused while a live session holds it" };
        var worktree = new Option<string?>("--worktree", "-w") { Description = "Run on BRANCH in its own git worktree beside the repository (<repo>.worktrees/<branch>), creating the branch from HEAD when missing" };
        var taskList = new Option<string?>("--task-list") { Description = "Work task list LIST with other sessions: Claude Code's native list (sets CLAUDE_CODE_TASK_LIST_ID and CLAUDE_CODE_ENABLE_TODO_TOOLS=1) and Baton's list of the same name (baton tasks)" };
        var detach = new Option<bool>("--detach", "-d") { Description = "Start in the background: never switch or attach your terminal" };
        var json = CommonOptions.Json();
        var command = new Command(
            "new",
            "Start claude in tmux as a tracked session: a new window of the current tmux session inside tmux, else a new tmux session (attached unless --detach). Arguments after -- go to claude, e.g. baton new ~/src/api --name api --task \"add the endpoint\" -- --model opus")
        {
            directory, name, task, prompt, resume, worktree, taskList, detach, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var session = new SessionSupervisor(context).Launch(new LaunchOptions(
                parse.GetValue(directory) ?? environment.WorkingDirectory,
                parse.GetValue(name),
                parse.GetValue(task),
                parse.GetValue(prompt),
                parse.GetValue(resume),
                parse.GetValue(worktree),
                parse.GetValue(taskList),
                parse.GetValue(detach),
                claudeArguments));
            if (parse.GetValue(json))
            {
                context.WriteSessions([session]);
            }
            else
            {
                context.Output.WriteLine($"Started '{session.Name}' in {session.Cwd} (tmux pane {session.TmuxPane}). See it: baton attach {session.Name}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
