#!/usr/bin/env bash
# Fuzzes the core's untrusted-input doors and merge (issue 7): builds the cargo-fuzz targets in
# tests/fuzz and runs each for the given number of seconds (default 20) on its committed seed corpus
# in tests/fuzz/corpus/<target>/. Fails if any target crashes, panics, times out or runs out of
# memory. Installs cargo-fuzz first if it is missing.
#
#   scripts/fuzz.sh              # the short run CI does (scripts/test.sh), about 20 s per target
#   scripts/fuzz.sh 3600         # an hour per target
#   scripts/fuzz.sh 600 merge    # only the named targets
#
# - The toolchain is stable: libFuzzer's compiler flags are nightly-only, so RUSTC_BOOTSTRAP=1
#   lets stable accept them. No sanitizer (the core forbids unsafe code); debug assertions and
#   overflow checks are on.
# - The seed corpus is read only. New inputs the fuzzer finds go to a scratch directory, deleted at
#   the end, or to $PKM_FUZZ_WORK/<target>/ if set (keep it between long runs to build on them).
# - A crashing input lands in tests/fuzz/artifacts/<target>/ (ignored by git); the script prints
#   how to reproduce and minimise it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Under the main target/ (ignored by git, and outside the folders tests/tidy.rs scans), not in
# tests/fuzz/target, which cargo-fuzz would pick by default.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/fuzz}"

say() { printf '\n==> %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first (https://rustup.rs)"; exit 1; }

if ! cargo fuzz --version 2>/dev/null | grep -q '^cargo-fuzz 0\.13\.'; then
  say "Installing cargo-fuzz 0.13 (about a minute on 2 cores)"
  cargo install cargo-fuzz --version '^0.13' --locked --force
fi

flags=(--fuzz-dir tests/fuzz --sanitizer none --debug-assertions)

say "Formatting and lints of the fuzz targets (cargo fmt --check, cargo clippy -D warnings)"
cargo fmt --manifest-path tests/fuzz/Cargo.toml -- --check
cargo clippy --manifest-path tests/fuzz/Cargo.toml --all-targets --locked -- -D warnings

say "Building the fuzz targets (release, debug assertions, no sanitizer)"
started=$SECONDS
cargo fuzz build "${flags[@]}"
echo "  built in $((SECONDS - started)) s"

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list --fuzz-dir tests/fuzz)
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=()
summary=()
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  [ -d "$seeds" ] || { echo "no seed corpus at $seeds"; exit 1; }
  work="${PKM_FUZZ_WORK:+$PKM_FUZZ_WORK/$target}"
  work="${work:-$scratch/$target}"
  artifacts="tests/fuzz/artifacts/$target"
  mkdir -p "$work" "$artifacts"
  say "Fuzzing $target for $seconds s (seeds: $seeds, $(find "$seeds" -type f | wc -l) files)"
  log="$scratch/$target.log"
  # libFuzzer adds new inputs to the first corpus directory only; the seeds come second.
  if cargo fuzz run "${flags[@]}" "$target" "$work" "$seeds" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}')"
    rate="$(grep -E '^stat::average_exec_per_sec:' "$log" | awk '{print $2}')"
    summary+=("$(printf '%-18s %10s runs, %6s per second' "$target" "${runs:-?}" "${rate:-?}")")
    echo "  $target: ${runs:-?} runs, ${rate:-?} per second, no crash"
  else
    tail -n 60 "$log"
    failed+=("$target")
    summary+=("$(printf '%-18s FAILED' "$target")")
    echo
    echo "  $target failed; the input is in $artifacts/. Reproduce and minimise it with:"
    echo "    RUSTC_BOOTSTRAP=1 cargo fuzz run ${flags[*]} $target $artifacts/<crash file>"
    echo "    RUSTC_BOOTSTRAP=1 cargo fuzz tmin ${flags[*]} $target $artifacts/<crash file>"
  fi
done

say "Fuzzing summary ($seconds s per target)"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "  failed: ${failed[*]}"
  exit 1
fi
