#!/usr/bin/env bash
# Runs Baton's whole test suite. First installs what the tests drive for real: tmux and git (apt-get or brew),
# the claude CLI from npm into .tools/claude (the newest release Baton is tested with) and .tools/claude-oldest (the
# oldest it supports, for a smoke run; never a global install), and a C toolchain with zlib headers to publish
# baton-relay as Native AOT into .tools/relay, the binary the tests install as the hooks' command (BATON_RELAY), as
# install.sh does for a user; chromium and chromium-driver for the web page's browser test; and starts a throwaway PostgreSQL server for the team store's tests (tests/postgres-server.sh:
# Debian's postgresql package, initdb into a temporary folder as an unprivileged user, 127.0.0.1 only, stopped at exit),
# exported as BATON_TEST_POSTGRES_URL. With CI=true every test must run.
set -euo pipefail
cd "$(dirname "$0")"

# The supported range, as Baton.ClaudeCode's ClaudeCodeVersion states it: the whole suite runs against the newest, the
# end-to-end tests marked Smoke=oldest against the oldest.
CLAUDE_CODE_VERSION="${CLAUDE_CODE_VERSION:-2.1.332}"
CLAUDE_CODE_OLDEST="${CLAUDE_CODE_OLDEST:-2.1.197}"

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
# The store tests hold SQLite's write lock from another process with the sqlite3 shell.
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
# The web page's browser test drives Debian's chromium through its chromedriver (Selenium).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] || install_packages "${missing[@]}"

# install_claude DIR VERSION: the claude CLI at VERSION in DIR, unless it is there already.
install_claude() {
  local bin="$1/node_modules/.bin/claude"
  if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^$2 "; then
    echo "test.sh: installing @anthropic-ai/claude-code@$2 into $1"
    npm install --prefix "$1" --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$2"
  fi
}
install_claude .tools/claude "$CLAUDE_CODE_VERSION"
install_claude .tools/claude-oldest "$CLAUDE_CODE_OLDEST"
claude=".tools/claude/node_modules/.bin/claude"
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

# The smoke run: the end-to-end tests marked Smoke=oldest against the oldest supported claude.
echo "test.sh: smoke run against claude $(.tools/claude-oldest/node_modules/.bin/claude --version)"
BATON_TEST_CLAUDE="$PWD/.tools/claude-oldest/node_modules/.bin/claude" \
  dotnet test tests/Baton.EndToEnd --no-build --filter "Smoke=oldest" --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=$?

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
