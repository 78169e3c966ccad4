namespace Baton.Mcp.Tests;

/// <summary>acquire_lock, renew_lock, release_lock, list_locks through the SDK's client.</summary>
public sealed class LockToolsTests : McpTestBase
{
    [Fact]
    public async Task A_lock_has_one_holder_and_others_are_told_who_holds_it_since_when()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);

        var granted = await a.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 60, reason = "releasing v2" });
        var refused = await b.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 60 });

        granted["acquired"]!.GetValue<bool>().ShouldBeTrue();
        granted["outcome"]!.GetValue<string>().ShouldBe("acquired");
        granted["holder"]!.GetValue<string>().ShouldBe(SessionA);
        var token = granted["token"]!.GetValue<long>();
        token.ShouldBeGreaterThan(0);
        refused["acquired"]!.GetValue<bool>().ShouldBeFalse();
        refused["holder"]!.GetValue<string>().ShouldBe(SessionA);
        refused["held_since"]!.GetValue<string>().ShouldBe(granted["acquired_at"]!.GetValue<string>());
        refused["reason"]!.GetValue<string>().ShouldBe("releasing v2");
        refused["message"]!.GetValue<string>().ShouldContain($"held by {SessionA}");
        var listed = await b.CallJsonAsync("list_locks", new { pattern = "dep*" });
        listed["locks"]!.AsArray().Single()!["holder"]!.GetValue<string>().ShouldBe(SessionA);
        (await b.CallJsonAsync("list_locks", new { pattern = "file:*" }))["count"]!.GetValue<int>().ShouldBe(0);

        // The holder renews (same token) and releases; then the other gets a greater token.
        var renewed = await a.CallJsonAsync("renew_lock", new { resource = "deploy", token, ttl_seconds = 120 });
        renewed["token"]!.GetValue<long>().ShouldBe(token);
        string.CompareOrdinal(renewed["expires_at"]!.GetValue<string>(), granted["expires_at"]!.GetValue<string>()).ShouldBeGreaterThan(0);
        (await a.CallJsonAsync("release_lock", new { resource = "deploy", token }))["released"]!.GetValue<bool>().ShouldBeTrue();
        var next = await b.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 60 });
        next["acquired"]!.GetValue<bool>().ShouldBeTrue();
        next["token"]!.GetValue<long>().ShouldBeGreaterThan(token);
    }

    [Fact]
    public async Task A_file_lease_outside_the_project_is_refused_and_a_whole_project_one_needs_force_and_a_short_ttl()
    {
        var a = await ServerAsync(SessionA);

        var outside = await a.CallErrorAsync("acquire_lock", new { resource = "file:../../etc/*", ttl_seconds = 60 });
        var absolute = await a.CallErrorAsync("acquire_lock", new { resource = "file:/", ttl_seconds = 60 });
        var unforced = await a.CallErrorAsync("acquire_lock", new { resource = "file:**", ttl_seconds = 60 });
        var tooLong = await a.CallErrorAsync("acquire_lock", new { resource = "file:**", ttl_seconds = 3600, force = true });
        var granted = await a.CallJsonAsync("acquire_lock", new { resource = "file:**", ttl_seconds = 600, force = true });
        var renewedTooLong = await a.CallErrorAsync("renew_lock", new { resource = "file:**", token = granted["token"]!.GetValue<long>(), ttl_seconds = 3600 });

        outside.ShouldContain("is outside the project");
        absolute.ShouldContain("is outside the project");
        unforced.ShouldContain("leases the whole project");
        unforced.ShouldEndWith("Pass force: true to do it anyway.", Case.Sensitive, "the model reads the tool's argument, not the command line's option");
        tooLong.ShouldContain("at most 600 seconds");
        granted["acquired"]!.GetValue<bool>().ShouldBeTrue();
        renewedTooLong.ShouldContain("at most 600 seconds");
        (await a.CallJsonAsync("list_locks"))["count"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_stale_token_is_refused_naming_the_current_holder()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var old = (await a.CallJsonAsync("acquire_lock", new { resource = "db-migration", ttl_seconds = 60 }))["token"]!.GetValue<long>();
        await a.CallJsonAsync("release_lock", new { resource = "db-migration", token = old });
        var current = (await b.CallJsonAsync("acquire_lock", new { resource = "db-migration", ttl_seconds = 60 }))["token"]!.GetValue<long>();

        var renew = await a.CallErrorAsync("renew_lock", new { resource = "db-migration", token = old, ttl_seconds = 60 });
        var release = await a.CallErrorAsync("release_lock", new { resource = "db-migration", token = old });

        renew.ShouldContain("Stale lock on 'db-migration'");
        renew.ShouldContain($"held by {SessionB} with token {current}");
        release.ShouldContain($"held by {SessionB}");
        (await b.CallJsonAsync("list_locks"))["locks"]!.AsArray().Single()!["token"]!.GetValue<long>().ShouldBe(current);
    }

    [Fact]
    public async Task Acquire_with_wait_seconds_gets_the_lock_once_its_holder_releases_it()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var token = (await a.CallJsonAsync("acquire_lock", new { resource = "build", ttl_seconds = 60 }))["token"]!.GetValue<long>();

        var waiting = b.CallJsonAsync("acquire_lock", new { resource = "build", ttl_seconds = 60, wait_seconds = 20 });
        await Task.Delay(300);
        waiting.IsCompleted.ShouldBeFalse("B waits while A holds the lock");
        await a.CallJsonAsync("release_lock", new { resource = "build", token });
        var granted = await waiting.WaitAsync(TimeSpan.FromSeconds(15));

        granted["acquired"]!.GetValue<bool>().ShouldBeTrue();
        granted["holder"]!.GetValue<string>().ShouldBe(SessionB);
    }
}
