using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Core.Relay;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Writes and recognises Baton's own hook objects inside a Claude Code settings file
/// (Claude Code settings, see docs/claude-code.md, "Hooks").
/// A hook object is Baton's when it has <c>"type": "command"</c>, its <c>"args"</c> contain
/// <c>"hook"</c> immediately followed by an event name (ASCII letters, upper-case first), then at most an option
/// (<see cref="HookRegistration.Option"/>), and
/// either the file name of its <c>"command"</c> is <c>baton</c> or <c>baton-relay</c> (in any directory, so a moved
/// install is still recognised) or its first argument is a path whose file name is <c>baton.dll</c>.
/// An HTTP hook object is Baton's when it has <c>"type": "http"</c> and its <c>"url"</c> is on 127.0.0.1 or localhost with
/// the path <c>/baton/hooks/&lt;Event&gt;</c> (<see cref="HttpHookProtocol"/>).
/// No other hook object is ever changed or removed.
/// </summary>
public static class BatonHookEntry
{
    /// <summary>
    /// The hook object for one registration:
    /// <c>{"type": "command", "command": "&lt;abs&gt;", "args": [..., "hook", "&lt;Event&gt;", "&lt;option&gt;"?], "async": true, "asyncRewake": true, "timeout": 10}</c>
    /// (<c>async</c> and <c>asyncRewake</c> only when true). Only keys of Claude Code's settings schema are written.
    /// An <see cref="HookRegistration.Http"/> registration with an <paramref name="endpoint"/> becomes
    /// <c>{"type": "http", "url": "http://127.0.0.1:PORT/baton/hooks/&lt;Event&gt;", "headers": {"Authorization": "Bearer …",
    /// "X-Baton-Env-PATH": "$PATH", …}, "allowedEnvVars": ["PATH", …], "timeout": 10}</c> instead.
    /// </summary>
    /// <param name="command">How a command hook calls Baton.</param>
    /// <param name="endpoint">The resident server's HTTP endpoint, or null to write every hook as a command hook.</param>
    /// <param name="registration">The event and options.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="endpoint"/> is null.</exception>
    public static JsonObject CreateHook(HookCommand command, LoopbackEndpoint? endpoint, HookRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(registration);
        if (IsHttp(registration, endpoint))
        {
            return CreateHttpHook(endpoint!, registration);
        }

        var arguments = new JsonArray();
        foreach (var argument in command.ArgumentsFor(registration.EventName, registration.Option))
        {
            arguments.Add(argument);
        }

        var hook = new JsonObject
        {
            ["type"] = "command",
            ["command"] = command.Executable,
            ["args"] = arguments,
        };
        if (registration.Async)
        {
            hook["async"] = true;
        }

        if (registration.AsyncRewake)
        {
            hook["asyncRewake"] = true;
        }

        hook["timeout"] = registration.TimeoutSeconds;
        return hook;
    }

    /// <summary>
    /// The matcher group appended to <c>hooks.&lt;Event&gt;</c>:
    /// <c>{"matcher": "*", "hooks": [ <see cref="CreateHook"/> ]}</c>, without <c>matcher</c> when the registration has none.
    /// </summary>
    /// <param name="command">How a command hook calls Baton.</param>
    /// <param name="endpoint">The resident server's HTTP endpoint, or null to write every hook as a command hook.</param>
    /// <param name="registration">The event and options.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="endpoint"/> is null.</exception>
    public static JsonObject CreateGroup(HookCommand command, LoopbackEndpoint? endpoint, HookRegistration registration)
    {
        var hook = CreateHook(command, endpoint, registration);
        var group = new JsonObject();
        if (registration.Matcher is not null)
        {
            group["matcher"] = registration.Matcher;
        }

        group["hooks"] = new JsonArray(hook);
        return group;
    }

    /// <summary>Whether a registration is written as an HTTP hook: it asks for one and there is an endpoint to post to.</summary>
    /// <param name="registration">The registration.</param>
    /// <param name="endpoint">The resident server's HTTP endpoint, or null.</param>
    public static bool IsHttp(HookRegistration registration, LoopbackEndpoint? endpoint)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.Http && registration.Option is null && endpoint is not null;
    }

    /// <summary>Whether <paramref name="hook"/> is one of Baton's hook objects (see the type's summary).</summary>
    /// <param name="hook">Any element of a matcher group's <c>hooks</c> array; null or non-objects are not Baton's.</param>
    public static bool IsBatonHook(JsonNode? hook) => TryRead(hook, out _, out _, out _);

    /// <summary>Reads one of Baton's hook objects: the event named in its arguments (or URL) and the command it calls.</summary>
    /// <param name="hook">Any element of a matcher group's <c>hooks</c> array.</param>
    /// <param name="eventName">The event after <c>"hook"</c> in <c>"args"</c> (or at the end of an HTTP hook's URL), when recognised.</param>
    /// <param name="command">The <c>"command"</c> and the arguments before <c>"hook"</c>, when a command hook is recognised
    /// (its path as written in the file); null for an HTTP hook.</param>
    /// <param name="option">The option after the event, or null when there is none.</param>
    /// <returns>True when <paramref name="hook"/> is Baton's.</returns>
    public static bool TryRead(
        JsonNode? hook,
        [NotNullWhen(true)] out string? eventName,
        out HookCommand? command,
        out string? option)
    {
        eventName = null;
        command = null;
        option = null;
        if (hook is JsonObject http && StringOf(http["type"]) == "http")
        {
            eventName = Uri.TryCreate(StringOf(http["url"]), UriKind.Absolute, out var url)
                && url.Scheme == Uri.UriSchemeHttp && url.Host is "127.0.0.1" or "localhost"
                ? HttpHookProtocol.EventOf(url.AbsolutePath)
                : null;
            return eventName is not null;
        }

        if (hook is not JsonObject entry
            || StringOf(entry["type"]) != "command"
            || StringOf(entry["command"]) is not { Length: > 0 } executable
            || entry["args"] is not JsonArray argumentArray)
        {
            return false;
        }

        var arguments = new string[argumentArray.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (StringOf(argumentArray[i]) is not { } argument)
            {
                return false;
            }

            arguments[i] = argument;
        }

        var verb = FindVerb(arguments);
        if (verb < 0 || !(IsBatonExecutable(executable) || IsBatonAssembly(arguments[0])))
        {
            return false;
        }

        eventName = arguments[verb + 1];
        command = HookCommand.FromSettings(executable, arguments[..verb]);
        option = verb + 2 < arguments.Length ? arguments[verb + 2] : null;
        return true;
    }

    /// <summary>Whether <paramref name="name"/> looks like a Claude Code event name: ASCII letters, upper-case first.</summary>
    internal static bool IsEventName(string? name) =>
        !string.IsNullOrEmpty(name) && char.IsAsciiLetterUpper(name[0]) && name.All(char.IsAsciiLetter);

    private static JsonObject CreateHttpHook(LoopbackEndpoint endpoint, HookRegistration registration)
    {
        var headers = new JsonObject { ["Authorization"] = "Bearer " + endpoint.Token };
        var allowed = new JsonArray();
        foreach (var variable in HttpHookProtocol.Variables)
        {
            headers[HttpHookProtocol.HeaderFor(variable)] = "$" + variable;
            allowed.Add(variable);
        }

        return new JsonObject
        {
            ["type"] = "http",
            ["url"] = HttpHookProtocol.UrlFor(endpoint, registration.EventName),
            ["headers"] = headers,
            ["allowedEnvVars"] = allowed,
            ["timeout"] = registration.TimeoutSeconds,
        };
    }

    private static int FindVerb(string[] arguments)
    {
        for (var i = 0; i + 1 < arguments.Length; i++)
        {
            if (arguments[i] == HookCommand.HookVerb && IsEventName(arguments[i + 1])
                && (i + 2 == arguments.Length || (i + 3 == arguments.Length && HookRegistration.IsOption(arguments[i + 2]))))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsBatonExecutable(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "baton", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "baton.exe", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "baton-relay", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBatonAssembly(string path) =>
        string.Equals(Path.GetFileName(path), "baton.dll", StringComparison.OrdinalIgnoreCase);

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
