using System.Text.Json.Nodes;
using Baton.Core.Home;

namespace Baton.Core.Tests.Home;

public sealed class BatonSettingsWebPortTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("baton-settings-");

    private BatonHome Home => new(Path.Combine(_parent.FullName, "home"));

    private string ConfigPath => BatonSettings.PathIn(Home);

    [Fact]
    public void The_page_port_is_kept_as_web_port_beside_the_other_keys()
    {
        Home.EnsureCreated();
        File.WriteAllText(ConfigPath, """{ "web_token": "t", "notify": true }""");

        var settings = BatonSettings.Load(Home);
        settings.WebPort.ShouldBeNull();
        settings.WebPort = 43210;
        settings.Save(Home);

        BatonSettings.Load(Home).WebPort.ShouldBe(43210);
        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();
        json["web_port"]!.GetValue<int>().ShouldBe(43210);
        json["web_token"]!.GetValue<string>().ShouldBe("t");
        json["notify"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("\"8080\"")]
    [InlineData("80.5")]
    public void A_web_port_that_is_no_tcp_port_is_refused_naming_the_file(string value)
    {
        Home.EnsureCreated();
        File.WriteAllText(ConfigPath, $$"""{ "web_port": {{value}} }""");

        var refused = Should.Throw<UserErrorException>(() => BatonSettings.Load(Home));

        refused.Message.ShouldContain(ConfigPath);
        refused.Message.ShouldContain("'web_port' must be a TCP port from 1 to 65535");
    }

    public void Dispose() => _parent.Delete(recursive: true);
}
