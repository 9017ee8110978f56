#!/usr/bin/env bash
# Benchmark: the notification pass for a ministry of AGENTS agents (default 50,000) and COURSES
# assignments (default 20) on SQLite: `server demo seed --agents` makes the enrolments (assigned
# now, due dates spread over the coming weeks), then `server notifications run` is timed at
# three instants — now (every agent gets the notice of each assignment), seven days before the
# due dates (reminders), and the same instant again (nothing left to queue). Target (issue #17):
# under 10 s to queue the mails of one pass. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
cargo build --release -p server --quiet
AGENTS="${AGENTS:-50000}"
COURSES="${COURSES:-20}"
work="$(mktemp -d /tmp/campus-notify-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 bench/generate_courses.py "$work/courses" "$COURSES" 2 >/dev/null
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" CAMPUS_COURSES_DIR="$work/courses" RUST_LOG=warn
"$SERVER_BIN" demo seed --agents "$AGENTS" --courses "$COURSES" | tail -1
enrolments=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/bench.db').execute('SELECT COUNT(*) FROM enrolments').fetchone()[0])")
first_due=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/bench.db').execute('SELECT MIN(due_at) FROM enrolments WHERE due_at IS NOT NULL').fetchone()[0] or 0)")
week_before=$(python3 -c "import datetime; print(datetime.datetime.fromtimestamp($first_due - 7 * 86400 + 3600, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))")
echo "Passage de notifications : $AGENTS agents, $COURSES cours assignés, $enrolments inscriptions, SQLite, $(nproc) cœurs"
run() {
  local label="$1"; shift
  printf '  %-44s %s\n' "$label" "$("$SERVER_BIN" notifications run "$@")"
}
run "maintenant (avis de chaque affectation)"
run "7 jours avant la première échéance" --at "$week_before"
run "même instant, second passage" --at "$week_before"
echo "  file d'envoi : $(python3 -c "import sqlite3; print(sqlite3.connect('$work/bench.db').execute('SELECT COUNT(*) FROM mail_outbox').fetchone()[0])") messages"
