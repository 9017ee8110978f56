#!/usr/bin/env bash
# Precision and recall of the atelier's rubric, criterion by criterion, on the labelled corpus
# bench/rubric/corpus.jsonl (written from bench/rubric/SPECIFICATION.md by a reviewer who did not
# see the rules), separately for the tuning part and the held-out part.
# Usage: bench/rubric.sh [--markdown]   (builds the server in release mode if needed)
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
[ -x "$SERVER_BIN" ] || cargo build --release -p server >&2
exec python3 bench/rubric_score.py "$SERVER_BIN" bench/rubric/corpus.jsonl "$@"
