namespace Baton.Cli.Watch;

/// <summary>The space a frame must fit and what it shows.</summary>
/// <param name="Width">Terminal cells per line (at least 1).</param>
/// <param name="Height">Lines, or null for as many as there are sessions (a one-off frame).</param>
/// <param name="Interactive">Whether the frame shows the selection and the footer with the keys or a prompt.</param>
internal sealed record DashboardLayout(int Width, int? Height, bool Interactive)
{
    /// <summary>The width of <c>baton watch --once</c> when its output is not a terminal.</summary>
    public const int PlainWidth = 80;
}
