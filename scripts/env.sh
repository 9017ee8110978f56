# Shared settings for the project scripts (sourced, not run).
# Tools installed by scripts/bootstrap.sh live outside the repository so that they survive a fresh
# clone on the same machine.

CAMPUS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAMPUS_CACHE="${CAMPUS_CACHE:-$HOME/.cache/campus-ia}"
CAMPUS_TOOLS="$CAMPUS_CACHE/tools"
export PATH="$CAMPUS_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Python packages of the tests (aiosmtpd…) live in their own virtual environment.
CAMPUS_PYTHON_ENV="$CAMPUS_TOOLS/python"
export CAMPUS_TEST_PYTHON="$CAMPUS_PYTHON_ENV/bin/python"
# cargo-leptos reads the build target directory from cargo; the built site goes to target/site.
CARGO_TARGET="${CARGO_TARGET_DIR:-$CAMPUS_ROOT/target}"
SERVER_BIN="$CARGO_TARGET/release/server"
# cargo-leptos compiles with LEPTOS_OUTPUT_NAME set, and leptos reads it at compile time: every
# other cargo command must see the same value, or each would rebuild the whole Leptos stack.
export LEPTOS_OUTPUT_NAME=campus-ia
# Server function URLs carry a hash of the crate's folder unless this key is set: without it, two
# checkouts sharing one build cache (a working copy and CI's clone) produce a WebAssembly and a
# server that disagree on the URLs, and every island call answers 404.
export SERVER_FN_OVERRIDE_KEY=campus-ia
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$CAMPUS_ROOT/target/site}"

# Versions pinned here must match Cargo.lock (wasm-bindgen) and TOOLCHAIN notes.
CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$CAMPUS_ROOT/Cargo.lock")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Runs a command as root (directly, or through sudo when we are not root).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
