using Baton.Core.Home;
using Baton.Relay;

// baton-relay --baton <baton command…> hook <Event> [--wake] | mcp: what Claude Code runs for Baton's hooks and MCP server.
var home = BatonHome.FromEnvironment();
var log = new BatonLog(home);
return RelayCommandLine.Parse(args) switch
{
    { IsMcp: true } mcp => McpRelay.Run(mcp, home, log),
    { } hook => HookRelay.Run(hook, home, log),
    null => Usage(log),
};

static int Usage(BatonLog log)
{
    log.Write("relay", "usage: baton-relay --baton <baton command> hook <Event> [--wake], or baton-relay --baton <baton command> mcp");
    return 0;
}
