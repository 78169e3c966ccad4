using System.Reflection;
using System.Text.Json;
using Baton.Mcp.Hosting;
using Baton.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp;

/// <summary>
/// Baton's MCP server (the official ModelContextProtocol SDK): the coordination tools over stdio, acting as the Claude Code
/// session that started it (<c>CLAUDE_CODE_SESSION_ID</c>), with housekeeping in the background. Stdout carries the protocol
/// only; logs go to stderr, and failures also to Baton's log.
/// </summary>
public static class BatonMcpServer
{
    /// <summary>The server's name, as Claude Code shows it and prefixes its tools: <c>mcp__baton__store_data</c>.</summary>
    public const string Name = "baton";

    /// <summary>What the server tells the model about itself when it connects.</summary>
    public const string Instructions =
        "Baton coordinates the Claude Code sessions working on the same machine: shared state in scopes (store_data, " +
        "retrieve_data; pass expected_version for compare-and-set), locks with fencing tokens (acquire_lock before touching a " +
        "shared resource; a lock on 'file:<path>' is a file lease), work queues where each item goes to exactly one session " +
        "(enqueue, claim_next, complete), progress (set_progress), handoffs to the next session (handoff, take_handoff), " +
        "heartbeats and a journal of everything (log_event, events). When work splits into steps that depend on each other " +
        "or that several sessions share, use a task list: task_create with blocked_by, task_ready or task_claim to take the " +
        "next one (exactly one session gets it), task_update status=in_progress then completed (this frees the tasks it " +
        "blocks), task_release to give one back, task_list to see who owns what (with Claude Code's own task list of the same " +
        "name, which your TaskCreate/TaskUpdate tools keep, beside it as native_list). You act as your own session; every write records you " +
        "as its writer, holder or claimer. Errors say what was wrong or who holds what.";

    /// <summary>Registers the Baton MCP server, its tools and its housekeeping; add a transport to the returned builder.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">Where the server runs and whom it serves.</param>
    /// <returns>The MCP server builder, for <see cref="WithClientStreams"/>.</returns>
    public static IMcpServerBuilder AddBatonMcp(this IServiceCollection services, BatonMcpOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<McpRuntime>();
        services.AddSingleton<Housekeeping>();
        services.AddHostedService(provider => provider.GetRequiredService<Housekeeping>());
        services.AddHostedService(provider => new ClientWatch(
            provider.GetRequiredService<ITransport>(), provider.GetService<ClientOutput>(), provider.GetRequiredService<IHostApplicationLifetime>()));
        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = Name, Version = Version };
                server.ServerInstructions = Instructions;
            })
            .WithTools<SessionTools>()
            .WithTools<StateTools>()
            .WithTools<LockTools>()
            .WithTools<QueueTools>()
            .WithTools<TaskTools>()
            .WithTools<ProgressTools>()
            .WithTools<EventTools>()
            .WithTools<MessageTools>()
            .WithMessageFilters(filters =>
            {
                filters.AddIncomingFilter(RefusalAnswer.Filter);
                filters.AddIncomingFilter(InitializeFirst.Filter);
            })
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                // The housekeeping signs the session on in the background as the server starts; a call that arrives first
                // waits for it, so an agent's first call already sees itself signed on.
                await context.Services!.GetRequiredService<Housekeeping>().WaitForStartAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await next(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ArgumentException or JsonException)
                {
                    // Tool bodies map their own errors (McpRuntime), so what arrives here failed while binding the arguments.
                    throw new McpException($"The arguments of '{context.Params?.Name}' are not valid: {e.Message} See the tool's input schema.");
                }
            }));
    }

    /// <summary>Adds the SDK's stream transport on the client's streams as Baton serves them: the input screened by
    /// <see cref="JsonRpcInput"/> (lines over <see cref="JsonRpcInput.MaxLineBytes"/> skipped without being held, lines that
    /// are not JSON answered with a parse error), the output watched by <see cref="ClientOutput"/> (the server stops when
    /// nobody reads it any more).</summary>
    /// <param name="builder">The server builder from <see cref="AddBatonMcp"/>.</param>
    /// <param name="input">What the client sends; the transport owns it.</param>
    /// <param name="output">Where the server answers; the transport owns it.</param>
    /// <returns>The builder.</returns>
    public static IMcpServerBuilder WithClientStreams(this IMcpServerBuilder builder, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var watched = new ClientOutput(output);
        builder.Services.AddSingleton(watched);
        return builder.WithStreamServerTransport(new JsonRpcInput(input), watched);
    }

    /// <summary>A host builder for the server: logging to stderr only (warnings and up, Baton's own information too), no
    /// configuration files read from the working directory.</summary>
    /// <param name="options">Where the server runs and whom it serves.</param>
    /// <param name="logToStandardError">False for a server inside another process (the resident server, which has no
    /// terminal): then only Baton's own log gets its failures.</param>
    /// <returns>The builder; add a transport with <see cref="AddBatonMcp"/>'s result.</returns>
    public static HostApplicationBuilder CreateHostBuilder(BatonMcpOptions options, bool logToStandardError = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.ClearProviders();
        if (logToStandardError)
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Baton", LogLevel.Information);

        // The SDK logs every tool error (a refused compare-and-set, a bad name) with a stack trace; the model gets them as
        // tool results, and unexpected failures are logged by the server itself.
        builder.Logging.AddFilter("ModelContextProtocol.Server.McpServer", LogLevel.Critical);
        return builder;
    }

    /// <summary>Runs the server on a stream (the resident server's connection from <c>baton-relay</c>) until the client
    /// disconnects (its input ends or its output breaks) or <paramref name="cancellationToken"/> fires; it logs only to Baton's log.</summary>
    /// <param name="options">Where the server runs and whom it serves.</param>
    /// <param name="input">What the client sends.</param>
    /// <param name="output">Where the server answers.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>When the server has stopped.</returns>
    public static async Task RunStreamAsync(BatonMcpOptions options, Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        var builder = CreateHostBuilder(options, logToStandardError: false);
        builder.Services.AddBatonMcp(options).WithClientStreams(input, output);
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the server on stdin/stdout until the client disconnects (stdin ends or stdout breaks) or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="options">Where the server runs and whom it serves.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>When the server has stopped.</returns>
    public static async Task RunStdioAsync(BatonMcpOptions options, CancellationToken cancellationToken = default)
    {
        var builder = CreateHostBuilder(options);
        builder.Services.AddBatonMcp(options).WithClientStreams(Console.OpenStandardInput(), new BufferedStream(StandardOutput()));
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stdout as a plain file stream: a write fails once nobody reads the pipe (<see cref="ClientOutput"/> needs to
    /// see that), where .NET's console stream pretends a write to a broken pipe succeeded.</summary>
    private static FileStream StandardOutput() => new(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    private static string Version =>
        (Assembly.GetEntryAssembly() ?? typeof(BatonMcpServer).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
