namespace Baton.Core.Coordination;

/// <summary>The wire names of <see cref="QueueItemStatus"/> (<c>pending</c>, <c>claimed</c>, <c>done</c>), in one place
/// for <c>baton queue</c>, the MCP queue tools and their JSON.</summary>
public static class QueueItemStatusNames
{
    /// <summary>Every name, in the order an item goes through them.</summary>
    public static IReadOnlyList<string> All { get; } = ["pending", "claimed", "done"];

    /// <summary>The wire name of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>pending</c>, <c>claimed</c> or <c>done</c>.</returns>
    public static string Name(QueueItemStatus status) => status switch
    {
        QueueItemStatus.Claimed => "claimed",
        QueueItemStatus.Done => "done",
        _ => "pending",
    };

    /// <summary>Reads a wire name.</summary>
    /// <param name="name">A name from <see cref="All"/>, or null for none.</param>
    /// <returns>The status; null for null.</returns>
    /// <exception cref="UserErrorException"><paramref name="name"/> is not one of <see cref="All"/>.</exception>
    public static QueueItemStatus? Parse(string? name) => name switch
    {
        null => null,
        "pending" => QueueItemStatus.Pending,
        "claimed" => QueueItemStatus.Claimed,
        "done" => QueueItemStatus.Done,
        _ => throw new UserErrorException($"'{name}' is not an item status: use {string.Join(", ", All.SkipLast(1))} or {All[^1]}."),
    };
}
