#!/usr/bin/env bash
# Benchmark: generates 1,000 modules (50 courses × 20), then measures the check (parse, validate,
# render, sanitise) and the import into a fresh SQLite database, and a second import of the same
# content (which must be a no-op). Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
cargo build --release -p server --quiet

COURSES=${COURSES:-50}
MODULES=${MODULES:-20}
work="$(mktemp -d /tmp/campus-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 bench/generate_courses.py "$work/courses" "$COURSES" "$MODULES"
total=$((COURSES * MODULES))
size=$(du -sh "$work/courses" | cut -f1)

seconds() { python3 -c 'import sys, time; print(f"{time.time():.6f}")'; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

t0=$(seconds); "$SERVER_BIN" courses check "$work/courses" >/dev/null; t1=$(seconds)
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc"
"$SERVER_BIN" migrate >/dev/null
t2=$(seconds); "$SERVER_BIN" courses import "$work/courses" >/dev/null; t3=$(seconds)
t4=$(seconds); "$SERVER_BIN" courses import "$work/courses" >/dev/null; t5=$(seconds)

check=$(elapsed "$t0" "$t1"); import=$(elapsed "$t2" "$t3"); again=$(elapsed "$t4" "$t5")
per_module=$(python3 -c "print(f'{($t1 - $t0) / $total * 1000:.2f}')")
echo "Import de cours : $COURSES cours × $MODULES modules = $total modules ($size de Markdown), $(nproc) cœurs"
printf '  %-48s %8s s\n' "vérification (analyse, rendu, nettoyage HTML)" "$check"
printf '  %-48s %8s ms\n' "… par module" "$per_module"
printf '  %-48s %8s s\n' "import dans une base SQLite neuve" "$import"
printf '  %-48s %8s s\n' "second import du même contenu (aucun changement)" "$again"
