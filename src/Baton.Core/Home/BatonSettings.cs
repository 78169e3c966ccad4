using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Core.Home;

/// <summary>
/// Baton's user settings, the JSON object in <c>$BATON_HOME/config.json</c> (0600) with snake_case keys:
/// <c>notify</c> (bool, default false), <c>notify_min_interval_seconds</c> (int, default 30), <c>roots</c> (an array of
/// absolute folder paths where <c>baton new NAME</c> looks for repositories, default empty), <c>store_url</c> (the team
/// store's <c>postgres://</c> URL without its password, absent for the SQLite file) and <c>store_password</c> (the team
/// store's password when <c>baton store use</c> was given one; this file is the user's alone, 0600) and <c>web_token</c> (the
/// secret of the web page <c>baton serve</c> shows, made on its first start) and <c>web_port</c> (the loopback port of the
/// page that <c>baton serve start</c> and the user service serve, chosen free on their first start and kept).
/// Keys Baton does not know are kept as they are when the file is saved again.
/// </summary>
public sealed class BatonSettings
{
    /// <summary>The settings file's name inside Baton's home.</summary>
    public const string FileName = "config.json";

    /// <summary>The default of <see cref="NotifyMinIntervalSeconds"/>.</summary>
    public const int DefaultNotifyMinIntervalSeconds = 30;

    private const string NotifyKey = "notify";
    private const string NotifyMinIntervalKey = "notify_min_interval_seconds";
    private const string RootsKey = "roots";
    private const string StoreUrlKey = "store_url";
    private const string StorePasswordKey = "store_password";
    private const string WebTokenKey = "web_token";
    private const string WebPortKey = "web_port";
    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    private readonly JsonObject _other;
    private int _notifyMinIntervalSeconds = DefaultNotifyMinIntervalSeconds;

    /// <summary>Creates settings with every value at its default.</summary>
    public BatonSettings()
        : this(new JsonObject())
    {
    }

    private BatonSettings(JsonObject other) => _other = other;

    /// <summary>Whether Baton sends a desktop notification when a session starts waiting for a person (<c>notify</c>).</summary>
    public bool Notify { get; set; }

    /// <summary>The fewest seconds between two notifications about the same session (<c>notify_min_interval_seconds</c>); 0 or more.</summary>
    public int NotifyMinIntervalSeconds
    {
        get => _notifyMinIntervalSeconds;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _notifyMinIntervalSeconds = value;
        }
    }

    /// <summary>The folders <c>baton new NAME</c> looks for a repository named NAME in (<c>roots</c>): absolute paths, no
    /// duplicates, in the order they were added (<see cref="Repositories.RepositoryRoots"/>).</summary>
    public List<string> Roots { get; } = [];

    /// <summary>The team store's URL (<c>store_url</c>, a <c>postgres://</c> URL without a password), or null for the SQLite
    /// file in Baton's home.</summary>
    public string? StoreUrl { get; set; }

    /// <summary>The team store's password (<c>store_password</c>), or null to take it from <c>PGPASSWORD</c> or
    /// <c>~/.pgpass</c>. Never printed.</summary>
    public string? StorePassword { get; set; }

    /// <summary>The secret a browser must show to see the web page of <c>baton serve</c> (<c>web_token</c>), or null before
    /// the server first made one. Never printed but in the page's link.</summary>
    public string? WebToken { get; set; }

    /// <summary>The port on 127.0.0.1 of the page that <c>baton serve start</c> and the user service serve (<c>web_port</c>, 1 to
    /// 65535), or null before one of them first chose a free one.</summary>
    public int? WebPort { get; set; }

    /// <summary><see cref="NotifyMinIntervalSeconds"/> as a time span.</summary>
    public TimeSpan NotifyMinInterval => TimeSpan.FromSeconds(NotifyMinIntervalSeconds);

    /// <summary>The settings file of a Baton home.</summary>
    /// <param name="home">The home.</param>
    /// <returns>The path of <c>config.json</c> in it.</returns>
    public static string PathIn(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Path.Combine(home.Root, FileName);
    }

    /// <summary>Reads the settings of a home; a missing file gives the defaults.</summary>
    /// <param name="home">The home.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="UserErrorException">The file is not a JSON object or a known key has a value of the wrong kind.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static BatonSettings Load(BatonHome home)
    {
        var path = PathIn(home);
        if (!File.Exists(path))
        {
            return new BatonSettings();
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path), documentOptions: ReadOptions) as JsonObject
                ?? throw Malformed(path, "it must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw Malformed(path, $"it is not valid JSON ({e.Message})");
        }

        var settings = new BatonSettings(json);
        if (json[NotifyKey] is { } notify)
        {
            settings.Notify = notify.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Malformed(path, $"'{NotifyKey}' must be true or false"),
            };
        }

        if (json[NotifyMinIntervalKey] is { } interval)
        {
            settings.NotifyMinIntervalSeconds = interval is JsonValue value && value.GetValueKind() == JsonValueKind.Number
                && value.TryGetValue<int>(out var seconds) && seconds >= 0
                    ? seconds
                    : throw Malformed(path, $"'{NotifyMinIntervalKey}' must be a whole number of seconds, 0 or more");
        }

        if (json[RootsKey] is { } roots)
        {
            settings.Roots.AddRange(roots is JsonArray array && array.All(r => r is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                ? array.Select(r => r!.GetValue<string>())
                : throw Malformed(path, $"'{RootsKey}' must be an array of folder paths"));
        }

        settings.StoreUrl = OptionalText(json, StoreUrlKey, path);
        settings.StorePassword = OptionalText(json, StorePasswordKey, path);
        settings.WebToken = OptionalText(json, WebTokenKey, path);
        if (json[WebPortKey] is { } port)
        {
            settings.WebPort = port is JsonValue value && value.GetValueKind() == JsonValueKind.Number
                && value.TryGetValue<int>(out var number) && number is >= 1 and <= 65535
                    ? number
                    : throw Malformed(path, $"'{WebPortKey}' must be a TCP port from 1 to 65535");
        }

        return settings;
    }

    /// <summary>Writes the settings to the home's <c>config.json</c> (0600), atomically: a temp file renamed over it.</summary>
    /// <param name="home">The home; created (0700) when missing.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The home is not writable.</exception>
    public void Save(BatonHome home)
    {
        var path = PathIn(home);
        home.EnsureCreated();
        var json = (JsonObject)_other.DeepClone();
        json[NotifyKey] = Notify;
        json[NotifyMinIntervalKey] = NotifyMinIntervalSeconds;
        json[RootsKey] = new JsonArray([.. Roots.Select(r => (JsonNode?)JsonValue.Create(r))]);
        SetOrRemove(json, StoreUrlKey, StoreUrl);
        SetOrRemove(json, StorePasswordKey, StorePassword);
        SetOrRemove(json, WebTokenKey, WebToken);
        if (WebPort is { } webPort)
        {
            json[WebPortKey] = webPort;
        }
        else
        {
            json.Remove(WebPortKey);
        }

        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString(WriteOptions) + "\n");

        PrivateFile.ReplaceAtomically(path, bytes, keepMode: false, followLink: false);
    }

    private static string? OptionalText(JsonObject json, string key, string path) => json[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Malformed(path, $"'{key}' must be a string"),
    };

    private static void SetOrRemove(JsonObject json, string key, string? value)
    {
        if (value is null)
        {
            json.Remove(key);
        }
        else
        {
            json[key] = value;
        }
    }

    private static UserErrorException Malformed(string path, string problem) =>
        new($"{path} is malformed: {problem}. Fix or delete the file.");
}
