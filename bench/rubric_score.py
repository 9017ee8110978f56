"""Scores the rubric (`server prompt check`) against the labelled corpus: precision and recall
per criterion, for the tuning and the held-out parts. A criterion's positive class is "met"."""
import json
import subprocess
import sys

CRITERIA = ["role", "context", "task", "format", "audience", "constraints", "source", "no-personal-data"]


def verdicts(server, prompt):
    out = subprocess.run([server, "prompt", "check"], input=prompt, capture_output=True, text=True, check=True).stdout
    return {line["criterion"]: line["met"] for line in map(json.loads, out.splitlines())}


def main():
    server, corpus = sys.argv[1], sys.argv[2]
    markdown = "--markdown" in sys.argv
    counts = {}
    for raw in open(corpus, encoding="utf-8"):
        item = json.loads(raw)
        got = verdicts(server, item["prompt"])
        for criterion in CRITERIA:
            expected, found = item["labels"][criterion], got[criterion]
            c = counts.setdefault((item["split"], criterion), {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
            c[("t" if expected == found else "f") + ("p" if found else "n")] += 1
    rows = []
    for split in ["tuning", "holdout"]:
        for criterion in CRITERIA:
            c = counts.get((split, criterion), {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
            precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
            recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
            total = sum(c.values())
            accuracy = (c["tp"] + c["tn"]) / total if total else 1.0
            rows.append((split, criterion, precision, recall, accuracy, c))
    if markdown:
        print("| part | criterion | precision | recall | verdicts right | tp/fp/fn/tn |")
        print("| --- | --- | ---: | ---: | ---: | --- |")
        for split, criterion, p, r, a, c in rows:
            print(f"| {split} | {criterion} | {p:.2f} | {r:.2f} | {a:.2f} | {c['tp']}/{c['fp']}/{c['fn']}/{c['tn']} |")
    else:
        print(f"{'part':8} {'criterion':17} {'precision':>9} {'recall':>7} {'right':>6}")
        for split, criterion, p, r, a, c in rows:
            print(f"{split:8} {criterion:17} {p:9.2f} {r:7.2f} {a:6.2f}")


if __name__ == "__main__":
    main()
