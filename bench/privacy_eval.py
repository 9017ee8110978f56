#!/usr/bin/env python3
"""Scores the personal-data detector against the labelled corpus (privacy-corpus.jsonl):
precision and recall per kind, then throughput on a large file. A detection counts as right
when it has the expected kind and overlaps the expected text."""
import json
import os
import subprocess
import sys
import tempfile
import time

binary, corpus_path = sys.argv[1], sys.argv[2]
corpus = [json.loads(line) for line in open(corpus_path, encoding="utf-8") if line.strip()]
kinds = ["email", "phone", "nir", "iban", "card", "birth_date", "address", "name"]
stats = {k: {"tp": 0, "fp": 0, "fn": 0} for k in kinds}
misses = []

for entry in corpus:
    text = entry["text"]
    run = subprocess.run([binary, "privacy", "scan"], input=text.encode(), capture_output=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"scan failed: {run.stderr.decode()}")
    detected = [json.loads(line) for line in run.stdout.decode().splitlines() if line.strip()]
    expected = []
    cursor = 0
    raw = text.encode()
    for finding in entry["findings"]:
        needle = finding["text"].encode()
        start = raw.find(needle, cursor)
        expected.append((finding["kind"], start, start + len(needle), finding["text"]))
        cursor = start + len(needle)
    used = set()
    for kind, start, end, label in expected:
        match = next((i for i, d in enumerate(detected) if i not in used and d["kind"] == kind and d["start"] < end and start < d["end"]), None)
        if match is None:
            stats[kind]["fn"] += 1
            misses.append(f"manqué   {kind:<10} {label!r} dans {text[:70]!r}")
        else:
            used.add(match)
            stats[kind]["tp"] += 1
    for i, d in enumerate(detected):
        if i not in used:
            stats[d["kind"]]["fp"] += 1
            misses.append(f"en trop  {d['kind']:<10} {d['text']!r} dans {text[:70]!r}")

ratio = lambda a, b: a / b if b else 1.0
print(f"Détecteur de données personnelles : {len(corpus)} extraits annotés")
print(f"  {'type':<11} {'précision':>9} {'rappel':>7} {'attendus':>9}")
for kind in kinds:
    s = stats[kind]
    print(f"  {kind:<11} {ratio(s['tp'], s['tp'] + s['fp']):9.3f} {ratio(s['tp'], s['tp'] + s['fn']):7.3f} {s['tp'] + s['fn']:9d}")
tp = sum(s["tp"] for s in stats.values()); fp = sum(s["fp"] for s in stats.values()); fn = sum(s["fn"] for s in stats.values())
print(f"  {'ensemble':<11} {ratio(tp, tp + fp):9.3f} {ratio(tp, tp + fn):7.3f} {tp + fn:9d}")
if os.environ.get("VERBOSE"):
    print("\n".join(misses))

with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as big:
    block = "\n".join(entry["text"] for entry in corpus) + "\n"
    while big.tell() < 8 * 1024 * 1024:
        big.write(block)
    path = big.name
size = os.path.getsize(path)
start = time.perf_counter()
subprocess.run([binary, "privacy", "scan", path], stdout=subprocess.DEVNULL, check=False)
elapsed = time.perf_counter() - start
os.unlink(path)
print(f"  débit : {size / elapsed / 1e6:.1f} Mo/s ({size / 1e6:.1f} Mo en {elapsed:.2f} s, un cœur)")
