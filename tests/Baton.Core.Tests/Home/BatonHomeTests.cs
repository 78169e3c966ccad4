using Baton.Core.Home;

namespace Baton.Core.Tests.Home;

public sealed class BatonHomeTests
{
    [Fact]
    public void A_new_home_is_private_to_the_user()
    {
        var parent = Directory.CreateTempSubdirectory("baton-home-");
        try
        {
            var home = new BatonHome(Path.Combine(parent.FullName, "nested", "home"));

            home.EnsureCreated();

            File.GetUnixFileMode(home.Root).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            BatonHome.IsPrivate(home.Root).ShouldBeTrue();
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_log_is_private_and_takes_one_line_per_entry()
    {
        var parent = Directory.CreateTempSubdirectory("baton-home-");
        try
        {
            var home = new BatonHome(parent.FullName);
            var log = new BatonLog(home);

            log.Write("hook Stop", "first\nline");
            log.Write("cli", "second");

            var lines = File.ReadAllLines(home.LogPath);
            lines.Length.ShouldBe(2);
            lines[0].ShouldEndWith("hook Stop: first line");
            File.GetUnixFileMode(home.LogPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }
}
