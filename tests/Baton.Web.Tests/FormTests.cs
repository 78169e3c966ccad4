using System.Net;
using Baton.Core.Coordination;
using Baton.Core.Messages;
using Baton.Core.Sessions;

namespace Baton.Web.Tests;

public sealed class FormTests : IAsyncLifetime
{
    private WebHarness _web = null!;

    public async Task InitializeAsync()
    {
        _web = await WebHarness.StartAsync();
        _web.AddSession("s-1", task: "before");
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var client = _web.Bearer();
        using var response = await client.PostAsync("/sessions/s-1/task", new FormUrlEncodedContent(new Dictionary<string, string> { ["task"] = "forged" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var store = _web.OpenStore();
        store.GetSession("s-1")!.Task.ShouldBe("before");
    }

    [Fact]
    public async Task A_post_with_a_token_of_another_page_load_but_no_cookie_is_refused()
    {
        using var client = _web.Bearer();
        var (field, _) = await _web.FormTokenAsync(client, "s-1");
        using var response = await client.PostAsync("/sessions/s-1/task", new FormUrlEncodedContent(new Dictionary<string, string> { ["task"] = "forged", ["__baton_form"] = field }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var store = _web.OpenStore();
        store.GetSession("s-1")!.Task.ShouldBe("before");
    }

    [Fact]
    public async Task A_post_with_the_antiforgery_token_sets_the_task_and_goes_back_to_the_session()
    {
        using var client = _web.Bearer();
        using var response = await PostAsync(client, "/sessions/s-1/task", new() { ["task"] = "after" });

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldBe("/sessions/s-1");
        using var store = _web.OpenStore();
        store.GetSession("s-1")!.Task.ShouldBe("after");
    }

    [Fact]
    public async Task Sending_from_the_page_puts_the_message_in_the_sessions_inbox_from_the_person()
    {
        using var client = _web.Bearer();
        using var response = await PostAsync(client, "/sessions/s-1/send", new() { ["text"] = "please rebase" });

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        using var store = _web.OpenStore();
        var message = store.ReadInbox("s-1", unreadOnly: true, markRead: false, 10, "human").ShouldHaveSingleItem();
        message.Body.ShouldBe("please rebase");
        message.Sender.ShouldBe("human");
    }

    [Fact]
    public async Task Renaming_to_a_bad_name_shows_why_and_renames_nothing()
    {
        using var client = _web.Bearer();
        using var response = await PostAsync(client, "/sessions/s-1/rename", new() { ["name"] = "no spaces <b>" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<b>");
        using var store = _web.OpenStore();
        store.GetSession("s-1")!.Name.ShouldBeNull();
        _web.Actions.Renamed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Renaming_from_the_page_renames_in_the_store_and_tells_the_host_for_claude()
    {
        using var client = _web.Bearer();
        using var response = await PostAsync(client, "/sessions/s-1/rename", new() { ["name"] = "api" });

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        using var store = _web.OpenStore();
        store.GetSession("s-1")!.Name.ShouldBe("api");
        _web.Actions.Renamed.ShouldBe(["s-1=api"]);
    }

    [Fact]
    public async Task Kill_needs_the_confirmation_and_then_kills()
    {
        using var client = _web.Bearer();
        (await client.GetStringAsync("/sessions/s-1/kill")).ShouldContain("Yes, kill it");

        using var unconfirmed = await PostAsync(client, "/sessions/s-1/kill", []);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _web.Actions.Killed.ShouldBeEmpty();

        using var confirmed = await PostAsync(client, "/sessions/s-1/kill", new() { ["confirm"] = "yes" });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        _web.Actions.Killed.ShouldBe(["s-1"]);
    }

    [Fact]
    public async Task Marking_a_wait_seen_keeps_it_waiting_below_the_unseen_ones_and_takes_the_button_away()
    {
        _web.AddSession("w-seen", SessionStatus.WaitingInput);
        _web.AddSession("w-unseen", SessionStatus.WaitingPermission);
        _web.AddSession("w-input", SessionStatus.WaitingInput);
        using var client = _web.Bearer();
        (await client.GetStringAsync("/sessions/w-seen")).ShouldContain("id=\"ack\"");

        using var response = await PostAsync(client, "/sessions/w-seen/ack", []);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        using (var store = _web.OpenStore())
        {
            var seen = store.GetSession("w-seen")!;
            seen.Status.ShouldBe(SessionStatus.WaitingInput);
            seen.SeenAt.ShouldNotBeNull();
        }

        var page = await client.GetStringAsync("/sessions/w-seen");
        page.ShouldNotContain("id=\"ack\"");
        page.ShouldContain("class=\"seen\"");
        var list = await client.GetStringAsync("/");
        list.IndexOf("data-session=\"w-input\"", StringComparison.Ordinal).ShouldBeLessThan(list.IndexOf("data-session=\"w-seen\"", StringComparison.Ordinal));
        list.IndexOf("data-session=\"w-seen\"", StringComparison.Ordinal).ShouldBeLessThan(list.IndexOf("data-session=\"s-1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Marking_a_running_session_seen_is_refused_with_why()
    {
        using var client = _web.Bearer();
        (await client.GetStringAsync("/sessions/s-1")).ShouldNotContain("id=\"ack\"");

        using var response = await PostAsync(client, "/sessions/s-1/ack", []);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not waiting for a person");
    }

    [Fact]
    public async Task A_session_page_shows_its_threads_progress_and_file_leases_and_a_reply_answers_in_the_thread()
    {
        Message question;
        using (var store = _web.OpenStore())
        {
            question = store.SendMessage(new MessageDraft("s-1", ["human"], "Which port should the API use?", Urgent: false), inboxLimit: 100);
            var coordinator = new Coordinator(store, TimeProvider.System);
            coordinator.SetProgress("issue:42", "testing", 40, "two suites left", "s-1");
            coordinator.AcquireLock("file:src/api/**", TimeSpan.FromMinutes(10), "s-1");
        }

        using var client = _web.Bearer();
        var page = await client.GetStringAsync("/sessions/s-1");

        page.ShouldContain("Which port should the API use?");
        page.ShouldContain($"data-thread=\"{question.ThreadId}\"");
        page.ShouldContain("issue:42: testing 40%");
        page.ShouldContain("file lease file:src/api/**");

        using var response = await PostAsync(client, "/sessions/s-1/reply", new() { ["message"] = question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = "Use 8080." });

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        using (var store = _web.OpenStore())
        {
            var reply = store.ReadInbox("s-1", unreadOnly: true, markRead: false, 10, "human").ShouldHaveSingleItem();
            reply.Body.ShouldBe("Use 8080.");
            reply.Sender.ShouldBe("human");
            reply.ThreadId.ShouldBe(question.ThreadId);
        }

        (await client.GetStringAsync("/sessions/s-1")).ShouldContain("Use 8080.");
    }

    [Fact]
    public async Task Other_methods_than_get_and_post_are_refused()
    {
        using var client = _web.Bearer();
        (await client.DeleteAsync("/sessions/s-1")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var (field, cookies) = await _web.FormTokenAsync(client, "s-1");
        fields["__baton_form"] = field;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }
}
