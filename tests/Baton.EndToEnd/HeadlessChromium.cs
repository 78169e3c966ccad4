using OpenQA.Selenium.Chrome;

namespace Baton.EndToEnd;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>), headless, driven through its <c>/usr/bin/chromedriver</c> by Selenium; no
/// browser or driver is downloaded. Its profile and caches live in a folder of the test's sandbox. test.sh installs both
/// (<c>apt-get install chromium chromium-driver</c>).
/// </summary>
internal static class HeadlessChromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    /// <summary>Starts the browser, 1280 px wide, with the sandbox's HOME (never the real one).</summary>
    /// <param name="profile">A folder for the browser's profile and caches.</param>
    /// <param name="home">The HOME the driver and the browser run with.</param>
    /// <returns>The driver; dispose it to end the browser.</returns>
    public static ChromeDriver Start(string profile, string home)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            throw new InvalidOperationException($"{Browser} or {Driver} is missing: apt-get install -y chromium chromium-driver (test.sh does).");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        service.DriverProcessStarting += (_, starting) =>
        {
            var environment = starting.DriverServiceProcessStartInfo.Environment;
            environment["HOME"] = home;
            environment["XDG_CONFIG_HOME"] = Path.Combine(profile, "config");
            environment["XDG_CACHE_HOME"] = Path.Combine(profile, "cache");
        };
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1280,1000",
            "--no-first-run",
            "--user-data-dir=" + Path.Combine(profile, "user-data"),
            "--disk-cache-dir=" + Path.Combine(profile, "cache"));
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
