# Fault tests, sourced by scripts/test.sh after the other suites (it provides $work, $SERVER_BIN,
# free_port, the PostgreSQL helpers and `say`). Each test prints "ok - …" or "not ok - …" and
# counts into $fault_passed / $fault_failed.
fault_passed=0
fault_failed=0

fault_result() {
  if [ "$1" -eq 0 ]; then echo "ok - $2"; fault_passed=$((fault_passed + 1)); else echo "not ok - $2"; fault_failed=$((fault_failed + 1)); fi
}

wait_for_health() { # URL EXPECTED_STATUS
  local code
  for _ in $(seq 1 100); do
    code="$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$1/healthz" || true)"
    [ "$code" = "$2" ] && return 0
    sleep 0.2
  done
  return 1
}

# SIGKILL in the middle of a burst of quiz submissions: every acknowledged attempt is stored and
# the database is sound after the restart.
fault_kill_during_burst() {
  local db="sqlite://$work/faults.db?mode=rwc" port pid burst status=0 acknowledged stored
  port="$(free_port)"
  DATABASE_URL="$db" "$SERVER_BIN" demo seed >/dev/null
  DATABASE_URL="$db" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn "$SERVER_BIN" serve >"$work/faults.log" 2>&1 &
  pid=$!
  wait_for_health "http://127.0.0.1:$port" 200 || status=1
  python3 tests/faults/burst.py "http://127.0.0.1:$port" 100000 "$work/burst.txt" &
  burst=$!
  # Let submissions flow, then kill the server without warning.
  for _ in $(seq 1 100); do
    sent="$(sed -n 2p "$work/burst.txt" 2>/dev/null || true)"
    [ "${sent:-0}" -ge 30 ] && break
    sleep 0.1
  done
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  wait "$burst" || true
  acknowledged="$(sed -n 2p "$work/burst.txt")"
  DATABASE_URL="$db" "$SERVER_BIN" check >/dev/null || status=1
  # Attempts stored, and their xAPI statements: written in one transaction, never one without the other.
  read -r stored statements < <(python3 -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
user = '(SELECT MAX(id) FROM users)'
attempts = c.execute(f'SELECT COUNT(*) FROM quiz_attempts WHERE user_id = {user}').fetchone()[0]
graded = c.execute(f\"SELECT COUNT(*) FROM xapi_statements WHERE user_id = {user} AND verb LIKE '%/passed' OR user_id = {user} AND verb LIKE '%/failed'\").fetchone()[0]
print(attempts, graded)" "$work/faults.db")
  [ "${acknowledged:-0}" -ge 30 ] && [ "$stored" -ge "$acknowledged" ] && [ "$stored" -eq "$statements" ] || status=1
  # And it serves again.
  DATABASE_URL="$db" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn "$SERVER_BIN" serve >>"$work/faults.log" 2>&1 &
  pid=$!
  wait_for_health "http://127.0.0.1:$port" 200 || status=1
  kill "$pid"; wait "$pid" 2>/dev/null || true
  fault_result "$status" "SIGKILL during a burst: $acknowledged attempts acknowledged, $stored stored with $statements statements, integrity ok, restarts"
}

# PostgreSQL stopped under a running server: clean 503s, and service resumes when it is back.
fault_database_outage() {
  local port pid status=0 page
  port="$(free_port)"
  DATABASE_URL="$CAMPUS_TEST_POSTGRES_URL" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn CAMPUS_COURSES_DIR="" \
    "$SERVER_BIN" serve >"$work/outage.log" 2>&1 &
  pid=$!
  wait_for_health "http://127.0.0.1:$port" 200 || status=1
  postgres_pause
  wait_for_health "http://127.0.0.1:$port" 503 || status=1
  page="$(curl -s --max-time 20 -o "$work/outage.html" -w '%{http_code}' "http://127.0.0.1:$port/cours")"
  [ "$page" = "503" ] && grep -q "momentanément indisponible" "$work/outage.html" || status=1
  # A signed-in agent is told the service is unavailable, not asked to sign in (401).
  page="$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' -H 'Cookie: campus_session=un-jeton' "http://127.0.0.1:$port/mon-parcours")"
  [ "$page" = "503" ] || { echo "page of a signed-in agent during the outage: $page" >&2; status=1; }
  postgres_resume
  wait_for_health "http://127.0.0.1:$port" 200 || status=1
  page="$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/cours")"
  [ "$page" = "200" ] || status=1
  kill "$pid"; wait "$pid" 2>/dev/null || true
  fault_result "$status" "PostgreSQL stopped: /healthz and pages (signed in or not) answer 503, then 200 once it is back"
}
