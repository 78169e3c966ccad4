namespace Baton.Web.Pages;

/// <summary>One page as the server renders it: its title, the controls that stay put (filters, forms: what a person types
/// into is not replaced), and the live part that is rendered again on every change the live stream tells of.</summary>
/// <param name="Title">The title (plain text; encoded by the layout).</param>
/// <param name="Controls">HTML above the live part.</param>
/// <param name="Live">HTML of the live part.</param>
internal sealed record PageContent(string Title, string Controls, string Live);
