#!/usr/bin/env bash
# Runs every check and test: formatting and lints (native and wasm32), the native tests, a short
# fuzzing run (scripts/fuzz.sh), the browser tests (wasm-bindgen-test in headless Chromium), the
# release build with its size budget, the release archive (scripts/test-release.sh: built twice
# to the same bytes, served by nginx, the offline launcher), scripts/serve.sh staying idle once
# built, and the end-to-end tests against that build (in Chromium, and the main workflows in
# Firefox ESR). Installs missing tools first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --browser

# Each step's heading carries the time since this script started ("[mm:ss]"), and the step
# before it is timed when the next one begins; the list of step times is printed at the end.
# (SECONDS counts from the shell's start, so the tools' installation is in the first step.)
clock() { printf '%02d:%02d' $(($1 / 60)) $(($1 % 60)); }
step_name="" step_started=$SECONDS steps="  [$(clock "$SECONDS")] Tools (scripts/setup.sh)"$'\n'
end_step() {
  [ -n "$step_name" ] || return 0
  local took=$((SECONDS - step_started))
  printf '    (%s: %s)\n' "$step_name" "$(clock "$took")"
  steps="$steps$(printf '  [%s] %s' "$(clock "$took")" "$step_name")"$'\n'
}
say() {
  end_step
  step_name="$*" step_started=$SECONDS
  printf '\n==> [%s] %s\n' "$(clock "$SECONDS")" "$*"
}

# A one-off full run gains nothing from incremental caches, which would double target/'s size.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
disk() { df -h --output=avail . | tail -1 | tr -d ' '; }
printf '\n==> [%s] %s\n' "$(clock "$SECONDS")" "Free disk before building: $(disk) (a full run needs about 6 GB in target/)"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
count() { grep -E '^test result:' "$log" | awk '{p += $4; f += $6} END {printf "%d passed, %d failed", p, f}'; }

say "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

say "Lints, native (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Lints, wasm32 (cargo clippy -D warnings)"
cargo clippy -p phuong-kieu-mau -p pkm-core --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

say "Lints, wasm32 as the release build cuts it (cargo clippy -D warnings, --cfg pkm_split)"
source scripts/split-env.sh
RUSTFLAGS="$split_rustflags" cargo clippy -p phuong-kieu-mau --target wasm32-unknown-unknown \
  --target-dir "$split_target" --locked -- -D warnings

say "Layer 1: native tests (pure core, command-line tool, app logic)"
cargo test --workspace --exclude pkm-e2e --locked 2>&1 | tee "$log"
native="$(count)"

say "Fuzzing (short run): bundle reader, catalogue reader, merge (scripts/fuzz.sh)"
fuzz_started=$SECONDS
scripts/fuzz.sh "${PKM_FUZZ_SECONDS:-20}"
fuzz="$((SECONDS - fuzz_started)) s, no crash"

say "Layer 2: browser tests (wasm-bindgen-test in headless Chromium)"
cargo test -p phuong-kieu-mau --target wasm32-unknown-unknown --test browser --locked 2>&1 | tee "$log"
browser="$(count)"

say "Release build (trunk build --release)"
trunk build --release --offline
scripts/size.sh

say "Release: built twice to the same bytes, served by nginx as docs/deploy.md says, and the offline launcher (scripts/test-release.sh)"
release_started=$SECONDS
scripts/test-release.sh
release="$((SECONDS - release_started)) s"

say "Serving: scripts/serve.sh builds once, then stays idle for 2 minutes (scripts/test-serve-idle.sh)"
scripts/test-serve-idle.sh

say "Layer 3: end-to-end tests (ChromeDriver + Chromium against the release build)"
# The release's own end-to-end tests (--test release) ran in the release step above; the
# Firefox tests (firefox::) run in the next step.
cargo test -p pkm-e2e --locked --lib --bins --test app -- --test-threads=2 --skip firefox:: 2>&1 | tee "$log"
e2e="$(count)"

say "Layer 3, Firefox: the main workflows in Firefox ESR (geckodriver + firefox-esr against the release build)"
cargo test -p pkm-e2e --locked --test app firefox:: -- --test-threads=2 2>&1 | tee "$log"
e2e_firefox="$(count)"

end_step
step_name=""
printf '\nTime per step (mm:ss):\n%s' "$steps"
say "All tests passed"
echo "  target/ holds $(du -sh "${CARGO_TARGET_DIR:-target}" 2>/dev/null | cut -f1); free disk now: $(disk)"
printf '  layer 1, native:      %s\n  fuzzing, short run:   %s\n  layer 2, browser:     %s\n  release (2 builds, nginx, launcher): %s\n  layer 3, end-to-end:  %s\n  layer 3, Firefox ESR: %s\n' "$native" "$fuzz" "$browser" "$release" "$e2e" "$e2e_firefox"
