#!/usr/bin/env bash
# Builds Baton from source, installs the `baton` command as a .NET global tool (~/.dotnet/tools/baton),
# wires it into Claude Code (user-scope hooks merged into ~/.claude/settings.json with a backup, and the
# Baton MCP server registered for the user with `claude mcp add` when claude is installed),
# and ends with `baton doctor`, which says what else is missing and how to fix it.
set -euo pipefail
cd "$(dirname "$0")"

version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
packages="artifacts/packages"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
rm -rf "$packages"
# A package for this machine's runtime, compiled ahead of time (ReadyToRun): hooks start faster than with JIT alone.
dotnet pack src/Baton.Cli -c Release -o "$packages" -r "$rid" -p:PublishReadyToRun=true -p:Version="$version" --nologo -v quiet
dotnet tool uninstall --global Baton.Cli >/dev/null 2>&1 || true
dotnet tool install --global Baton.Cli --add-source "$packages" --version "$version"

baton="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools/baton"
"$baton" hooks install
if command -v claude >/dev/null 2>&1; then
  "$baton" mcp install --scope user
else
  echo "install.sh: claude is not installed yet; afterwards run: $baton mcp install"
fi
echo
"$baton" doctor
case ":$PATH:" in
  *":$(dirname "$baton"):"*) ;;
  *) echo; echo "install.sh: add $(dirname "$baton") to your PATH to type 'baton' (hooks already call it by its full path)." ;;
esac
