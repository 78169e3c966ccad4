using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class SessionStatusNamesTests
{
    [Fact]
    public void Every_status_round_trips_through_its_snake_case_name()
    {
        foreach (var status in Enum.GetValues<SessionStatus>())
        {
            SessionStatusNames.Parse(status.ToWire()).ShouldBe(status);
        }

        SessionStatus.WaitingPermission.ToWire().ShouldBe("waiting_permission");
    }

    [Fact]
    public void The_error_status_of_earlier_versions_reads_as_waiting_for_input() =>
        SessionStatusNames.Parse("error").ShouldBe(SessionStatus.WaitingInput);

    [Fact]
    public void An_unknown_name_is_refused()
    {
        Should.Throw<FormatException>(() => SessionStatusNames.Parse("sleeping"));
    }
}
