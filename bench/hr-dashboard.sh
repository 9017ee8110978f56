#!/usr/bin/env bash
# Benchmark: the HR dashboard and the full CSV export for a ministry of AGENTS agents (default
# 50,000) and COURSES courses (default 20), on SQLite and on PostgreSQL. Seeds with
# `server demo seed --agents`, then times requests as the demo administrator (whole ministry).
# Prints figures; asserts nothing. Targets: dashboard under 200 ms, full CSV under 2 s.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$CAMPUS_ROOT/scripts/postgres.sh"
cd "$CAMPUS_ROOT"
"$CAMPUS_ROOT/scripts/bootstrap.sh" --test >/dev/null
cargo leptos build --release --split >/dev/null 2>&1
AGENTS="${AGENTS:-50000}"
COURSES="${COURSES:-20}"
work="$(mktemp -d /tmp/campus-hr-bench.XXXXXX)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; postgres_stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
python3 bench/generate_courses.py "$work/courses" "$COURSES" 2

run_engine() {
  local engine="$1" url="$2" port
  port="$(free_port)"
  local start end
  start=$(date +%s.%N)
  CAMPUS_COURSES_DIR="$work/courses" DATABASE_URL="$url" RUST_LOG=warn "$SERVER_BIN" demo seed --agents "$AGENTS" --courses "$COURSES" | tail -1
  end=$(date +%s.%N)
  printf '%s: seed %.1f s\n' "$engine" "$(echo "$end - $start" | bc)"
  CAMPUS_COURSES_DIR="$work/courses" DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn "$SERVER_BIN" serve >"$work/$engine.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  python3 bench/hr_load.py "http://127.0.0.1:$port" "$engine"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "HR dashboard benchmark: $AGENTS agents, $COURSES courses ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB)"
run_engine sqlite "sqlite://$work/bench.db?mode=rwc"
postgres_start >/dev/null
run_engine postgres "$CAMPUS_TEST_POSTGRES_URL"
