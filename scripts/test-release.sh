#!/usr/bin/env bash
# Tests the release (scripts/release.sh) and the deploy guide (docs/deploy.md); a step of
# scripts/test.sh, and runnable alone. Installs Debian's nginx and libnginx-mod-http-brotli-static
# when missing (on a machine whose services start on install, Debian's own nginx then runs on
# port 80 too; this test uses its own configuration and a loopback port of its own).
#
# What it covers, exactly:
#   1. The same commit gives the same bytes. scripts/release.sh runs twice, into two fresh
#      folders, and the two archives must be equal byte for byte. Each run does again: the static
#      site with `trunk build --release` into a fresh folder (stylesheets, copied files, integrity
#      hashes) with its post-build hook (the wasm's loader, the CSP hash, the service worker's
#      stamp); the brotli and gzip copies; the launcher crate, compiled and linked again for Linux
#      and for Windows around the new site; the SHA256SUMS and the zip. The second run also sets
#      PKM_WASM_REBUILD=1, so the wasm is cut (wasm-split-cli), bound (wasm-bindgen) and
#      optimised (wasm-opt) again instead of reused from the first run. Both runs share cargo's
#      target folder: rustc compiles the app's wasm and the launcher's dependencies once, so
#      rustc's own determinism, and a build on another machine or in another folder, are not
#      tested here.
#   2. The archive's SHA256SUMS holds, and every .br and .gz copy decompresses to its file.
#   3. The end-to-end tests in tests/e2e/tests/release, against the unpacked archive
#      (PKM_RELEASE): Debian's nginx serving site/ with the shipped deploy/phuong-kieu-mau.conf
#      on a loopback port (every header the guide names; the app working in Chromium through it,
#      and offline once nginx stops); the example site deploy/nginx-site.conf as the guide says
#      to install it (only its CHANGE lines changed, a certificate made with openssl): `nginx -t`
#      accepts it, HTTPS serves the app with its headers, plain HTTP redirects; and the Linux launcher (its headers, a second copy and a
#      foreign program on its port, the ward's data kept across a restart of the launcher and of
#      the browser on the same profile, none on another port), both launchers carrying this site.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/setup.sh --browser
if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  apt_install nginx libnginx-mod-http-brotli-static
fi

work="${CARGO_TARGET_DIR:-$root/target}/pkm-release-test"
rm -rf "$work"
mkdir -p "$work/first" "$work/second" "$work/unpacked"
times=""
timed() {
  local started=$SECONDS
  "$@"
  times="$times  $(($SECONDS - started)) s: $(printf '%s ' "$@")"$'\n'
}

say "Release, first build"
timed scripts/release.sh --out "$work/first"
say "Release, second build (PKM_WASM_REBUILD=1: the wasm cut, bound and optimised again)"
timed env PKM_WASM_REBUILD=1 scripts/release.sh --out "$work/second"
first="$(ls "$work/first"/*.zip)"
second="$(ls "$work/second"/*.zip)"
if ! cmp "$first" "$second"; then
  echo "The two builds of the same commit differ. Files that differ:" >&2
  for run in first second; do
    (cd "$work/$run" && unzip -q -o "$(basename "$first")" && cat */SHA256SUMS) >"$work/$run.sums"
  done
  diff "$work/first.sums" "$work/second.sums" >&2 || true
  exit 1
fi
say "Same bytes: $(basename "$first") (sha256 $(sha256sum "$first" | cut -c1-64))"

(cd "$work/unpacked" && unzip -q "$first")
release="$work/unpacked/$(basename "$first" .zip)"
(cd "$release" && sha256sum -c --quiet SHA256SUMS)
copies=0
while read -r file; do
  case "$file" in
    *.br) brotli -d -c "$file" | cmp -s - "${file%.br}" ;;
    *.gz) gzip -d -c "$file" | cmp -s - "${file%.gz}" ;;
  esac || { echo "$file does not decompress to its file" >&2; exit 1; }
  copies=$((copies + 1))
done < <(find "$release/site" -name '*.br' -o -name '*.gz')
[ "$copies" -gt 0 ] || { echo "no precompressed copies in the release" >&2; exit 1; }
say "SHA256SUMS holds; $copies precompressed copies decompress to their files"

say "End-to-end: nginx with the shipped configuration, and the launcher (tests/e2e/tests/release)"
timed env PKM_RELEASE="$release" cargo test -p pkm-e2e --locked --test release -- --test-threads=2
printf '\nRelease test times:\n%s' "$times"
