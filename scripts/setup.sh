#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) the app needs, skipping whatever is
# already installed at the right version. Sourced by scripts/serve.sh and scripts/test.sh.
#
#   - the wasm32-unknown-unknown target (rustup)
#   - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock
#   - trunk 0.21 (0.22 needs a newer rustc than this project's)
#   - wasm-split-cli (crate wasm_split_cli_support), which cuts the release wasm into modules
#   - wasm-opt from binaryen 132 (npm package; Debian's binaryen 108 breaks the app)
#   - with --browser: Debian's chromium and chromium-driver, Debian's firefox-esr and geckodriver
#     (pinned, from crates.io: Mozilla's own releases are binaries, which this network cannot
#     fetch), for the end-to-end tests of the main workflows in Firefox; axe-core 4.14.1 (npm),
#     the accessibility rules the end-to-end tests run; LibreOffice's Writer without its desktop
#     (libreoffice-writer-nogui), poppler-utils and the Liberation fonts (metric twins of Times
#     New Roman), with which the end-to-end tests turn the app's .docx files into PDF, then PNG
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${PKM_TOOLS:-$HOME/.cache/pkm-tools}"
export PATH="$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "Installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first (https://rustup.rs)"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version (the version Cargo.lock pins; a few minutes)"
  # Without --locked: the registry here lacks one of its locked dependency versions.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "Installing trunk 0.21 (about 10 minutes on 2 cores)"
  # --locked: without it a newer CSS parser breaks its build.
  cargo install trunk --version '^0.21' --locked --force
fi

# openssl: the loader's subresource integrity hashes (scripts/build-wasm.sh).
command -v openssl >/dev/null || apt_install openssl

# The cutter of the wasm module (scripts/build-wasm.sh); its runtime half, wasm_split_helpers, comes
# with Leptos through Cargo.lock. Pinned: the two halves share an unstable format.
split_version=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$split_version:"; then
  say "Installing wasm-split-cli $split_version (about 3 minutes on 2 cores)"
  cargo install wasm_split_cli_support --version "$split_version" --features build-binary --locked --force
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  command -v npm >/dev/null || apt_install nodejs npm
  say "Installing wasm-opt (binaryen 132, from npm) into $tools"
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent binaryen@132)
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  # axe-core: the accessibility rules the end-to-end tests run on every screen (tests/e2e/src/axe.rs).
  axe_version=4.14.1
  if [ "$(node -p "require('$tools/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$axe_version" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "Installing axe-core $axe_version (from npm) into $tools"
    mkdir -p "$tools"
    (cd "$tools" && npm install --no-audit --no-fund --silent "axe-core@$axe_version")
  fi
  export PKM_TOOLS="$tools"
  # About 30 s to install Firefox ESR, and about 4 minutes of CPU to build geckodriver (more on a
  # busy machine); nothing once they are there. 0.37.1 is the newest geckodriver on crates.io,
  # and it builds with this project's rustc (1.95).
  command -v firefox-esr >/dev/null || apt_install firefox-esr
  gecko_version=0.37.1
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}')" != "$gecko_version" ]; then
    say "Installing geckodriver $gecko_version (from crates.io; about 4 minutes of CPU)"
    cargo install geckodriver --version "$gecko_version" --locked --force
  fi
  export FIREFOX_BIN="${FIREFOX_BIN:-$(command -v firefox-esr)}"
  export GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"
  # The .docx documents are opened by LibreOffice headless in the end-to-end tests (about 3
  # minutes and 400 MB the first time on 2 cores).
  if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    apt_install libreoffice-writer-nogui poppler-utils fonts-liberation2
  fi
fi

say "Tools ready: $(trunk --version), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(wasm-opt --version)"
