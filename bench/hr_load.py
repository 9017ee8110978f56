#!/usr/bin/env python3
"""Times the HR pages of a seeded server as the demo administrator: the dashboard at the top of
the ministry, one direction, filtered by status, a far page of the agent list, and the full CSV
export. Prints p50/p99 per page. Talks only to the local server given as first argument."""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, engine = sys.argv[1], sys.argv[2]
client = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
sign_in_page = client.open(base + "/connexion").read().decode()
action = re.search(r'<form[^>]*action="(/api/sign_in[0-9]*)"', sign_in_page).group(1)
fields = urllib.parse.urlencode({"email": "admin@demo.campus-ia.fr", "password": "campus-ia-demo"}).encode()
client.open(urllib.request.Request(base + action, data=fields, headers={"Accept": "application/json"})).read()


def timed(path, runs):
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with client.open(base + path) as response:
            body = response.read()
        times.append((time.perf_counter() - start) * 1000)
        size = len(body)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))], size, body


_, _, _, home = timed("/rh", 1)
direction = re.search(r'href="/rh\?unite=(\d+)"', home.decode()).group(1)
rows = []
for label, path, runs in [
    ("dashboard, whole ministry", "/rh", 20),
    ("dashboard, one direction", f"/rh?unite={direction}", 20),
    ("dashboard, overdue only", "/rh?statut=en-retard", 20),
    ("dashboard, page 100, sorted by due date", "/rh?tri=echeance&page=100", 20),
    ("CSV export, whole ministry", "/rh/export.csv", 3),
]:
    p50, p99, size, body = timed(path, runs)
    lines = body.count(b"\n") - 1 if path.endswith(".csv") else None
    rows.append((label, p50, p99, size, lines))

print(f"{'page (' + engine + ')':<48} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>10}")
for label, p50, p99, size, lines in rows:
    extra = f"  ({lines} lines)" if lines is not None else ""
    print(f"{label:<48} {p50:>8.1f} {p99:>8.1f} {size:>10}{extra}")
