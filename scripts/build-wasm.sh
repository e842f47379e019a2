#!/usr/bin/env bash
# Trunk post_build hook, first step: builds the app's WebAssembly cut into modules, puts it in the
# staged site and writes its loader into index.html. Trunk 0.21 cannot cut a module (its own Rust
# pipeline is skipped: `data-trunk-skip` in index.html), so this does what it did, with the cut
# in between:
#
#   1. cargo build for wasm32 with `--cfg pkm_split` (the split points, src/split.rs, become
#      imports) and `--emit-relocs` (the linker keeps what the cut needs to move code);
#   2. wasm-split-cli: the main module (the app shell) and one module per split point, plus the
#      code several split points share in modules of their own, and `__wasm_split.js`, which
#      fetches and links them on demand;
#   3. wasm-bindgen (`--target web`) on the main module;
#   4. wasm-opt -Oz on every module (release only);
#   5. everything into `pkg/<build id>/` of the staged site, the id a hash of the files: one
#      build's modules only ever load each other (a module of another build cannot link), and a
#      new build is new URLs for every cache;
#   6. the loader (preloads with their integrity, and the inline module script) into index.html
#      in place of the skipped link.
#
# Steps 2 to 4 are skipped, their last output reused, when the wasm, the tools and the flags are
# those of the last build of the profile, unless PKM_WASM_REBUILD=1 (scripts/release.sh's
# second build, which checks that redoing them gives the same bytes).
#
# PKM_NO_SPLIT=1 builds the app as one module instead, for comparing the two (docs/benchmarks.md,
# "First visit on a slow network"): cargo without `--cfg pkm_split` (the config's rustflags, the
# usual target folder; the split points are then plain calls, src/split.rs), no wasm-split-cli,
# wasm-bindgen and wasm-opt on the one module, the same `pkg/<build id>/` and loader without
# `__wasm_split.js`.
#
# Runs with TRUNK_STAGING_DIR (the folder about to become dist/) and TRUNK_PROFILE (release or
# debug) set by Trunk. PKM_WASM_OPT_KEEP_NAMES=1 keeps the function names (wasm-opt -g), for
# profiles. Uses cargo, wasm-split-cli, wasm-bindgen and wasm-opt from PATH (scripts/setup.sh).
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?this script runs as a Trunk post_build hook}"
profile="${TRUNK_PROFILE:-release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name=phuong-kieu-mau
say() { printf 'build-wasm: %s\n' "$*"; }

no_split="${PKM_NO_SPLIT:-}"
if [ "$no_split" = 1 ]; then
  target="${CARGO_TARGET_DIR:-$root/target}"
  say "PKM_NO_SPLIT=1: one module, not cut"
else
  source "$root/scripts/split-env.sh"
  target="$split_target"
  export RUSTFLAGS="$split_rustflags"
fi
cargo_args=(build --manifest-path "$root/Cargo.toml" --target wasm32-unknown-unknown --bin "$name"
  --target-dir "$target")
[ "$profile" = release ] && cargo_args+=(--release)
say "cargo ${cargo_args[*]}"
cargo "${cargo_args[@]}"
input="$target/wasm32-unknown-unknown/$profile/$name.wasm"

# The optimiser's flags (release only): the features current Rust emits, spelled out (with
# --all-features the output fails to compile in Chromium).
opt=()
if [ "$profile" = release ]; then
  opt=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)
  [ "${PKM_WASM_OPT_KEEP_NAMES:-}" = 1 ] && opt+=(-g)
fi

# Steps 2 to 4 depend only on the compiled wasm, the three tools and the flags: when none of
# them changed since the last build of this profile (a style or page edit, the same code built
# again, scripts/serve.sh after scripts/test.sh), their output is reused, not made again (about
# a minute on 2 cores). The key is written only once the output is complete.
work="$target/pkm-web-$profile"
key=$({
  sha256sum <"$input"
  printf '%s\n' "$profile" "${opt[*]}" "$no_split"
  sha256sum "$(command -v wasm-split-cli)" "$(command -v wasm-bindgen)" \
    "$(readlink -f "$(command -v wasm-opt)")" "${BASH_SOURCE[0]}"
  wasm-opt --version
} | sha256sum | cut -c1-64)
if [ "${PKM_WASM_REBUILD:-}" != 1 ] && [ -d "$work/out" ] && [ "$(cat "$work/key" 2>/dev/null)" = "$key" ]; then
  say "the wasm and the tools are unchanged: reusing the modules in $work/out"
else
  rm -rf "$work"
  mkdir -p "$work/split" "$work/out"
  if [ "$no_split" = 1 ]; then
    wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$work/out" "$input"
  else
    wasm-split-cli "$input" "$work/split" --out-name "$name"
    wasm-bindgen --target web --keep-lld-exports --no-typescript --out-name "$name" \
      --out-dir "$work/out" "$work/split/$name.wasm"
    for module in "$work/split"/*.wasm; do
      [ "$(basename "$module")" = "$name.wasm" ] || cp "$module" "$work/out/"
    done
    cp "$work/split/__wasm_split.js" "$work/out/"
  fi

  # wasm-opt on one module, in place. The cut modules carry a name subsection binaryen does not
  # know: it warns about it and drops it, which is all that line says.
  optimise() {
    local log
    log=$(mktemp)
    if ! wasm-opt "${opt[@]}" "$1" -o "$1.opt" 2>"$log"; then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    grep -v 'unknown name subsection' "$log" >&2 || true
    rm -f "$log"
    mv "$1.opt" "$1"
  }

  if [ "$profile" = release ]; then
    say "wasm-opt ${opt[*]} on $(ls "$work/out"/*.wasm | wc -l) modules"
    # As many at a time as there are cores, the largest first: all ~60 at once took about 12 GB
    # of memory (one node process of 200 MB each) for no gain in time on 2 cores.
    running=0
    while read -r module; do
      if [ "$running" -ge "$(nproc)" ]; then
        wait -n
        running=$((running - 1))
      fi
      optimise "$module" &
      running=$((running + 1))
    done < <(ls -S "$work/out"/*.wasm)
    while [ "$running" -gt 0 ]; do
      wait -n
      running=$((running - 1))
    done
  fi
  echo "$key" >"$work/key"
fi

build_id=$(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
pkg="pkg/$build_id"
mkdir -p "$staging/$pkg"
cp "$work/out"/* "$staging/$pkg/"

# Subresource integrity of what the page fetches first, as Trunk wrote it.
sri() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$staging/$pkg/$1" | base64 -w0)"; }
split_preload=
[ "$no_split" = 1 ] ||
  split_preload="<link rel=\"modulepreload\" href=\"/$pkg/__wasm_split.js\" crossorigin=\"anonymous\" integrity=\"$(sri __wasm_split.js)\">
"
# The first screen's modules, fetched beside the shell (issue 28: on a poor line they came in a
# wave of their own once the shell ran, 400 ms and more later). Which split points a page needs
# before its first screen depends on the page, and every page is this index.html, so the loader
# script looks at its own path first: PKM_PRELOAD (`<path prefix>=<split point>,...`, the empty
# prefix for any other page) lists them, and the files of each are read from wasm-split's
# loader `__wasm_split.js` (the split point's module and every chunk it loads first). The loader
# fetches each with a plain `fetch()` of its URL (mode cors, same-origin credentials), so each
# is preloaded as `as="fetch"` with `crossorigin="anonymous"`, which the browser hands to that
# fetch; no integrity, which such a fetch would not match. The links are added by the inline
# module script as it starts, before the app's own module, which it imports then (a static
# import would wait for it). tests/e2e/tests/app/preload.rs checks in the browser that every
# module a first screen fetches was preloaded, once.
preload_map="{}"
if [ "$no_split" != 1 ]; then
  # Each loader's name (chunk_N or the split point's name), its file, and the names it loads
  # first, one loader a line: `name file dep dep ...`.
  loaders=$(awk '
    /^const __chunk_[0-9]+ = makeLoad/ { name = $2; sub(/^__/, "", name) }
    /^export const __wasm_split_load_[A-Za-z0-9_]+ = / { name = $3; sub(/^__wasm_split_load_/, "", name) }
    /fetch\(new URL\("\.\// { match($0, /"\.\/[^"]+"/); file[name] = substr($0, RSTART + 3, RLENGTH - 4) }
    /^, \[/ { deps = $0; gsub(/[,\[\]\(\);]|__/, " ", deps); dep[name] = deps; order[++n] = name }
    END { for (i = 1; i <= n; i++) print order[i], file[order[i]], dep[order[i]] }
  ' "$staging/$pkg/__wasm_split.js")
  entries=()
  for page in ${PKM_PRELOAD-/phuong=session,ward_start /tinh=session,province =session}; do
    prefix="${page%%=*}"
    wanted=()
    IFS=, read -r -a splits <<<"${page#*=}"
    for split in "${splits[@]}"; do
      line=$(grep "^$split " <<<"$loaders" || true)
      if [ -z "$line" ]; then
        echo "build-wasm: PKM_PRELOAD names $split, which __wasm_split.js does not load" >&2
        exit 1
      fi
      read -r _ file deps <<<"$line"
      wanted+=("$file")
      for dep in $deps; do
        wanted+=("$(awk -v d="$dep" '$1 == d { print $2 }' <<<"$loaders")")
      done
    done
    sized=()
    for file in $(printf '%s\n' "${wanted[@]}" | LC_ALL=C sort -u); do
      if [ ! -f "$staging/$pkg/$file" ]; then
        echo "build-wasm: the loader fetches $file, which was not built" >&2
        exit 1
      fi
      sized+=("$(wc -c <"$staging/$pkg/$file") $file")
    done
    # Largest first: the browser starts them in this order.
    files=$(printf '%s\n' "${sized[@]}" | sort -rn | cut -d' ' -f2 | sed 's/.*/"&"/' | paste -sd,)
    entries+=("\"$prefix\": [$files]")
  done
  preload_map="{ $(printf '%s, ' "${entries[@]}" | sed 's/, $//') }"
fi
loader=$(cat <<EOF
<link rel="modulepreload" href="/$pkg/$name.js" crossorigin="anonymous" integrity="$(sri "$name.js")">
${split_preload}<link rel="preload" href="/$pkg/${name}_bg.wasm" crossorigin="anonymous" integrity="$(sri "${name}_bg.wasm")" as="fetch" type="application/wasm">
<script type="module">
const first = $preload_map;
const path = location.pathname;
const page = Object.keys(first).find((p) => p && (path === p || path.startsWith(p + '/'))) ?? '';
for (const file of first[page] ?? []) {
  const link = document.createElement('link');
  Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', type: 'application/wasm', href: '/$pkg/' + file });
  link.dataset.pkmFirst = '';
  document.head.append(link);
}
const { default: init } = await import('/$pkg/$name.js');
const wasm = await init({ module_or_path: '/$pkg/${name}_bg.wasm' });
dispatchEvent(new CustomEvent('pkm:started', { detail: { wasm } }));
</script>
EOF
)
html="$staging/index.html"
if ! grep -q 'data-trunk-skip' "$html"; then
  echo "build-wasm: index.html has no skipped rust link to put the loader in" >&2
  exit 1
fi
tmp=$(mktemp)
LOADER="$loader" awk '/<link[^>]*data-trunk-skip[^>]*>/ { print ENVIRON["LOADER"]; next } { print }' "$html" > "$tmp"
mv "$tmp" "$html"
chmod 644 "$html"
say "$pkg: $(cd "$staging/$pkg" && ls | tr '\n' ' ')"
