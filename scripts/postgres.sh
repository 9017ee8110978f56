# Starts and stops a throwaway PostgreSQL cluster for the tests (sourced by scripts/test.sh).
# The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, and is deleted
# when stopped. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

pg_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$dir" ]; then echo "$dir"; else dirname "$(command -v initdb)"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  local bin port
  bin="$(pg_bin_dir)"
  port="$(free_port)"
  PG_TEST_DIR="$(mktemp -d /tmp/campus-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TEST_DIR"
  as_pg_user "$bin/initdb" -D "$PG_TEST_DIR/data" -U campus -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg_user "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -o \
    "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null
  export CAMPUS_TEST_POSTGRES_URL="postgres://campus@127.0.0.1:$port/postgres"
  PG_TEST_PORT="$port"
  say "PostgreSQL de test démarré sur le port $port"
}

postgres_stop() {
  if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR" ]; then
    as_pg_user "$(pg_bin_dir)/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}

# Stops the running test cluster and starts it again on the same data (database outage tests).
postgres_pause() {
  as_pg_user "$(pg_bin_dir)/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null
}

postgres_resume() {
  as_pg_user "$(pg_bin_dir)/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -o \
    "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null
}
