using System.Globalization;

namespace Baton.Core.Tasks;

/// <summary>A task named by a person or agent: <c>3</c> or <c>#3</c> (in the list at hand), or <c>plan#3</c> (in list <c>plan</c>).</summary>
/// <param name="List">The list.</param>
/// <param name="Id">The task's id.</param>
public sealed record TaskReference(string List, long Id)
{
    /// <summary>Reads a reference.</summary>
    /// <param name="text">The text.</param>
    /// <param name="list">The list a bare id is in.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="UserErrorException">The text is not an id, <c>#id</c> or <c>list#id</c>.</exception>
    public static TaskReference Parse(string? text, string list)
    {
        var value = (text ?? "").Trim();
        var hash = value.LastIndexOf('#');
        var named = hash > 0 ? value[..hash] : list;
        var digits = hash >= 0 ? value[(hash + 1)..] : value;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw new UserErrorException($"'{Baton.Core.Text.TerminalText.Printable(value)}' is not a task: give its id (3 or #3), or list#id.");
        }

        return new TaskReference(named, id);
    }
}
