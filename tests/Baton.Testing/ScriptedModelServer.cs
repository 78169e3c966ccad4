using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// A loopback stand-in for the Anthropic Messages API that answers from a script of
/// <see cref="ModelStep"/>s. The step for a request is chosen by counting the <c>tool_result</c>
/// blocks in its whole <c>messages</c> array, so answers depend only on the conversation, never
/// on how many requests came before. Requests without <c>tools</c> (titles, summaries) get plain
/// text. Past the end of the script the answer is "Done.". Every request is recorded.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    /// <summary>The text answered past the end of the script.</summary>
    public const string DoneText = "Done.";

    /// <summary>The text answered to background requests (no tools).</summary>
    public const string BackgroundText = "Scripted session";

    private readonly WebApplication _app;
    private readonly Action<string>? _log;
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Completion)> _waiters = [];
    private volatile Func<RecordedRequest, ModelStep?> _chooser = _ => null;
    private int _toolUseCounter;
    private int _messageCounter;

    private ScriptedModelServer(Action<string>? log)
    {
        _log = log;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>How long the server thinks before it answers a request that offers tools (a real model takes seconds;
    /// zero, the default, answers at once). Background requests (titles) are answered at once.</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>A snapshot of every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port with <paramref name="script"/>; <paramref name="log"/> receives one line per request.</summary>
    public static async Task<ScriptedModelServer> StartAsync(IEnumerable<ModelStep>? script = null, Action<string>? log = null)
    {
        var server = new ScriptedModelServer(log);
        server.SetScript(script ?? []);
        await server._app.StartAsync().ConfigureAwait(false);
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        server.BaseUrl = addresses.Single().TrimEnd('/');
        return server;
    }

    /// <summary>
    /// Replaces the script. <paramref name="steps"/>[i] answers a request whose conversation holds
    /// <paramref name="toolResultsBefore"/> + i tool results; use <paramref name="toolResultsBefore"/>
    /// for a later phase of a conversation that already had tool calls.
    /// </summary>
    public void SetScript(IEnumerable<ModelStep> steps, int toolResultsBefore = 0)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(toolResultsBefore);
        var list = steps.ToList();
        _chooser = request =>
        {
            var index = request.ToolResultCount - toolResultsBefore;
            return index >= 0 && index < list.Count ? list[index] : null;
        };
    }

    /// <summary>Replaces the script with a function that picks the step for each tool-bearing request (null: "Done.").</summary>
    public void SetScript(Func<RecordedRequest, ModelStep?> chooser)
    {
        ArgumentNullException.ThrowIfNull(chooser);
        _chooser = chooser;
    }

    /// <summary>Waits for a request (already received or still to come) that satisfies <paramref name="predicate"/>.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var completion = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _requests.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((predicate, completion));
        }

        try
        {
            return await completion.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"No matching model request within {timeout.TotalSeconds:0.#}s; received: " +
                string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path} (tools: {r.HasTools}, tool results: {r.ToolResultCount})")));
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Completion == completion);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that would not close are dropped by DisposeAsync.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        JsonNode? json;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            json = null;
        }

        var request = new RecordedRequest(
            DateTime.UtcNow,
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            body,
            json,
            json?["tools"] is JsonArray { Count: > 0 });
        Record(request);

        var isPost = HttpMethods.IsPost(request.Method);
        if (isPost && request.Path == "/v1/messages/count_tokens")
        {
            _log?.Invoke($"model server: {request.Path} -> input_tokens 10");
            await context.Response.WriteAsJsonAsync(new JsonObject { ["input_tokens"] = 10 }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!isPost || request.Path != "/v1/messages")
        {
            _log?.Invoke($"model server: unexpected {request.Method} {request.Path}{request.QueryString} -> 404");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var step = request.HasTools ? _chooser(request) ?? ModelStep.Text(DoneText) : ModelStep.Text(BackgroundText);
        if (request.HasTools && AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay, context.RequestAborted).ConfigureAwait(false);
        }

        var model = json?["model"]?.GetValue<string>() ?? "claude-scripted";
        var stream = json?["stream"] is JsonValue s && s.TryGetValue<bool>(out var streaming) && streaming;
        _log?.Invoke($"model server: {request.Path} (tools: {request.HasTools}, tool results: {request.ToolResultCount}, stream: {stream}) -> {step}");

        if (step.ErrorStatus is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(
                new JsonObject
                {
                    ["type"] = "error",
                    ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = step.TextContent },
                },
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var block = step.IsToolUse
            ? new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = "toolu_" + Interlocked.Increment(ref _toolUseCounter).ToString("D6", CultureInfo.InvariantCulture),
                ["name"] = step.ToolName,
                ["input"] = step.Input!.DeepClone(),
            }
            : new JsonObject { ["type"] = "text", ["text"] = step.TextContent };
        var stopReason = step.IsToolUse ? "tool_use" : "end_turn";
        var messageId = "msg_scripted_" + Interlocked.Increment(ref _messageCounter).ToString("D6", CultureInfo.InvariantCulture);

        if (stream)
        {
            await StreamAsync(context, messageId, model, block, stopReason).ConfigureAwait(false);
        }
        else
        {
            var message = Message(messageId, model, new JsonArray(block), stopReason);
            await context.Response.WriteAsJsonAsync(message, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task StreamAsync(HttpContext context, string messageId, string model, JsonObject block, string stopReason)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        var isTool = block["type"]!.GetValue<string>() == "tool_use";
        var startBlock = isTool
            ? new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.DeepClone(), ["name"] = block["name"]!.DeepClone(), ["input"] = new JsonObject() }
            : new JsonObject { ["type"] = "text", ["text"] = string.Empty };
        var delta = isTool
            ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = block["input"]!.ToJsonString() }
            : new JsonObject { ["type"] = "text_delta", ["text"] = block["text"]!.DeepClone() };

        var startMessage = Message(messageId, model, [], null);
        await SendAsync(context, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = startMessage }).ConfigureAwait(false);
        await SendAsync(context, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = startBlock }).ConfigureAwait(false);
        await SendAsync(context, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta }).ConfigureAwait(false);
        await SendAsync(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }).ConfigureAwait(false);
        await SendAsync(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 5 },
        }).ConfigureAwait(false);
        await SendAsync(context, "message_stop", new JsonObject { ["type"] = "message_stop" }).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, string eventName, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {eventName}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Message(string id, string model, JsonArray content, string? stopReason) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 10,
            ["output_tokens"] = 5,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
        },
    };

    private void Record(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> satisfied;
        lock (_lock)
        {
            _requests.Add(request);
            satisfied = [.. _waiters.Where(w => w.Predicate(request)).Select(w => w.Completion)];
        }

        foreach (var completion in satisfied)
        {
            completion.TrySetResult(request);
        }
    }
}
