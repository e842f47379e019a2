#!/bin/sh
# Trunk post_build step (scripts/post-build.sh, after the loader is written): puts the SHA-256 of
# the inline module loader script (scripts/build-wasm.sh) into index.html's
# Content-Security-Policy, so that this one script may run and no other inline script can. Uses only POSIX sh, awk, sha256sum and
# base64 (coreutils). Runs with TRUNK_STAGING_DIR set to the folder about to become dist/.
set -eu
dir="${TRUNK_STAGING_DIR:?this script runs as a Trunk post_build hook}"
html="$dir/index.html"
placeholder='__PKM_INLINE_SCRIPT_HASH__'
if ! grep -q "$placeholder" "$html"; then
  echo "stamp-csp: no $placeholder in index.html (already stamped?)" >&2
  exit 1
fi
scripts=$(grep -c '<script' "$html" || true)
inline=$(grep -c '<script type="module">' "$html" || true)
if [ "$scripts" != 1 ] || [ "$inline" != 1 ]; then
  echo "stamp-csp: expected exactly one <script>, the inline module loader; found $scripts ($inline inline)" >&2
  exit 1
fi
body=$(mktemp)
trap 'rm -f "$body"' EXIT
# The script element's text, byte for byte: from just after the opening tag to just before the
# closing one (line breaks included).
awk '
  !inside && index($0, "<script type=\"module\">") {
    inside = 1
    $0 = substr($0, index($0, "<script type=\"module\">") + length("<script type=\"module\">"))
    if (index($0, "</script>")) { printf "%s", substr($0, 1, index($0, "</script>") - 1); exit }
    printf "%s\n", $0
    next
  }
  inside && index($0, "</script>") { printf "%s", substr($0, 1, index($0, "</script>") - 1); exit }
  inside { printf "%s\n", $0 }
' "$html" > "$body"
# sha256sum prints hex; turn it into bytes, then base64, as CSP hash sources are written.
hash=$(sha256sum "$body" | cut -c1-64 | LC_ALL=C awk '{
  digits = "0123456789abcdef"
  for (i = 1; i <= 64; i += 2)
    printf "%c", (index(digits, substr($0, i, 1)) - 1) * 16 + index(digits, substr($0, i + 1, 1)) - 1
}' | base64)
tmp=$(mktemp)
sed "s|$placeholder|$hash|" "$html" > "$tmp"
mv "$tmp" "$html"
chmod 644 "$html"
echo "stamp-csp: inline loader script sha256-$hash"
