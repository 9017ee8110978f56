#!/usr/bin/env bash
# Installs whatever is missing to build and run Campus IA (and, with --test, to test it), from the
# package registries only: crates.io, npm and Debian. Safe to run again: present tools are skipped
# in well under a second each. --bench adds the load generator (wrk) and the static-file reference
# server (nginx) that bench/run.sh needs.
set -euo pipefail
source "$(dirname "$0")/env.sh"

with_test_tools=false
with_bench_tools=false
[ "${1:-}" = "--test" ] && with_test_tools=true
[ "${1:-}" = "--bench" ] && with_bench_tools=true

apt_updated=false
apt_install() {
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) est introuvable : installez-le avec rustup avant de continuer." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Ajout de la cible wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "Installation de cargo-leptos $CARGO_LEPTOS_VERSION (une vingtaine de minutes la première fois)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "Installation de wasm-bindgen-cli $WASM_BINDGEN_VERSION (version du Cargo.lock)"
  # No --locked: its lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "Installation de Node.js (pour wasm-opt et les tests de bout en bout)"
  apt_install nodejs npm
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "Installation de wasm-opt (paquet npm binaryen@$BINARYEN_VERSION)"
  mkdir -p "$CAMPUS_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$CAMPUS_TOOLS" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if $with_test_tools; then
  if ! command -v chromium >/dev/null; then
    say "Installation de Chromium (paquet Debian) pour les tests de bout en bout"
    apt_install chromium
  fi
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    say "Installation de PostgreSQL (paquet Debian) pour les tests d'intégration"
    apt_install postgresql
  fi
  requirements="$CAMPUS_ROOT/tests/python-requirements.txt"
  stamp="$CAMPUS_PYTHON_ENV/.requirements"
  if [ ! -x "$CAMPUS_TEST_PYTHON" ] || ! cmp -s "$requirements" "$stamp"; then
    say "Installation des paquets PyPI des tests (aiosmtpd, scim2-tester, openai…) dans $CAMPUS_PYTHON_ENV"
    [ -x "$CAMPUS_TEST_PYTHON" ] || python3 -m venv "$CAMPUS_PYTHON_ENV"
    "$CAMPUS_TEST_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
  fi
  oidc="$CAMPUS_ROOT/tests/oidc"
  if [ ! -d "$oidc/node_modules" ] || [ "$oidc/package-lock.json" -nt "$oidc/node_modules/.package-lock.json" ]; then
    say "Installation du fournisseur OpenID Connect de test (paquet npm oidc-provider)"
    npm ci --silent --no-audit --no-fund --prefix "$oidc" >/dev/null
  fi
  xapi="$CAMPUS_ROOT/tests/xapi"
  if [ ! -d "$xapi/node_modules" ] || [ "$xapi/package-lock.json" -nt "$xapi/node_modules/.package-lock.json" ]; then
    say "Installation du client xAPI de test (paquet npm @xapi/xapi)"
    npm ci --silent --no-audit --no-fund --prefix "$xapi" >/dev/null
  fi
  e2e="$CAMPUS_ROOT/tests/e2e"
  if [ ! -d "$e2e/node_modules" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
    say "Installation des dépendances npm des tests de bout en bout"
    npm ci --silent --no-audit --no-fund --prefix "$e2e" >/dev/null
  fi
fi

if $with_bench_tools; then
  # nginx sends the same precompressed /pkg files as Campus IA (brotli_static, gzip_static).
  if ! command -v wrk >/dev/null || [ ! -x /usr/sbin/nginx ] || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    say "Installation de wrk et nginx (paquets Debian) pour les mesures de performance"
    apt_install wrk nginx-light libnginx-mod-http-brotli-static
  fi
  # Lighthouse (pinned in bench/lighthouse/package-lock.json) drives Debian's Chromium.
  if ! command -v chromium >/dev/null; then
    apt_install chromium
  fi
  lighthouse="$CAMPUS_ROOT/bench/lighthouse"
  if [ ! -d "$lighthouse/node_modules" ] || [ "$lighthouse/package-lock.json" -nt "$lighthouse/node_modules/.package-lock.json" ]; then
    say "Installation de Lighthouse (paquet npm lighthouse) pour les mesures de performance"
    npm ci --silent --no-audit --no-fund --prefix "$lighthouse" >/dev/null
  fi
fi
