#!/usr/bin/env bash
# Benchmark: quiz-submission throughput on SQLite with concurrent signed-in agents (each
# submission is graded, stored with its xAPI statement and re-evaluates completion).
# Prints figures; asserts nothing. USERS and SUBMISSIONS (per user) can be set.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$CAMPUS_ROOT/scripts/postgres.sh"   # for free_port
cd "$CAMPUS_ROOT"
"$CAMPUS_ROOT/scripts/bootstrap.sh"
cargo leptos build --release --split >/dev/null 2>&1
work="$(mktemp -d /tmp/campus-bench.XXXXXX)"
port="$(free_port)"
DATABASE_URL="sqlite://$work/bench.db?mode=rwc" "$SERVER_BIN" demo seed >/dev/null
DATABASE_URL="sqlite://$work/bench.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn "$SERVER_BIN" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
python3 bench/quiz_load.py "http://127.0.0.1:$port" "${USERS:-16}" "${SUBMISSIONS:-50}"
