using Baton.Core.Notifications;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Notifications;

public sealed class NotificationTextTests
{
    private static readonly Session Api = new()
    {
        SessionId = "0123456789abcdef",
        Project = "api",
        Branch = "feature-x",
        LastTool = "Bash",
    };

    [Fact]
    public void A_permission_prompt_is_critical_and_names_the_tool_it_wants()
    {
        var notification = NotificationText.For(Api, SessionStatus.WaitingPermission);

        notification.Title.ShouldBe("Claude needs permission — api");
        notification.Body.ShouldBe("api feature-x: wants to use Bash");
        notification.Urgency.ShouldBe(NotificationUrgency.Critical);
    }

    [Fact]
    public void A_waiting_session_shows_its_task_in_preference_to_the_last_tool()
    {
        var notification = NotificationText.For(Api with { Task = "fix the login bug" }, SessionStatus.WaitingInput);

        notification.Title.ShouldBe("Claude is waiting — api");
        notification.Body.ShouldBe("api feature-x: fix the login bug");
        notification.Urgency.ShouldBe(NotificationUrgency.Normal);
    }

    [Fact]
    public void A_named_session_is_called_by_its_name()
    {
        NotificationText.For(Api with { Name = "reviewer" }, SessionStatus.WaitingInput).Title.ShouldBe("Claude is waiting — reviewer");
    }

    [Fact]
    public void A_session_without_project_or_tool_falls_back_to_its_short_id()
    {
        var notification = NotificationText.For(new Session { SessionId = "0123456789abcdef" }, SessionStatus.WaitingInput);

        notification.Title.ShouldBe("Claude is waiting — 01234567");
        notification.Body.ShouldBe("01234567");
    }

    [Fact]
    public void A_long_multi_line_task_is_folded_and_shortened()
    {
        var body = NotificationText.For(Api with { Task = "line one\nline two " + new string('x', 300) }, SessionStatus.WaitingInput).Body;

        body.ShouldStartWith("api feature-x: line one line two x");
        body.ShouldNotContain("\n");
        body.Length.ShouldBeLessThan(160);
        body.ShouldEndWith("…");
    }
}
