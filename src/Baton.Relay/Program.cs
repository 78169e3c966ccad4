using Baton.Relay;

// baton-relay --baton <baton command…> hook <Event> [--wake]: what Claude Code's hooks run (see HookRelay).
return HookRelay.Run(args);
