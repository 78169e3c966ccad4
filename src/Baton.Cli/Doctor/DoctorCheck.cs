namespace Baton.Cli.Doctor;

/// <summary>The outcome of one <c>baton doctor</c> check.</summary>
/// <param name="Name">What was checked, for example <c>claude</c>.</param>
/// <param name="State"><c>ok</c>, <c>warn</c> (Baton works, a feature does not) or <c>fail</c>.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">The command or step that fixes it; null when nothing needs fixing.</param>
internal sealed record DoctorCheck(string Name, string State, string Detail, string? Fix)
{
    /// <summary>A passed check.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <returns>The check.</returns>
    public static DoctorCheck Ok(string name, string detail) => new(name, "ok", detail, null);

    /// <summary>A check that found something that stops part of Baton from working.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <param name="fix">How to fix it.</param>
    /// <returns>The check.</returns>
    public static DoctorCheck Warn(string name, string detail, string fix) => new(name, "warn", detail, fix);

    /// <summary>A failed check.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <param name="fix">How to fix it.</param>
    /// <returns>The check.</returns>
    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, "fail", detail, fix);
}
