#!/usr/bin/env bash
# The benchmark entry command (`make bench`): installs wrk and nginx if missing, builds in release
# mode, then bench/bench.py starts the server on a seeded database and prints one table (requests/s
# and p50/p99 of four requests next to nginx serving the same page as a static file, asset sizes,
# start-up with 1,000 modules, resident memory). `bench/run.sh --write` also records the table in
# BENCHMARKS.md. BENCH_DURATION (10s), BENCH_CONNECTIONS (16) and BENCH_THREADS (1) tune wrk.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
"$CAMPUS_ROOT/scripts/bootstrap.sh" --bench
say "Compilation (cargo leptos build --release --split)"
cargo leptos build --release --split >/dev/null 2>&1 || cargo leptos build --release --split
"$SERVER_BIN" assets compress
# A throwaway PostgreSQL for the quiz-submission row on that engine.
source "$CAMPUS_ROOT/scripts/postgres.sh"
trap postgres_stop EXIT
postgres_start
say "Mesures (environ quatre minutes)"
SERVER_BIN="$SERVER_BIN" python3 bench/bench.py "$@"
