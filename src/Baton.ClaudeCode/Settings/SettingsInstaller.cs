using System.Globalization;
using Baton.Core.Home;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Installs Baton's hooks into, removes them from, and inspects a Claude Code settings file
/// (Claude Code settings, see docs/claude-code.md, "Hooks"), merging with
/// <see cref="SettingsMerge"/> so every other key and hook stays.
/// A missing file reads as <c>{}</c>; trailing commas are accepted, comments are refused naming their line
/// (<see cref="SettingsJson"/>). A file that install created is removed again by uninstall when nothing but
/// Baton's hooks was in it (<see cref="CreatedSettingsFiles"/>). A file is written only when its content
/// changes semantically: then a backup of the old file goes first to
/// <c>&lt;batonHome&gt;/backups/&lt;file name&gt;.&lt;yyyyMMddTHHmmssfffZ&gt;.bak</c> (folder 0700, file 0600),
/// and the new content (two-space indentation, trailing newline) replaces the file atomically,
/// keeping its Unix mode (a new file gets 0600; a missing <c>.claude</c> folder is created).
/// </summary>
public sealed class SettingsInstaller
{
    private readonly string _backupDirectory;
    private readonly CreatedSettingsFiles _created;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an installer.</summary>
    /// <param name="batonHome">Baton's home directory; backups go to its <c>backups</c> folder.</param>
    /// <param name="timeProvider">The clock that stamps backup names.</param>
    /// <exception cref="ArgumentException"><paramref name="batonHome"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public SettingsInstaller(string batonHome, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batonHome);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _backupDirectory = Path.Combine(Path.GetFullPath(batonHome), "backups");
        _created = new CreatedSettingsFiles(Path.GetFullPath(batonHome));
        _timeProvider = timeProvider;
    }

    /// <summary>Makes the file call <paramref name="command"/> (and the server at <paramref name="endpoint"/>) on exactly
    /// <paramref name="registrations"/> (see <see cref="SettingsMerge.Install"/>). A file that gets an HTTP hook holds the
    /// endpoint's token, so it is made 0600.</summary>
    /// <param name="settingsPath">The settings file, e.g. <see cref="SettingsLocation.FilePath"/>.</param>
    /// <param name="command">How command hooks call Baton.</param>
    /// <param name="endpoint">The resident server's HTTP endpoint, or null to write every hook as a command hook.</param>
    /// <param name="registrations">The events to hook, e.g. <see cref="BatonHooks.Default"/>.</param>
    /// <param name="dryRun">When true nothing is written; the result tells what would be.</param>
    /// <exception cref="ArgumentException"><paramref name="settingsPath"/> is blank, or two registrations name the same event.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> or <paramref name="registrations"/> is null.</exception>
    /// <exception cref="SettingsFormatException">The file is not a JSON object or its <c>hooks</c> are malformed; nothing is written.</exception>
    /// <exception cref="IOException">The file, the backup or the folders cannot be read or written.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to read or write is denied.</exception>
    public SettingsChange Install(string settingsPath, HookCommand command, Core.Home.LoopbackEndpoint? endpoint, IReadOnlyList<HookRegistration> registrations, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settingsPath);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(registrations);
        var content = SettingsFileContent.Read(Path.GetFullPath(settingsPath));
        SettingsMergeResult merged;
        try
        {
            merged = SettingsMerge.Install(content.Settings, command, endpoint, registrations);
        }
        catch (SettingsFormatException e)
        {
            throw new SettingsFormatException($"Claude Code settings file '{content.FilePath}': {e.Message}", content.FilePath, e);
        }

        var change = Apply(content, merged, dryRun);
        if (!dryRun && change.Changed && !content.Existed)
        {
            _created.Add(content.FilePath);
        }

        if (!dryRun && endpoint is not null && registrations.Any(r => BatonHookEntry.IsHttp(r, endpoint)))
        {
            Core.Home.BatonHome.MakePrivate(content.FilePath);
        }

        return change;
    }

    /// <summary>Removes exactly Baton's hooks from the file (see <see cref="SettingsMerge.Uninstall"/>), backing it up first.
    /// A file that Baton's install created and that holds nothing else afterwards (<c>{}</c>) is deleted
    /// (<see cref="SettingsChange.Deleted"/>).</summary>
    /// <param name="settingsPath">The settings file.</param>
    /// <param name="dryRun">When true nothing is written; the result tells what would be.</param>
    /// <exception cref="ArgumentException"><paramref name="settingsPath"/> is blank.</exception>
    /// <exception cref="SettingsFormatException">The file is not a JSON object; nothing is written.</exception>
    /// <exception cref="IOException">The file, the backup or the folders cannot be read or written.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to read or write is denied.</exception>
    public SettingsChange Uninstall(string settingsPath, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settingsPath);
        var content = SettingsFileContent.Read(Path.GetFullPath(settingsPath));
        var merged = SettingsMerge.Uninstall(content.Settings);
        if (!content.Existed || !_created.Contains(content.FilePath))
        {
            return Apply(content, merged, dryRun);
        }

        if (merged.Settings.Count > 0)
        {
            // The person has added settings of their own since: the file is theirs now.
            _created.Remove(content.FilePath);
            return Apply(content, merged, dryRun);
        }

        if (dryRun)
        {
            return new SettingsChange(content.FilePath, Changed: true, BackupPath: null, Json: "") { Deleted = true };
        }

        var backup = WriteBackup(content.FilePath, content.Bytes!);
        File.Delete(content.FilePath);
        _created.Remove(content.FilePath);
        return new SettingsChange(content.FilePath, Changed: true, backup, Json: "") { Deleted = true };
    }

    /// <summary>Which Baton hooks the file holds and which commands they call. Writes nothing.</summary>
    /// <param name="settingsPath">The settings file.</param>
    /// <exception cref="ArgumentException"><paramref name="settingsPath"/> is blank.</exception>
    /// <exception cref="SettingsFormatException">The file is not a JSON object.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission to read is denied.</exception>
    public SettingsStatus Status(string settingsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settingsPath);
        var content = SettingsFileContent.Read(Path.GetFullPath(settingsPath));
        var found = FoundBatonHook.FindAll(content.Settings);
        return new SettingsStatus(
            content.FilePath,
            content.Existed,
            found.Select(f => f.EventKey).Distinct(StringComparer.Ordinal).ToArray(),
            found.Select(f => f.Command).OfType<HookCommand>().Distinct().ToArray());
    }

    private SettingsChange Apply(SettingsFileContent content, SettingsMergeResult merged, bool dryRun)
    {
        if (!merged.Changed)
        {
            return new SettingsChange(content.FilePath, Changed: false, BackupPath: null, content.Text);
        }

        var text = SettingsJson.Serialize(merged.Settings);
        if (dryRun)
        {
            return new SettingsChange(content.FilePath, Changed: true, BackupPath: null, text);
        }

        var backup = content.Bytes is null ? null : WriteBackup(content.FilePath, content.Bytes);
        PrivateFile.ReplaceAtomically(content.FilePath, SettingsJson.Utf8.GetBytes(text));
        return new SettingsChange(content.FilePath, Changed: true, backup, text);
    }

    private string WriteBackup(string settingsPath, byte[] bytes)
    {
        PrivateFile.CreateDirectory(_backupDirectory);
        var stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var baseName = $"{Path.GetFileName(settingsPath)}.{stamp}";
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Combine(_backupDirectory, attempt == 0 ? $"{baseName}.bak" : $"{baseName}-{attempt}.bak");
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                PrivateFile.CreateNew(path, bytes);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer took this name between the check and the create: try the next one.
            }
        }
    }
}
