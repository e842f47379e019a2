#!/usr/bin/env bash
# What a laptop holding build OLD downloads to update to build NEW (issue 28, item 2;
# docs/benchmarks.md, "An update"): every file of NEW (icons left out), its size raw, `gzip -9`
# and `brotli -q 11`, whether OLD had the same URL with the same bytes (else it is downloaded
# today), and whether OLD had the same bytes under any name (else even content-named URLs would
# download it). Then the three totals.
#
#   scripts/update-bytes.sh OLD_DIST NEW_DIST
set -euo pipefail
old="${1:?usage: scripts/update-bytes.sh OLD_DIST NEW_DIST}"
new="${2:?usage: scripts/update-bytes.sh OLD_DIST NEW_DIST}"
old_hashes=$(cd "$old" && find . -type f -exec sha256sum {} + | cut -d' ' -f1 | sort -u)
declare -A total=([new_url]="0 0 0" [changed_bytes]="0 0 0" [all]="0 0 0")
add() {
  local sums
  read -r -a sums <<<"${total[$1]}"
  total[$1]="$((sums[0] + $2)) $((sums[1] + $3)) $((sums[2] + $4))"
}
while IFS= read -r path; do
  file="$new/$path"
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  url=NEW
  [ -f "$old/$path" ] && cmp -s "$old/$path" "$file" && url=same
  bytes=CHANGED
  grep -qx "$(sha256sum "$file" | cut -d' ' -f1)" <<<"$old_hashes" && bytes=same
  printf '%-56s %9d raw %8d gz %8d br  url %-4s  bytes %s\n' "$path" "$raw" "$gz" "$br" "$url" "$bytes"
  add all "$raw" "$gz" "$br"
  [ "$url" = same ] || add new_url "$raw" "$gz" "$br"
  [ "$bytes" = same ] || add changed_bytes "$raw" "$gz" "$br"
done < <(cd "$new" && find . -type f ! -path './icons/*' | sed 's|^\./||' | LC_ALL=C sort)
for key in new_url changed_bytes all; do
  read -r -a sums <<<"${total[$key]}"
  printf '%-14s raw %6d KB  gzip %5d KB  brotli %5d KB\n' "$key" \
    "$((sums[0] / 1024))" "$((sums[1] / 1024))" "$((sums[2] / 1024))"
done
