#!/usr/bin/env bash
# Reports the gzip size of the shipped app (wasm + js + css in dist/) and fails over budget.
#
# The budget guards against regressions. It was 400 KB for the foundation (199 KB then); with
# both workspaces the app was about 1 MB, 905 KB since Leptos's erase_components; bringing it
# down to the 250 KB target is the performance issue's work (see README, "Kích thước / Size").
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb="${PKM_SIZE_BUDGET_KB:-1000}"
total=0
for file in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '  %-50s %8d bytes, gzip %7d\n' "$(basename "$file")" "$raw" "$gz"
done
printf '  total gzip: %d bytes (%d KB; budget %d KB)\n' "$total" "$((total / 1024))" "$budget_kb"
if [ "$total" -gt $((budget_kb * 1024)) ]; then
  echo "The app is over its size budget." >&2
  exit 1
fi
