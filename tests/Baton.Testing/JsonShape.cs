using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// The shape of a JSON document as sorted paths (<c>lock.holder</c>, <c>recipients[].read_at</c>), and approval of shapes
/// against a checked-in file of <c>name: path</c> lines: every approved path must still be there (so a renamed or removed
/// field fails); new paths may be added and are listed in a <c>.received.txt</c> file beside the test assembly, to copy
/// over the approved file when they are meant.
/// </summary>
public static class JsonShape
{
    /// <summary>The paths of every property in a document; arrays contribute their elements' paths under <c>[]</c>.</summary>
    public static SortedSet<string> Paths(JsonNode? node, string prefix = "")
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    paths.Add(path);
                    paths.UnionWith(Paths(value, path));
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    paths.UnionWith(Paths(element, prefix + "[]"));
                }

                break;
        }

        return paths;
    }

    /// <summary>Checks shapes against an approved file and writes what was received beside it.</summary>
    /// <param name="approvedFile">The approved file's path (copied to the test output).</param>
    /// <param name="shapes">Name (e.g. a command line) to its paths.</param>
    /// <returns>The approved paths that are missing, as <c>name: path</c> lines; empty when every one is there.</returns>
    public static IReadOnlyList<string> Missing(string approvedFile, IReadOnlyDictionary<string, SortedSet<string>> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var received = shapes.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => s.Value.Select(p => $"{s.Key}: {p}")).ToList();
        File.WriteAllLines(Path.ChangeExtension(approvedFile, ".received.txt"), received);
        var actual = received.ToHashSet(StringComparer.Ordinal);
        return [.. File.ReadAllLines(approvedFile).Where(line => line.Length > 0 && !line.StartsWith('#') && !actual.Contains(line))];
    }
}
