#!/usr/bin/env bash
# Writes the release archive, phuong-kieu-mau-<version>-<commit>.zip, into target/pkm-release/
# (or --out DIR), for the province's IT staff (docs/deploy.md). The archive holds one folder:
#
#   VERSION                       the Cargo version and the git commit (and its date)
#   SHA256SUMS                    the SHA-256 of every other file (`sha256sum -c SHA256SUMS`)
#   site/                         the static site (`trunk build --release`), with a .br and a .gz
#                                 copy beside each compressible file, for nginx's brotli_static
#                                 and gzip_static
#   deploy/phuong-kieu-mau.conf   nginx's rules for site/: the headers, with this release's
#                                 Content-Security-Policy plus frame-ancestors 'none'
#   deploy/nginx-site.conf        an example HTTPS server block that includes it
#   deploy/content-security-policy.txt  that header's value, for a server other than nginx
#   deploy/deploy.md              the guide (docs/deploy.md)
#   launcher/linux-x86_64/phuong-kieu-mau, launcher/windows-x86_64/phuong-kieu-mau.exe
#                                 the launcher for laptops that are never online
#                                 (crates/pkm-launcher), carrying this very site
#
# The same commit gives the same bytes: the site is built into a fresh folder, compressed by
# deterministic tools (brotli -q 11, gzip -9 -n: no names, no times), every file gets the commit's
# time as its time and fixed permissions, the launchers are built with the source paths remapped
# and (Windows) no link time stamp, and zip stores the entries sorted, without owners or extra
# time fields (-X). scripts/test-release.sh builds twice and compares.
#
# Environment: PKM_WASM_REBUILD=1 makes scripts/build-wasm.sh cut, bind and optimise the wasm
# again instead of reusing its last output (the second build of scripts/test-release.sh).
# Installs, when missing: Debian's brotli, zip and gcc-mingw-w64-x86-64 (the Windows linker), and
# the Rust targets x86_64-unknown-linux-musl (a static Linux program, which runs on any
# distribution) and x86_64-pc-windows-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="$root/target/pkm-release"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) echo "usage: scripts/release.sh [--out DIR]" >&2; exit 64 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

source scripts/setup.sh
missing=()
command -v brotli >/dev/null || missing+=(brotli)
command -v zip >/dev/null || missing+=(zip)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
[ ${#missing[@]} = 0 ] || apt_install "${missing[@]}"
linux_target=x86_64-unknown-linux-musl
windows_target=x86_64-pc-windows-gnu
for target in "$linux_target" "$windows_target"; do
  if ! rustup target list --installed | grep -qx "$target"; then
    say "Adding the $target target (the launcher)"
    rustup target add "$target"
  fi
done

cargo_version="$(awk '/^\[workspace.package\]/ { section = 1 } section && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.toml)"
commit="$(git rev-parse HEAD)"
short="$(git rev-parse --short=7 HEAD)"
dirty=""
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  dirty="-dirty"
  say "Warning: the working tree has uncommitted changes; the release is built from them, and named -dirty"
fi
version="$cargo_version+$short$dirty"
name="phuong-kieu-mau-$cargo_version-$short$dirty"
# Every file's time: the commit's, so that the archive does not depend on when it was built.
export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct HEAD)"
export TZ=UTC LC_ALL=C

work="$(mktemp -d "${TMPDIR:-/tmp}/pkm-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
mkdir -p "$stage/site" "$stage/deploy" "$stage/launcher/linux-x86_64" "$stage/launcher/windows-x86_64"

say "Release $version: the static site (trunk build --release into a fresh folder)"
trunk build --release --offline --dist "$work/dist"

say "Release $version: the launcher, for Linux ($linux_target) and Windows ($windows_target)"
# The launcher embeds the site as built (without the compressed copies) and reports $version.
# Source paths are remapped so that the programs do not depend on where the tree or cargo's
# registry lies.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
flags="--remap-path-prefix=$root=/src --remap-path-prefix=$cargo_home=/cargo -Cstrip=symbols"
export PKM_LAUNCHER_DIST="$work/dist" PKM_VERSION="$version"
RUSTFLAGS="$flags" cargo build --release --locked -p pkm-launcher --target "$linux_target"
RUSTFLAGS="$flags -Clink-arg=-Wl,--no-insert-timestamp" \
  cargo build --release --locked -p pkm-launcher --target "$windows_target"
unset PKM_LAUNCHER_DIST PKM_VERSION
target_dir="${CARGO_TARGET_DIR:-$root/target}"
cp "$target_dir/$linux_target/release/pkm-launcher" "$stage/launcher/linux-x86_64/phuong-kieu-mau"
cp "$target_dir/$windows_target/release/pkm-launcher.exe" "$stage/launcher/windows-x86_64/phuong-kieu-mau.exe"

say "Release $version: precompressed copies (brotli -q 11, gzip -9 -n) and the deploy files"
cp -R "$work/dist/." "$stage/site/"
find "$stage/site" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) | sort | while read -r file; do
  brotli -q 11 -n -o "$file.br" "$file"
  gzip -9 -n -c "$file" >"$file.gz"
done

# The Content-Security-Policy of the meta element in index.html (scripts/stamp-csp.sh), with
# frame-ancestors, which only a header can carry.
meta="$(sed -n 's/.*http-equiv="Content-Security-Policy" content="\([^"]*\)".*/\1/p' "$stage/site/index.html")"
if [ -z "$meta" ] || [ "$(printf '%s\n' "$meta" | wc -l)" != 1 ]; then
  echo "release: expected one Content-Security-Policy meta element in index.html" >&2
  exit 1
fi
csp="$meta; frame-ancestors 'none'"
printf '%s\n' "$csp" >"$stage/deploy/content-security-policy.txt"
for file in phuong-kieu-mau.conf nginx-site.conf; do
  CSP="$csp" VERSION="$version" awk '{
    gsub(/__PKM_CSP__/, ENVIRON["CSP"]); gsub(/__PKM_VERSION__/, ENVIRON["VERSION"]); print
  }' "deploy/$file" >"$stage/deploy/$file"
done
cp docs/deploy.md "$stage/deploy/deploy.md"
printf 'phuong-kieu-mau %s\ncommit %s\ndate %s\n' "$version" "$commit$dirty" \
  "$(git log -1 --format=%cI HEAD)" >"$stage/VERSION"

say "Release $version: SHA256SUMS and the archive"
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage/launcher/linux-x86_64/phuong-kieu-mau" "$stage/launcher/windows-x86_64/phuong-kieu-mau.exe"
(cd "$stage" && find . -type f | sed 's|^\./||' | sort | xargs sha256sum >"$work/SHA256SUMS")
mv "$work/SHA256SUMS" "$stage/SHA256SUMS"
chmod 644 "$stage/SHA256SUMS"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
archive="$out/$name.zip"
rm -f "$archive"
(cd "$work" && find "$name" -type f | sort | zip -X -D -q -@ "$archive")
touch -d "@$SOURCE_DATE_EPOCH" "$archive"
say "Release written: $archive ($(du -h "$archive" | cut -f1), sha256 $(sha256sum "$archive" | cut -c1-64))"
