using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Baton.Web;

/// <summary>
/// Creates the ASP.NET Core builder of each of the resident server's listeners (the HTTP hook listener and the web page),
/// fixed so that where the server was started from changes nothing:
/// <list type="bullet">
/// <item>the content root is Baton's own install folder (<see cref="AppContext.BaseDirectory"/>), not the current
/// directory. The server is started from a user service (whose working directory is the user's home) or by a hook (whose
/// working directory is the session's project), and the default would read an <c>appsettings.json</c> found there, which
/// could move Kestrel off loopback;</item>
/// <item>configuration files are not watched for changes (<c>hostBuilder:reloadConfigOnChange=false</c>). Watching them puts
/// a recursive file-system watch on the content root: one inotify watch per folder under it, which for a home folder is
/// tens of thousands, and a wake-up of the server at every file anything writes there (claude's transcripts, Baton's
/// own store).</item>
/// </list>
/// No logging providers: the server writes Baton's own log.
/// </summary>
public static class LoopbackHostBuilder
{
    /// <summary>The command-line form of the host setting that turns off watching configuration files.</summary>
    private const string NoReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>A slim builder (<see cref="WebApplication.CreateSlimBuilder(WebApplicationOptions)"/>) with the content
    /// root, configuration and logging above; the caller adds Kestrel's endpoints and its services.</summary>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder Create()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [NoReload],
        });
        builder.Logging.ClearProviders();
        return builder;
    }
}
