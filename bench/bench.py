#!/usr/bin/env python3
"""The headline benchmark, driven by bench/run.sh (which builds and installs first).

In one run, on this machine:
  1. start-up time of a server that imports 1,000 modules into a fresh SQLite database, then
     of its restart on the same, unchanged content;
  2. requests/s and p50/p99 latency (wrk) for the catalogue, a module page, a quiz submission
     and an atelier message, made in turn by 16 signed-up agents on the seeded demo database, next to
     nginx serving the same module page as a static file; then the content-hashed CSS and
     WebAssembly with `Accept-Encoding: br` (and a session cookie, as a signed-in browser sends
     them), next to nginx serving the same files with its brotli_static module;
  3. the WebAssembly, JavaScript and CSS sizes, raw and as the server sends them (gzip, brotli);
  4. the server's resident memory after the load.
Prints one table and, with --write, replaces the generated section of BENCHMARKS.md.
Talks only to servers it starts on 127.0.0.1. Asserts nothing about speed: it fails only when a
request fails (a non-2xx/3xx answer, a socket error or a refused atelier message), because then
the figures would not mean what they say."""
import glob
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.environ["SERVER_BIN"]
SITE_ROOT = os.environ["LEPTOS_SITE_ROOT"]
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
# One wrk thread: on a 2-core machine the load generator then takes one core at most and the
# server under test (ours or nginx, alike) keeps the other.
THREADS = os.environ.get("BENCH_THREADS", "1")
COURSE = "comprendre-l-ia-generative"
SCENARIO = "repondre-a-un-usager"
# Requests rotate over this many signed-in agents, as on a real server: one agent with thousands
# of quiz attempts or atelier messages would measure an unlikely history, not the server.
AGENTS = int(os.environ.get("BENCH_AGENTS", "16"))
MESSAGE = ("Vous êtes agent du service scolaire. Contexte : un usager n'a pas reçu sa facture de "
           "cantine. Rédigez une réponse de dix lignes au plus, sur un ton cordial pour un usager, "
           "sans inventer de règle, à partir du message ci-dessous.")
MARKER_START = "<!-- bench/run.sh: début -->"
MARKER_END = "<!-- bench/run.sh: fin -->"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, process, timeout=120.0):
    """Polls `url` every 5 ms; returns the seconds it took, or exits if the process died."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            sys.exit(f"le serveur s'est arrêté au démarrage (code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.005)
    sys.exit(f"{url} ne répond pas après {timeout:.0f} s")


def start_server(work, database, port, courses_dir, log_name, extra_env=None):
    env = dict(os.environ, DATABASE_URL=f"sqlite://{database}?mode=rwc", LEPTOS_SITE_ADDR=f"127.0.0.1:{port}",
               CAMPUS_COURSES_DIR=courses_dir, RUST_LOG="warn", **(extra_env or {}))
    log = open(os.path.join(work, log_name), "w")
    return subprocess.Popen([SERVER, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def measure_startup(work):
    """Cold: fresh database, migrations and 1,000 modules imported before the port opens.
    Warm: the same server restarted on the same content, which it finds unchanged."""
    generated = os.path.join(work, "cours-generes")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate_courses.py"), generated, "50", "20"], check=True)
    database = os.path.join(work, "demarrage.db")
    figures = []
    for run in ("cold", "warm"):
        port = free_port()
        started = time.perf_counter()
        process = start_server(work, database, port, generated, f"demarrage-{run}.log")
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process, timeout=600)
        figures.append(time.perf_counter() - started)
        modules = page_count(f"http://127.0.0.1:{port}/cours", r'href="/cours/cours-\d+"')
        stop(process)
        if modules != 50:
            sys.exit(f"le catalogue montre {modules} cours générés au lieu de 50")
    return figures


def page_count(url, pattern):
    with urllib.request.urlopen(url) as response:
        return len(set(re.findall(pattern, response.read().decode())))


def sign_up_agents(base, count):
    """Creates `count` agent accounts through the sign-up form; returns a signed-in client for
    the first one and every account's session cookie."""
    signup_page = urllib.request.urlopen(base + "/inscription").read().decode()
    action = form_action(signup_page, "sign_up")
    unit = re.search(r'<option value="(\d+)"', signup_page).group(1)
    clients, cookies = [], []
    stamp = int(time.time())
    for n in range(count):
        jar = http.cookiejar.CookieJar()
        client = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        data = urllib.parse.urlencode({"display_name": f"Agent de charge {n}", "email": f"charge{n}.{stamp}@exemple.gouv.fr",
                                       "organization_id": unit, "password": "une phrase de passe pour la charge"}).encode()
        client.open(urllib.request.Request(base + action, data=data, headers={"Accept": "application/json"})).read()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        if not cookie:
            sys.exit("l'inscription d'un agent de charge n'a pas donné de cookie de session")
        clients.append(client)
        cookies.append(cookie)
    return clients[0], cookies


def form_action(html, name):
    match = re.search(r'<form[^>]*action="(/api/' + name + r'[0-9]*)"', html)
    if not match:
        sys.exit(f"aucun formulaire vers {name} sur la page")
    return match.group(1)


def probe(url, cookie, body, expected):
    request = urllib.request.Request(url, data=body.encode(), headers={
        "Cookie": cookie, "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as response:
        answer = response.read().decode()
    if expected not in answer:
        sys.exit(f"{url} n'a pas répondu ce qui est mesuré (attendu {expected}) : {answer[:300]}")


def lua_literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_script(work, name, method, path, cookies, body=None, every_tenth=None, extra_headers=None):
    """A wrk script whose requests rotate over the agents' session cookies. `every_tenth`
    (path, body) replaces each agent's tenth request: the atelier clears the conversation that
    way, so it never reaches its 40-message limit. The response hook counts atelier refusals,
    which would make the figure meaningless."""
    lines = [f"local cookies = {{{', '.join(lua_literal(c) for c in cookies)}}}", "local sent = {}", "local n = 0",
             "refused = 0", "request = function()", "  n = n + 1", "  local agent = (n % #cookies) + 1",
             "  sent[agent] = (sent[agent] or 0) + 1",
             '  local headers = {["Cookie"] = cookies[agent], ["Accept"] = "application/json", '
             '["Content-Type"] = "application/x-www-form-urlencoded"}']
    for header, value in (extra_headers or {}).items():
        lines.append(f"  headers[{lua_literal(header)}] = {lua_literal(value)}")
    if every_tenth:
        lines.append(f'  if sent[agent] % 10 == 0 then return wrk.format("POST", {lua_literal(every_tenth[0])}, headers, '
                     f'{lua_literal(every_tenth[1])}) end')
    lines.append(f'  return wrk.format({lua_literal(method)}, {lua_literal(path)}, headers, '
                 f'{lua_literal(body) if body else "nil"})')
    lines.append("end")
    if every_tenth:
        lines += ["response = function(status, headers, body)",
                  '  if string.find(body, \'"refusal":"\', 1, true) then refused = refused + 1 end',
                  "end"]
    lines += ["local threads = {}", "setup = function(thread) table.insert(threads, thread) end",
              "done = function(summary, latency, requests)",
              "  local total = 0",
              '  for _, thread in ipairs(threads) do total = total + thread:get("refused") end',
              '  io.write(string.format("refused %d\\n", total))',
              "end"]
    script = os.path.join(work, f"{name}.lua")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    return script


def wrk(url, script=None, duration=DURATION, headers=()):
    """Requests/s, p50 and p99 of `url` (through `script` if given, which sends its own headers)."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output, url)


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output, url):
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    refused = re.search(r"refused (\d+)", output)
    problems = []
    if failures:
        problems.append(f"{failures.group(1)} réponses en erreur")
    if errors and any(int(n) for n in errors.groups()):
        problems.append(f"erreurs de connexion {errors.groups()}")
    if refused and int(refused.group(1)):
        problems.append(f"{refused.group(1)} messages refusés par l'atelier")
    if problems:
        sys.exit(f"{url} : {', '.join(problems)} — les chiffres ne vaudraient rien\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
    }


BROTLI_STATIC = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def start_nginx(work, pages):
    """nginx serving each measured page as a file (`pages`: file name → HTML) and a copy of the
    built /pkg folder, with precompressed copies chosen by Accept-Encoding as Campus IA does
    (brotli_static, gzip_static; the copies written by `server assets compress`)."""
    static = os.path.join(work, "statique")
    os.makedirs(static)
    for name, html in pages.items():
        with open(os.path.join(static, name), "w") as f:
            f.write(html)
    shutil.copytree(os.path.join(SITE_ROOT, "pkg"), os.path.join(static, "pkg"))
    subprocess.run([SERVER, "assets", "compress", static], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(BROTLI_STATIC):
        sys.exit(f"{BROTLI_STATIC} manque : scripts/bootstrap.sh --bench installe libnginx-mod-http-brotli-static")
    port = free_port()
    config = os.path.join(work, "nginx.conf")
    with open(config, "w") as f:
        # Workers as root: the temporary folder is private to this user.
        f.write(f"""load_module {BROTLI_STATIC};
user root;
worker_processes auto;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-erreurs.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path {work}/nginx-temp;
  server {{
    listen 127.0.0.1:{port};
    root {static};
    default_type text/html;
    brotli_static on;
    gzip_static on;
    location /pkg/ {{
      types {{ text/css css; text/javascript js; application/wasm wasm; }}
      add_header Cache-Control "public, max-age=31536000, immutable";
    }}
  }}
}}
""")
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", config, "-p", work], stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/{next(iter(pages))}", process)
    return process, f"http://127.0.0.1:{port}"


BROWSER_ENCODINGS = "gzip, deflate, br"
LIGHTHOUSE = os.path.join(ROOT, "bench", "lighthouse", "node_modules", ".bin", "lighthouse")


def fetch_kept(url):
    """A visitor's page, asked twice: the second answer must come from the page cache, or the
    visitor rows would measure the renderer."""
    urllib.request.urlopen(url).read()
    with urllib.request.urlopen(url) as response:
        if response.headers.get("X-Campus-Cache") != "hit":
            sys.exit(f"{url} : la page d'un visiteur n'est pas servie depuis le cache des pages")
        return response.read().decode()


def measure_quiz_on(work, database_url, servers, module):
    """The quiz-submission row on another database (PostgreSQL): demo data, 16 agents, wrk."""
    seed_env = dict(os.environ, DATABASE_URL=database_url, CAMPUS_COURSES_DIR="courses")
    subprocess.run([SERVER, "demo", "seed"], env=seed_env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, LEPTOS_SITE_ADDR=f"127.0.0.1:{port}",
               CAMPUS_COURSES_DIR=os.path.join(ROOT, "courses"), RUST_LOG="warn")
    log = open(os.path.join(work, "serveur-postgres.log"), "w")
    server = subprocess.Popen([SERVER, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    servers.append(server)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/healthz", server)
    client, cookies = sign_up_agents(base, AGENTS)
    html = client.open(f"{base}/cours/{COURSE}/{module}").read().decode()
    submit = form_action(html, "submit_quiz")
    body = urllib.parse.urlencode({"course": COURSE, "module": module, "quiz": "0", "answers[q0]": "0", "answers[q1]": "1"})
    probe(base + submit, cookies[0], body, '"passed":')
    return wrk(base + submit, write_script(work, "quiz-postgres", "POST", submit, cookies, body))


def lighthouse_scores(work, pages):
    """Lighthouse's performance, accessibility and best-practice scores (0–100) of each page, in
    its default mobile emulation, with Debian's Chromium."""
    chromium = shutil.which("chromium") or sys.exit("chromium manque : scripts/bootstrap.sh --bench l'installe")
    words = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.split()
    version = next((w for w in words if w[:1].isdigit()), "?")
    results = []
    for label, url in pages:
        report = os.path.join(work, "lighthouse.json")
        subprocess.run([LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
                        "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       check=True, env=dict(os.environ, CHROME_PATH=chromium))
        with open(report) as f:
            data = __import__("json").load(f)
        if data.get("runtimeError"):
            sys.exit(f"Lighthouse n'a pas pu mesurer {url} : {data['runtimeError']}")
        scores = {key: round(category["score"] * 100) for key, category in data["categories"].items()}
        results.append((label, scores))
    return {"version": data["lighthouseVersion"], "chromium": version, "pages": results}


def transfer_sizes(base, path, cookie=None):
    """Bytes on the wire for `path` without compression, as the server compresses it for each
    encoding alone, and for a browser's `Accept-Encoding` (for the agent whose session `cookie`
    is given, if any)."""
    sizes = {}
    for encoding in ("identity", "gzip", "br", BROWSER_ENCODINGS):
        headers = {"Accept-Encoding": encoding, **({"Cookie": cookie} if cookie else {})}
        request = urllib.request.Request(base + path, headers=headers)
        with urllib.request.urlopen(request) as response:
            sent = response.headers.get("Content-Encoding", "identity")
            sizes[encoding] = (len(response.read()), sent)
    return sizes


def asset_names(page_html):
    """The CSS, JS and WebAssembly file names a page links (content-hashed by the build)."""
    names = {}
    for kind in ("css", "js", "wasm"):
        match = re.search(r'href="/pkg/(campus-ia[A-Za-z0-9_.-]*\.' + kind + ')"', page_html)
        if not match:
            sys.exit(f"la page ne lie aucun fichier /pkg/campus-ia….{kind}")
        names[kind] = match.group(1)
    return names


def lazy_files(page_html):
    """The files a page's islands load after the main WebAssembly (`cargo leptos build --split`):
    the split loader script and, for each island on the page, its chunks, from the manifest."""
    pkg = os.path.join(SITE_ROOT, "pkg")
    manifests = [f for f in os.listdir(pkg) if f.startswith("__wasm_split_manifest.") and f.endswith(".json")]
    loaders = [f for f in os.listdir(pkg) if f.startswith("__wasm_split.") and f.endswith(".js")]
    if not manifests or not loaders:
        return []
    with open(os.path.join(pkg, manifests[0])) as f:
        manifest = json.load(f)
    files = set()
    for key, chunks in manifest.items():
        island = "".join(part.capitalize() for part in key.split("_loader_")[0].split("_"))
        if island in page_html:
            files.update(f"{chunk}.wasm" for chunk in chunks)
    return ([loaders[0]] if files else []) + sorted(files)


def check_asset(url, headers, expected_encoding, expected_cache):
    """One request as wrk will send it: the answer must be the precompressed copy, cached for a
    year, or the figure would measure something else."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request) as response:
        response.read()
        encoding = response.headers.get("Content-Encoding")
        cache = response.headers.get("Cache-Control")
        cookie = response.headers.get("Set-Cookie")
    if encoding != expected_encoding or cache != expected_cache or cookie:
        sys.exit(f"{url} : Content-Encoding {encoding}, Cache-Control {cache}, Set-Cookie {cookie} "
                 f"(attendu {expected_encoding}, {expected_cache}, aucun cookie)")
    return cache


def resident_memory(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory = int(info.readline().split()[1]) / 1024 / 1024
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
    nginx_version = subprocess.run(["/usr/sbin/nginx", "-v"], capture_output=True, text=True).stderr.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}; "
            f"{wrk_version.split(' [')[0]}, {nginx_version.replace('nginx version: ', '')}; "
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} on the same machine")


def main():
    write = "--write" in sys.argv
    work = tempfile.mkdtemp(prefix="campus-bench.")
    servers = []
    try:
        cold, warm = measure_startup(work)

        database = os.path.join(work, "demo.db")
        seed_env = dict(os.environ, DATABASE_URL=f"sqlite://{database}?mode=rwc", CAMPUS_COURSES_DIR="courses")
        subprocess.run([SERVER, "demo", "seed"], env=seed_env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        port = free_port()
        # The atelier allows 10 messages a minute per agent; the benchmark sends thousands from one.
        server = start_server(work, database, port, os.path.join(ROOT, "courses"), "serveur.log",
                              {"CAMPUS_SANDBOX_MESSAGES_PER_MINUTE": "100000000"})
        servers.append(server)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/healthz", server)

        client, cookies = sign_up_agents(base, AGENTS)
        course_page = client.open(f"{base}/cours/{COURSE}").read().decode()
        module = re.search(rf'href="/cours/{COURSE}/([a-z0-9-]+)"', course_page).group(1)
        module_path = f"/cours/{COURSE}/{module}"
        module_html = client.open(base + module_path).read().decode()
        submit = form_action(module_html, "submit_quiz")
        atelier_html = client.open(f"{base}/atelier/{SCENARIO}").read().decode()
        send, clear = form_action(atelier_html, "send_practice_message"), form_action(atelier_html, "clear_practice")
        quiz_body = urllib.parse.urlencode({"course": COURSE, "module": module, "quiz": "0",
                                            "answers[q0]": "0", "answers[q1]": "1"})
        message_body = urllib.parse.urlencode({"scenario": SCENARIO, "message": MESSAGE})
        clear_body = urllib.parse.urlencode({"scenario": SCENARIO})

        # Each measured request is sent once first and its answer checked, so that the figures
        # are those of the real work (a graded attempt, an assistant reply), not of an error path.
        probe(base + submit, cookies[0], quiz_body, '"passed":')
        probe(base + send, cookies[0], message_body, '"refusal":null')
        # What a visitor (not signed in) receives: answered from the page cache.
        visitor_catalogue = fetch_kept(base + "/cours")
        visitor_module = fetch_kept(base + module_path)
        catalogue_html = client.open(base + "/cours").read().decode()
        nginx, nginx_base = start_nginx(work, {"module.html": module_html, "catalogue.html": catalogue_html,
                                               "visiteur-module.html": visitor_module, "visiteur-catalogue.html": visitor_catalogue})
        servers.append(nginx)
        names = asset_names(module_html)
        get = lambda name, path: write_script(work, name, "GET", path, cookies)
        browser = ["Accept-Encoding: " + BROWSER_ENCODINGS]
        # (label, our URL, our wrk script, our headers, nginx's file, nginx's headers)
        cases = [
            ("Catalogue `/cours`, visitor", base + "/cours", None, [], "visiteur-catalogue.html", []),
            ("Module page, visitor", base + module_path, None, [], "visiteur-module.html", []),
            (f"Module page, visitor, `Accept-Encoding: {BROWSER_ENCODINGS}`", base + module_path, None, browser, "visiteur-module.html", browser),
            ("Catalogue `/cours`, signed in", base + "/cours", get("catalogue", "/cours"), [], "catalogue.html", []),
            ("Module page, signed in", base + module_path, get("module", module_path), [], "module.html", []),
            (f"Module page, signed in, `Accept-Encoding: {BROWSER_ENCODINGS}`", base + module_path, write_script(work, "module-navigateur", "GET", module_path, cookies,
             extra_headers={"Accept-Encoding": BROWSER_ENCODINGS}), [], "module.html", browser),
            ("Quiz submission", base + submit, write_script(work, "quiz", "POST", submit, cookies, quiz_body), [], "module.html", []),
            ("Atelier message", base + send,
             write_script(work, "atelier", "POST", send, cookies, message_body, (clear, clear_body)), [], "module.html", []),
        ]
        wrk(nginx_base + "/module.html", duration="2s")
        wrk(base + module_path, get("chauffe", module_path), duration="2s")
        rows = []
        for label, url, script, headers, static_file, static_headers in cases:
            ours = wrk(url, script, headers=headers)
            static = wrk(f"{nginx_base}/{static_file}", headers=static_headers)
            rows.append((label, ours, static))
        # The files a browser fetches with a page: what it sends (a session cookie, brotli
        # accepted), next to nginx serving the same precompressed files.
        asset_headers = ["Accept-Encoding: br", "Cookie: " + cookies[0]]
        immutable = "public, max-age=31536000, immutable"
        for kind, label in (("css", "Stylesheet"), ("wasm", "WebAssembly")):
            path = f"/pkg/{names[kind]}"
            asset_cache = check_asset(base + path, asset_headers, "br", immutable)
            check_asset(nginx_base + path, asset_headers[:1], "br", immutable)
            ours = wrk(base + path, headers=asset_headers)
            static = wrk(nginx_base + path, headers=asset_headers[:1])
            rows.append((f"{label} `/pkg/campus-ia.<hash>.{kind}`, brotli", ours, static))
        postgres = os.environ.get("CAMPUS_TEST_POSTGRES_URL")
        if postgres:
            rows.append(("Quiz submission, PostgreSQL (test instance: fsync off)",
                         measure_quiz_on(work, postgres, servers, module), wrk(nginx_base + "/module.html")))
        lighthouse = lighthouse_scores(work, [("Home `/`", base + "/"), ("Catalogue `/cours`", base + "/cours"),
                                              ("Module page", base + module_path)])
        rss, peak = resident_memory(server.pid)

        assets = {name: os.path.join(SITE_ROOT, "pkg", names[name]) for name in ("wasm", "js", "css")}
        sizes = {name: (os.path.getsize(path), transfer_sizes(base, f"/pkg/{names[name]}"))
                 for name, path in assets.items()}
        module_sizes = transfer_sizes(base, module_path)
        # What each page's islands fetch after the main WebAssembly, brotli as sent.
        lazy = {}
        for page_label, page_path, cookie in (("module page (visitor)", module_path, None),
                                              ("module page (signed-in agent, quiz island)", module_path, cookies[0]),
                                              ("atelier scenario (signed-in agent, chat island)", f"/atelier/{SCENARIO}", cookies[0]),
                                              ("home page", "/", None)):
            request = urllib.request.Request(base + page_path, headers={"Cookie": cookie} if cookie else {})
            with urllib.request.urlopen(request) as response:
                files = lazy_files(response.read().decode())
            lazy[page_label] = (files, sum(transfer_sizes(base, f"/pkg/{name}")["br"][0] for name in files))
        assets_sent = sum(sent["br"][0] for _, sent in sizes.values())
        first_visit = module_sizes["br"][0] + assets_sent + lazy["module page (visitor)"][1]
        # Gzip spliced from the template's compressed pieces (server::spliced_gzip), as a browser gets it.
        signed_in_html = transfer_sizes(base, module_path, cookies[0])[BROWSER_ENCODINGS][0]
        first_visit_signed_in = signed_in_html + assets_sent + lazy["module page (signed-in agent, quiz island)"][1]
    except BaseException:
        # The server's own account of a failed measure, before its folder goes.
        for log in sorted(glob.glob(os.path.join(work, "serveur*.log"))):
            with open(log) as f:
                print(f"--- {os.path.basename(log)} (fin) ---\n" + "".join(f.readlines()[-30:]), file=sys.stderr)
        raise
    finally:
        for process in servers:
            stop(process)
        shutil.rmtree(work, ignore_errors=True)

    kib = lambda n: f"{n / 1024:,.1f} KiB"
    report = [
        f"Machine: {machine()}. Demo SQLite database (`server demo seed`); requests go in turn through "
        f"{AGENTS} signed-in agents; nginx serves the same module HTML saved as a file, with its default settings, "
        f"and the same precompressed `/pkg` files (brotli_static).",
        "",
        "| request | Campus IA req/s | p50 | p99 | nginx (static file) req/s | p50 | p99 | Campus IA / nginx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, ours, static in rows:
        report.append(f"| {label} | {ours['rps']:,.0f} | {ours['p50']:.2f} ms | {ours['p99']:.2f} ms | "
                      f"{static['rps']:,.0f} | {static['p50']:.2f} ms | {static['p99']:.2f} ms | "
                      f"{ours['rps'] / static['rps'] * 100:.1f} % |")
    report += ["", "| file | raw | gzip (as sent) | brotli (as sent) |", "| --- | ---: | ---: | ---: |"]
    for name, (raw, sent) in list(sizes.items()) + [("module (HTML)", (module_sizes["identity"][0], module_sizes))]:
        label = f"`campus-ia.<hash>.{name}`" if name in assets else "Module page (HTML, visitor)"
        cells = [kib(sent[e][0]) + ("" if sent[e][1] == e else f" (not compressed: {sent[e][1]})") for e in ("gzip", "br")]
        report.append(f"| {label} | {kib(raw)} | {cells[0]} | {cells[1]} |")
    report += [
        "",
        f"- Start-up with 1,000 modules (50 courses × 20) on a fresh database, migrations and import included, "
        f"until the first `/healthz` 200: **{cold:.2f} s**; restart on the same, unchanged content: **{warm:.2f} s**.",
        *[f"- WebAssembly a {page} fetches (the main file {kib(sizes['wasm'][1]['br'][0])}, then its islands' "
          f"{len(files)} lazy files {kib(extra)}): **{kib(sizes['wasm'][1]['br'][0] + extra)}** brotli as sent."
          for page, (files, extra) in lazy.items()],
        f"- First visit of a module page by a visitor (HTML, CSS, JavaScript and WebAssembly, brotli as sent): "
        f"**{kib(first_visit)}**; a repeat visit downloads the HTML only ({kib(module_sizes['br'][0])}, or a 304 when unchanged).",
        f"- First visit of the same module page by a signed-in agent with its quiz to take (HTML {kib(signed_in_html)}, "
        f"CSS, JavaScript, the main WebAssembly and the quiz island's lazy files, as sent for a browser's `Accept-Encoding`: gzip for this page, brotli for the files): **{kib(first_visit_signed_in)}**.",
        f"- Resident memory of the server after the load: **{rss:.0f} MiB** (peak: {peak:.0f} MiB).",
        f"- `/pkg` files: content-hashed names, `Cache-Control: {asset_cache}`, sent from the copies "
        f"compressed at build (`server assets compress`): a repeat visit downloads only the HTML.",
        f"- Requests served by Campus IA during the measurement: {sum(r[1]['requests'] for r in rows):,}, "
        f"all 2xx/3xx, no atelier message refused.",
    ]
    report += ["", f"Lighthouse {lighthouse['version']} (mobile emulation, Debian's Chromium {lighthouse['chromium']}), "
               "on the same server after the load:", "",
               "| page | performance | accessibility | best practices |", "| --- | ---: | ---: | ---: |"]
    for label, scores in lighthouse["pages"]:
        report.append(f"| {label} | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} |")
    text = "\n".join(report)
    print(text)
    if write:
        path = os.path.join(ROOT, "BENCHMARKS.md")
        with open(path) as f:
            current = f.read()
        section = f"{MARKER_START}\n{text}\n{MARKER_END}"
        if MARKER_START in current:
            current = re.sub(re.escape(MARKER_START) + ".*?" + re.escape(MARKER_END), lambda _: section, current, flags=re.S)
        else:
            current = current.rstrip("\n") + "\n\n" + section + "\n"
        with open(path, "w") as f:
            f.write(current)
        print(f"\n→ {path} updated")


if __name__ == "__main__":
    main()
