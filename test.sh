#!/usr/bin/env bash
# Runs Baton's whole test suite. First installs what the tests drive for real: tmux and git (apt-get or brew),
# the claude CLI from npm into .tools/claude (never a global install), and a C toolchain with zlib headers to publish
# baton-relay as Native AOT into .tools/relay, the binary the tests install as the hooks' command (BATON_RELAY), as
# install.sh does for a user; and starts a throwaway PostgreSQL server for the team store's tests (tests/postgres-server.sh:
# Debian's postgresql package, initdb into a temporary folder as an unprivileged user, 127.0.0.1 only, stopped at exit),
# exported as BATON_TEST_POSTGRES_URL. With CI=true every test must run.
set -euo pipefail
cd "$(dirname "$0")"

CLAUDE_CODE_VERSION="${CLAUDE_CODE_VERSION:-2.1.197}"

install_packages() {
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
  elif command -v brew >/dev/null 2>&1; then
    brew install "$@"
  else
    echo "test.sh: please install: $*" >&2
    exit 1
  fi
}

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v npm >/dev/null 2>&1 || missing+=(npm)
{ command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1; } || missing+=(gcc)
if command -v apt-get >/dev/null 2>&1 && [ ! -e /usr/include/zlib.h ]; then missing+=(zlib1g-dev); fi
[ ${#missing[@]} -eq 0 ] || install_packages "${missing[@]}"

claude=".tools/claude/node_modules/.bin/claude"
if [ ! -x "$claude" ] || ! "$claude" --version 2>/dev/null | grep -q "^${CLAUDE_CODE_VERSION} "; then
  echo "test.sh: installing @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} into .tools/claude"
  npm install --prefix .tools/claude --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}"
fi
export BATON_TEST_CLAUDE="$PWD/$claude"
echo "test.sh: claude $("$BATON_TEST_CLAUDE" --version), $(tmux -V), $(git --version)"

rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
echo "test.sh: publishing baton-relay (Native AOT, $rid) into .tools/relay"
dotnet publish src/Baton.Relay -c Release -r "$rid" -p:PublishAot=true -o .tools/relay --nologo -v quiet
export BATON_RELAY="$PWD/.tools/relay/baton-relay"

source tests/postgres-server.sh
log="$(mktemp)"
trap 'rm -f "$log"; stop_test_postgres' EXIT
start_test_postgres
status=0
dotnet test Baton.slnx --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One closing line for every runner: the totals of all test assemblies.
awk '$1 == "Passed:" { p += $2 } $1 == "Failed:" { f += $2 } $1 == "Skipped:" { s += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# The failed tests again, last, so that the tail of a long log names them.
grep -E "^ +Failed [A-Za-z_]" "$log" | sed 's/^ */failed: /' || true

if [ "${CI:-}" = "true" ] && grep -qE "Skipped: +[1-9]" "$log"; then
  echo "test.sh: tests were skipped, which CI does not allow" >&2
  status=1
fi
exit "$status"
