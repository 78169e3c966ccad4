#!/usr/bin/env bash
# Builds Baton from source and installs the `baton` command as a .NET global tool (~/.dotnet/tools/baton), with
# baton-relay, the Native AOT program Claude Code's hooks run; wires it into Claude Code (user-scope hooks merged into
# ~/.claude/settings.json with a backup, and the Baton MCP server registered for the user with `claude mcp add` when
# claude is installed); starts the resident server (`baton serve`: a systemd user service on Linux or a launchd agent
# on macOS where the service manager answers, else in the background) and ends with `baton doctor`, which says what else is missing and how to fix it. Prerequisites: the
# .NET 10 SDK (to build), tmux (for baton new/attach) and Claude Code's claude CLI; without the last two the install
# still finishes and says what to install.
#
#   ./install.sh              build, install and wire everything
#   ./install.sh --no-build   only wire an installed baton into Claude Code again ($BATON, else ~/.dotnet/tools/baton)
set -euo pipefail
cd "$(dirname "$0")"

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
elif [ $# -gt 0 ]; then
  echo "usage: ./install.sh [--no-build]" >&2
  exit 2
fi

# Builds baton and baton-relay and installs baton as a .NET global tool.
build_and_install() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "install.sh: the .NET 10 SDK is needed to build Baton: https://dotnet.microsoft.com/download (then run ./install.sh again)." >&2
    exit 1
  fi

  version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
  packages="artifacts/packages"
  relay="artifacts/relay"
  rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
  rm -rf "$packages" "$relay"

  # Native AOT needs a C toolchain and zlib headers; install them where this machine's package manager allows.
  if ! { command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; } || ! [ -e /usr/include/zlib.h ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc zlib1g-dev || true
    fi
  fi
  relay_property=()
  if dotnet publish src/Baton.Relay -c Release -r "$rid" -p:PublishAot=true -o "$relay" --nologo -v quiet; then
    relay_property=("-p:BatonRelayPath=$PWD/$relay/baton-relay")
  else
    echo "install.sh: could not build baton-relay as Native AOT (it needs gcc or clang and zlib headers, e.g. apt-get install gcc zlib1g-dev);"
    echo "install.sh: hooks will start baton itself for every event, which is much slower."
  fi

  # A package for this machine's runtime, compiled ahead of time (ReadyToRun): what runs when the server does not.
  dotnet pack src/Baton.Cli -c Release -o "$packages" -r "$rid" -p:PublishReadyToRun=true -p:Version="$version" "${relay_property[@]}" --nologo -v quiet
  dotnet tool uninstall --global Baton.Cli >/dev/null 2>&1 || true
  dotnet tool install --global Baton.Cli --add-source "$packages" --version "$version"
}

if [ "$build" -eq 1 ]; then
  build_and_install
fi

baton="${BATON:-${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools/baton}"
missing=()
"$baton" hooks install
if command -v claude >/dev/null 2>&1; then
  "$baton" mcp install --scope user
else
  missing+=("claude (npm install -g @anthropic-ai/claude-code), then run: $baton mcp install")
fi
if ! command -v tmux >/dev/null 2>&1; then
  missing+=("tmux (apt-get install tmux, or brew install tmux), for baton new and attach")
fi
"$baton" serve install
echo
# doctor exits 1 while a check fails (claude not installed yet, for example): the install itself is done, so go on.
"$baton" doctor || true
echo
echo "install.sh: Baton is installed: $baton"
for item in ${missing[@]+"${missing[@]}"}; do
  echo "install.sh: still missing: $item"
done
case ":$PATH:" in
  *":$(dirname "$baton"):"*) ;;
  *) echo "install.sh: add $(dirname "$baton") to your PATH to type 'baton' (hooks already call it by its full path):"
     echo "  echo 'export PATH=\"$(dirname "$baton"):\$PATH\"' >> ~/.bashrc   # or ~/.zshrc" ;;
esac
