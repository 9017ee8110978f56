#!/usr/bin/env bash
# Benchmark: precision and recall of the personal-data detector per kind on the labelled French
# corpus (bench/privacy-corpus.jsonl), and its throughput in MB/s. Prints figures; asserts nothing.
# VERBOSE=1 lists every miss and false alarm.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$CAMPUS_ROOT"
cargo build --release -p server --quiet
python3 bench/privacy_eval.py "$SERVER_BIN" bench/privacy-corpus.jsonl
