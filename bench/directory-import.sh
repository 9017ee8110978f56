#!/usr/bin/env bash
# Benchmark: an HR directory export of 50,000 agents (AGENTS) in 300 units of a three-level tree
# is imported into a fresh SQLite database with `server users import`: the dry run, the apply,
# the same file again (a no-op), then a full sync of a file without 1% of the agents (who are
# deactivated). Target (issue #16): under 30 s for 50,000 lines. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
cargo build --release -p server --quiet

AGENTS=${AGENTS:-50000}
work="$(mktemp -d /tmp/campus-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 - "$work/agents.csv" "$work/partial.csv" "$AGENTS" <<'PY'
import random, sys
path, partial, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(7)
first = ["Camille", "Léa", "Jean", "Awa", "Hugo", "Inès", "Nathalie", "Karim", "Sophie", "Yann"]
last = ["Durand", "Martin", "Diallo", "Petit", "Nguyen", "Lefèvre", "Moreau", "Benali", "Garcia", "Roux"]
units = [f"Ministère / Direction {d} / Bureau {d}.{b}" for d in range(1, 31) for b in range(1, 11)]
lines = ["email;prenom;nom;unite;role;identifiant"]
for n in range(count):
    role = "rh" if n % 500 == 0 else ""
    lines.append(f"agent.{n:05d}@ministere.gouv.fr;{random.choice(first)};{random.choice(last)};{units[n % len(units)]};{role};RH-{n:05d}")
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
open(partial, "w", encoding="utf-8").write("\n".join(l for i, l in enumerate(lines) if i == 0 or i % 100 != 1) + "\n")
PY
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" CAMPUS_COURSES_DIR=""
"$SERVER_BIN" migrate >/dev/null

seconds() { python3 -c 'import time; print(f"{time.time():.6f}")'; }
run() {
  local label="$1"; shift
  local t0 t1 output
  t0=$(seconds); output=$("$SERVER_BIN" users import "$@"); t1=$(seconds)
  printf '  %-44s %7.2f s   %s\n' "$label" "$(python3 -c "print($t1 - $t0)")" "$(echo "$output" | head -1 | sed 's/^[^;]*; //')"
}
echo "Import d'annuaire : $AGENTS agents, 300 unités, SQLite, $(nproc) cœurs"
run "simulation (--dry-run)" "$work/agents.csv" --dry-run
run "import" "$work/agents.csv"
run "même fichier une seconde fois" "$work/agents.csv"
run "synchronisation complète sans 1 % des agents" "$work/partial.csv" --full-sync
