# A throwaway PostgreSQL server for Baton's tests, sourced by test.sh (bash).
#
# start_test_postgres: finds initdb under /usr/lib/postgresql/*/bin (or on PATH; installs Debian's postgresql package with
# apt-get when there is none), initdb's a cluster into a new temporary folder (as the unprivileged user postgres, or nobody,
# when running as root: PostgreSQL refuses to run as root), with password authentication for a user baton and a random
# password, listening on 127.0.0.1 only on a free port and on a Unix socket in that folder, and exports
# BATON_TEST_POSTGRES_URL (postgres://baton:...@127.0.0.1:port/postgres). stop_test_postgres stops it (fast shutdown)
# and deletes the folder: the caller traps it. The cluster trades durability for speed (fsync off): it lives for one run.
# When BATON_TEST_POSTGRES_URL is already set, that server is used and nothing is started.

BATON_TEST_POSTGRES_DIR=""

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

start_test_postgres() {
  if [ -n "${BATON_TEST_POSTGRES_URL:-}" ]; then
    echo "test.sh: PostgreSQL from BATON_TEST_POSTGRES_URL"
    return 0
  fi

  local bin
  if ! bin="$(find_pg_bin)"; then
    install_packages postgresql
    bin="$(find_pg_bin)" || { echo "test.sh: initdb not found after installing postgresql" >&2; return 1; }
  fi

  BATON_TEST_POSTGRES_DIR="$(mktemp -d /tmp/baton-test-pg.XXXXXX)"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$BATON_TEST_POSTGRES_DIR"
    run=(runuser -u "$user" --)
  fi
  chmod 0700 "$BATON_TEST_POSTGRES_DIR"

  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$BATON_TEST_POSTGRES_DIR/pwfile"
  [ ${#run[@]} -eq 0 ] || chown "${run[2]}" "$BATON_TEST_POSTGRES_DIR/pwfile"
  chmod 0600 "$BATON_TEST_POSTGRES_DIR/pwfile"
  "${run[@]}" "$bin/initdb" -D "$BATON_TEST_POSTGRES_DIR/data" -U baton --pwfile="$BATON_TEST_POSTGRES_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$BATON_TEST_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$BATON_TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
  rm -f "$BATON_TEST_POSTGRES_DIR/pwfile"

  local port attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
      || echo $((20000 + RANDOM % 40000)))"
    if "${run[@]}" "$bin/pg_ctl" -D "$BATON_TEST_POSTGRES_DIR/data" -l "$BATON_TEST_POSTGRES_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$BATON_TEST_POSTGRES_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null; then
      # connect_timeout: the suite runs on loaded machines (8 racer processes connecting at once beside busy loops took
      # longer than Baton's default 5 s); what the tests decide is who wins a race, not how fast a connection opens.
      export BATON_TEST_POSTGRES_URL="postgres://baton:${password}@127.0.0.1:${port}/postgres?connect_timeout=60"
      echo "test.sh: PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port (data in $BATON_TEST_POSTGRES_DIR)"
      BATON_TEST_POSTGRES_BIN="$bin"
      BATON_TEST_POSTGRES_RUN=("${run[@]}")
      return 0
    fi
  done
  cat "$BATON_TEST_POSTGRES_DIR/server.log" >&2
  return 1
}

stop_test_postgres() {
  [ -n "$BATON_TEST_POSTGRES_DIR" ] || return 0
  if [ -f "$BATON_TEST_POSTGRES_DIR/data/postmaster.pid" ]; then
    "${BATON_TEST_POSTGRES_RUN[@]}" "$BATON_TEST_POSTGRES_BIN/pg_ctl" -D "$BATON_TEST_POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$BATON_TEST_POSTGRES_DIR"
  BATON_TEST_POSTGRES_DIR=""
}
