using Baton.Core.Home;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// The settings files Baton's install created (they did not exist before), so uninstall can remove them again instead of
/// leaving <c>{}</c>: one absolute path per line in <c>&lt;batonHome&gt;/created-settings.txt</c> (0600). A ledger that is a
/// symbolic link is neither read nor written.
/// </summary>
internal sealed class CreatedSettingsFiles
{
    private readonly string _path;

    /// <summary>Creates the ledger of a Baton home.</summary>
    /// <param name="batonHome">Baton's home directory, absolute.</param>
    public CreatedSettingsFiles(string batonHome) => _path = Path.Combine(batonHome, "created-settings.txt");

    /// <summary>Whether install created <paramref name="settingsPath"/>.</summary>
    /// <param name="settingsPath">The settings file, absolute.</param>
    /// <returns>True when it is in the ledger.</returns>
    public bool Contains(string settingsPath) => Read().Contains(settingsPath, StringComparer.Ordinal);

    /// <summary>Records that install created <paramref name="settingsPath"/>.</summary>
    /// <param name="settingsPath">The settings file, absolute.</param>
    public void Add(string settingsPath)
    {
        var paths = Read();
        if (!paths.Contains(settingsPath, StringComparer.Ordinal))
        {
            Write([.. paths, settingsPath]);
        }
    }

    /// <summary>Forgets <paramref name="settingsPath"/> (it was removed, or no longer Baton's to remove).</summary>
    /// <param name="settingsPath">The settings file, absolute.</param>
    public void Remove(string settingsPath)
    {
        var paths = Read();
        if (paths.Contains(settingsPath, StringComparer.Ordinal))
        {
            Write(paths.Where(p => p != settingsPath).ToList());
        }
    }

    private bool IsLink => new FileInfo(_path).LinkTarget is not null;

    private List<string> Read() =>
        File.Exists(_path) && !IsLink ? File.ReadAllLines(_path).Where(l => l.Length > 0).ToList() : [];

    private void Write(IReadOnlyList<string> paths)
    {
        if (IsLink)
        {
            return;
        }

        PrivateFile.CreateDirectory(Path.GetDirectoryName(_path)!);
        PrivateFile.ReplaceAtomically(_path, SettingsJson.Utf8.GetBytes(string.Concat(paths.Select(p => p + "\n"))));
    }
}
