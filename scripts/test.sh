#!/usr/bin/env bash
# The whole test suite: unit and integration tests on SQLite and on a throwaway PostgreSQL
# cluster, then end-to-end tests in headless Chromium against the release build.
# Ends with one line "N passed, N failed" and a non-zero exit status if anything failed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$CAMPUS_ROOT/scripts/postgres.sh"
cd "$CAMPUS_ROOT"

"$CAMPUS_ROOT/scripts/bootstrap.sh" --test

say "Compilation du site et du serveur (cargo leptos build --release --split)"
cargo leptos build --release --split
"$SERVER_BIN" assets compress

work="$(mktemp -d /tmp/campus-test.XXXXXX)"
server_pid=""
oidc_server_pid=""
provider_pid=""
smtp_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$oidc_server_pid" ] && kill "$oidc_server_pid" 2>/dev/null || true
  [ -n "$provider_pid" ] && kill "$provider_pid" 2>/dev/null || true
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT

failures=0

postgres_start
say "Tests unitaires et d'intégration (SQLite et PostgreSQL)"
# The HTTP integration tests run side by side, each with its own server and database. They once
# had to run one at a time: a server built while another served in the same process left that
# one's pages pending forever (see `page_routes` in server/src/startup.rs).
if ! cargo test --workspace --exclude front --release 2>&1 | tee "$work/cargo.log"; then
  failures=$((failures + 1))
fi

say "Vérification du parcours livré (courses check --deny-warnings courses/)"
if ! "$SERVER_BIN" courses check --deny-warnings courses/; then
  failures=$((failures + 1))
fi

say "Tests de bout en bout (Chromium sans interface)"
port="$(free_port)"
DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" "$SERVER_BIN" demo seed >/dev/null

say "Aller-retour des cours publiés (courses export → check → import : rien ne change)"
DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" "$SERVER_BIN" courses export "$work/export" >/dev/null
if ! "$SERVER_BIN" courses check --deny-warnings "$work/export" \
  || DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" "$SERVER_BIN" courses import "$work/export" | grep -v "inchangé"; then
  echo "l'export des cours publiés n'est pas repris à l'identique" >&2
  failures=$((failures + 1))
fi
DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
  "$SERVER_BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
# A second server signs agents in through a real OpenID Connect provider (npm oidc-provider).
oidc_port="$(free_port)"; provider_port="$(free_port)"
OIDC_PORT="$provider_port" OIDC_REDIRECT_URIS="http://127.0.0.1:$oidc_port/connexion/oidc/retour" \
  OIDC_POST_LOGOUT_URIS="http://127.0.0.1:$oidc_port/connexion" node tests/oidc/provider.mjs >"$work/provider.log" 2>&1 &
provider_pid=$!
DATABASE_URL="sqlite://$work/e2e-oidc.db?mode=rwc" CAMPUS_COURSES_DIR= "$SERVER_BIN" migrate >/dev/null
# Its units come from a directory file; its mail goes to a real SMTP server (PyPI aiosmtpd).
printf 'email;prenom;nom;unite\naccueil@mairie-e2e.fr;Agent;Accueil;Mairie E2E / Accueil\n' >"$work/e2e-agents.csv"
DATABASE_URL="sqlite://$work/e2e-oidc.db?mode=rwc" CAMPUS_COURSES_DIR= "$SERVER_BIN" users import "$work/e2e-agents.csv" >/dev/null
smtp_port="$(free_port)"
"$CAMPUS_TEST_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/mail" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
DATABASE_URL="sqlite://$work/e2e-oidc.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$oidc_port" RUST_LOG=warn CAMPUS_COURSES_DIR= \
  CAMPUS_SMTP_URL="smtp://127.0.0.1:$smtp_port" CAMPUS_MAIL_FROM="Campus IA <campus@e2e.test>" \
  CAMPUS_PUBLIC_URL="http://127.0.0.1:$oidc_port" CAMPUS_OIDC_ISSUER="http://127.0.0.1:$provider_port" \
  CAMPUS_OIDC_CLIENT_ID=campus-ia CAMPUS_OIDC_CLIENT_SECRET=secret-de-test-du-fournisseur \
  "$SERVER_BIN" serve >"$work/server-oidc.log" 2>&1 &
oidc_server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$oidc_port/healthz" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$provider_port/.well-known/openid-configuration" >/dev/null 2>&1 && break
  sleep 0.2
done
if ! CAMPUS_E2E_URL="http://127.0.0.1:$port" CAMPUS_E2E_OIDC_URL="http://127.0.0.1:$oidc_port" CAMPUS_E2E_MAILDIR="$work/mail" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$work/e2e.tap" \
    tests/e2e/*.test.mjs; then
  failures=$((failures + 1))
  echo "--- journal du serveur ---"; tail -n 50 "$work/server.log"
fi

say "Pannes (arrêt brutal pendant une rafale de soumissions, base PostgreSQL arrêtée puis relancée)"
source tests/faults.sh
fault_kill_during_burst
fault_database_outage
[ "$fault_failed" -eq 0 ] || failures=$((failures + 1))

# One summary line over every runner.
cargo_passed=$(grep -Eo '^test result: .* ([0-9]+) passed' "$work/cargo.log" | grep -Eo '[0-9]+ passed' | awk '{ s += $1 } END { print s + 0 }')
cargo_failed=$(grep -Eo '^test result: .* ([0-9]+) failed' "$work/cargo.log" | grep -Eo '[0-9]+ failed' | awk '{ s += $1 } END { print s + 0 }')
e2e_passed=$(awk '/^# pass / { print $3 }' "$work/e2e.tap" 2>/dev/null || echo 0)
e2e_failed=$(awk '/^# fail / { print $3 }' "$work/e2e.tap" 2>/dev/null || echo 0)
passed=$((cargo_passed + ${e2e_passed:-0} + fault_passed))
failed=$((cargo_failed + ${e2e_failed:-0} + fault_failed))
if [ "$failures" -gt 0 ] && [ "$failed" -eq 0 ]; then
  echo "Une étape a échoué sans test en échec (compilation ?) : voir ci-dessus." >&2
  failed=1
fi
echo
echo "unit+integration: $cargo_passed passed, $cargo_failed failed; end-to-end: ${e2e_passed:-0} passed, ${e2e_failed:-0} failed; faults: $fault_passed passed, $fault_failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
