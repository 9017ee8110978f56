#!/usr/bin/env bash
# Installs what is missing, builds in release mode and starts Campus IA on http://127.0.0.1:3000
# with an embedded SQLite database (campus.db in the repository root).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$CAMPUS_ROOT"

"$CAMPUS_ROOT/scripts/bootstrap.sh"
say "Compilation (cargo leptos build --release --split)"
cargo leptos build --release --split
# Brotli and gzip copies of the CSS, JS and WebAssembly, sent as they are (no compression per request).
"$SERVER_BIN" assets compress
export DATABASE_URL="${DATABASE_URL:-sqlite://campus.db?mode=rwc}"
"$SERVER_BIN" migrate
"$SERVER_BIN" demo seed
say "Campus IA démarre sur http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C pour arrêter)"
exec "$SERVER_BIN" serve
