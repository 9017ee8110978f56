#!/usr/bin/env python3
"""Sends quiz submissions to a running server as fast as it answers, from one signed-up agent,
until the server goes away or COUNT submissions were sent. Writes to OUT how many attempts the
server acknowledged (the answers that carried a correction). Used by
tests/faults.sh, which kills the server in the middle."""
import http.cookiejar
import json
import re
import sys
import time
import urllib.parse
import urllib.request

base, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
course = "comprendre-l-ia-generative"
client = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def action(html, name):
    return re.search(r'<form[^>]*action="(/api/' + name + r'[0-9]*)"', html).group(1)


signup_page = client.open(base + "/inscription").read().decode()
unit = re.search(r'<option value="(\d+)"', signup_page).group(1)
fields = {"display_name": "Agent Rafale", "email": f"rafale.{time.time_ns()}@exemple.gouv.fr",
          "organization_id": unit, "password": "une phrase de passe pour la rafale"}
client.open(urllib.request.Request(base + action(signup_page, "sign_up"), data=urllib.parse.urlencode(fields).encode(),
                                   headers={"Accept": "application/json"})).read()
course_page = client.open(f"{base}/cours/{course}").read().decode()
module = re.search(rf'href="/cours/{course}/([a-z0-9-]+)"', course_page).group(1)
page = client.open(f"{base}/cours/{course}/{module}").read().decode()
submit = action(page, "submit_quiz")
acknowledged = 0
with open(out, "w") as f:
    f.write(f"{module}\n0\n")
for n in range(count):
    data = urllib.parse.urlencode({"course": course, "module": module, "quiz": "0", "answers[q0]": str(n % 3)}).encode()
    try:
        with client.open(urllib.request.Request(base + submit, data=data, headers={"Accept": "application/json"}), timeout=5) as r:
            view = json.loads(r.read())
        # One graded attempt acknowledged (the answer carries its correction).
        if "passed" in view:
            acknowledged += 1
        with open(out, "w") as f:
            f.write(f"{module}\n{acknowledged}\n")
    except Exception:
        break
