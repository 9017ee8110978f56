#!/usr/bin/env python3
"""Quiz-submission load: USERS accounts signed in at once, each submitting SUBMISSIONS quiz
attempts as fast as the server answers. Prints submissions/s and latency percentiles.
Talks only to the local server given as first argument."""
import concurrent.futures
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, users, submissions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
course, module = "comprendre-l-ia-generative", None


def opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def form_action(html, marker):
    match = re.search(r'<form[^>]*action="(/api/' + marker + r'[0-9]*)"', html)
    if not match:
        sys.exit(f"no form posting to {marker} found")
    return match.group(1)


def post(client, path, fields):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Accept": "application/json"})
    with client.open(request) as response:
        response.read()
        return response.status


anonymous = opener()
signup_page = anonymous.open(base + "/inscription").read().decode()
signup = form_action(signup_page, "sign_up")
unit = re.search(r'<option value="(\d+)"', signup_page).group(1)
course_page = anonymous.open(f"{base}/cours/{course}").read().decode()
module = re.search(rf'href="/cours/{course}/([a-z0-9-]+)"', course_page).group(1)
module_page = anonymous.open(f"{base}/cours/{course}/{module}").read().decode()

clients = []
stamp = int(time.time())
for n in range(users):
    client = opener()
    post(client, signup, {"display_name": f"Charge {n}", "email": f"charge{n}.{stamp}@exemple.gouv.fr",
                          "organization_id": unit, "password": "une phrase de passe pour la charge"})
    clients.append(client)
signed_in_page = clients[0].open(f"{base}/cours/{course}/{module}").read().decode()
submit = form_action(signed_in_page, "submit_quiz")
fields = {"course": course, "module": module, "quiz": "0", "answers[q0]": "0", "answers[q1]": "1"}


def worker(client):
    latencies = []
    for _ in range(submissions):
        start = time.perf_counter()
        status = post(client, submit, fields)
        latencies.append(time.perf_counter() - start)
        if status != 200:
            raise SystemExit(f"submission answered {status}")
    return latencies


start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=users) as pool:
    latencies = [l for result in pool.map(worker, clients) for l in result]
elapsed = time.perf_counter() - start
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f"Soumissions de quiz : {len(latencies)} par {users} agents connectés en parallèle")
print(f"  débit           {len(latencies) / elapsed:8.1f} soumissions/s")
print(f"  latence p50     {p(0.50):8.1f} ms")
print(f"  latence p99     {p(0.99):8.1f} ms")
print(f"  latence moyenne {statistics.mean(latencies) * 1000:8.1f} ms")
