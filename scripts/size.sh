#!/usr/bin/env bash
# Reports the gzip size of the shipped app (every wasm, js and css file in dist/, the modules in
# dist/pkg/<build id>/ included) and fails over either budget:
#   - the app shell, what every page loads first: all but the service worker and the modules the
#     split points fetch on demand (split_*.wasm, and chunk_*.wasm that several of them share):
#     250 KB, the performance issue's target;
#   - everything: 1 780 KB, against regressions (912 KB as one module, 994 KB once cut: code that
#     modules share is exported and cannot be inlined or dropped, and each file compresses alone;
#     about 1 068 KB since the core is built at opt-level "s" for the import's speed; 1 139 KB
#     since the trust model: per-unit signature and scope checks, the import's key questions, the
#     province's keys screen and the ward's new-laptop restore); 1 352 KB with the Word
#     documents (issue 25): their writer, docx-rs, is a module of its own (split_documents.wasm,
#     155 KB) fetched only when a .docx is made, and the app without it stays under 1 200 KB
#     (1 197 KB; 1 157 KB before: the documents' model, fields form and print views in the
#     workspaces' modules); then the catalogue editor (issue 29: typing a catalogue in, its
#     spreadsheet import and template, publishing; all in the province's on-demand module, +61
#     KB there): 1 421 KB; then reading .xlsx sheets in the browser (issue 29), a module of its
#     own (split_sheets.wasm, 61 KB: zip, inflate and quick-xml; calamine's was 239 KB, see
#     crates/pkm-core/src/catalogue_sheet/xlsx_read.rs) fetched when a province picks an .xlsx
#     file: 1 485 KB; then evidence files (issue 23): the ZIP container's reader and writer and
#     the recognition of types by content (the zip crate's inflate and deflate) in a module of
#     their own, split_attachments.wasm (80 KB), fetched only when a file is attached or a
#     container exported, and the attaching screen in the ward's module (+29 KB), the shell +1.4
#     KB; and the year's cycle (issue 24: conclusions, decisions, feedback files, next year's
#     track; +61 KB in the shared core chunks and both workspaces): 1 644 KB in all, hence
#     1 680 KB (split_sheets.wasm is then 34 KB: the zip crate moved to a chunk it shares with
#     split_attachments.wasm); then evidence files at the province (issue 23, second half): the
#     .pkmz import (the container read in two halves, its files kept as Blobs), the review's
#     thumbnails and viewer, the limits' setup section and their enforcement in the core's
#     batch preview: split_province.wasm +26 KB, split_attachments.wasm +6 KB, the shared chunks
#     +26 KB (the ZIP reader the sheets module used alone is now shared with the attachments
#     module: split_sheets.wasm -12 KB), the shell +0.1 KB: 1 686 KB; then the province's years
#     side by side (issue 24: their figures and chart geometry, the conflicts on conclusions and
#     decisions; split_province.wasm +16 KB, +19 KB in all) and the ward's first screen as a
#     split point of its own (issue 28: split_ward_start.wasm 14 KB, the code it shares with the
#     ward's screens exported between them; +18 KB in all, for a first use of 385 KB brotli
#     instead of about 750): 1 724 KB in all; then the whole country's dashboard (issue 28:
#     the country's figures in the core and their screen, split_province.wasm +23 KB with the
#     limits' ranges shared with the reader), the streamed export (issue 23: a container written a
#     file at a time, split_attachments.wasm +6 KB) and the evidence buttons with every refusal
#     kept (split_ward.wasm +7 KB): 1 760 KB in all, hence 1 780 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
shell_budget_kb="${PKM_SHELL_BUDGET_KB:-250}"
budget_kb="${PKM_SIZE_BUDGET_KB:-1780}"
total=0
shell=0
while IFS= read -r file; do
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  name=$(basename "$file")
  case "$name" in
    split_*.wasm | chunk_*.wasm | sw.js) part="on demand" ;;
    *) part="shell"; shell=$((shell + gz)) ;;
  esac
  printf '  %-50s %8d bytes, gzip %7d  (%s)\n' "${file#dist/}" "$raw" "$gz" "$part"
done < <(find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | LC_ALL=C sort)
printf '  app shell gzip: %d bytes (%d KB; budget %d KB)\n' "$shell" "$((shell / 1024))" "$shell_budget_kb"
printf '  total gzip: %d bytes (%d KB; budget %d KB)\n' "$total" "$((total / 1024))" "$budget_kb"
if [ "$shell" -gt $((shell_budget_kb * 1024)) ]; then
  echo "The app shell is over its size budget." >&2
  exit 1
fi
if [ "$total" -gt $((budget_kb * 1024)) ]; then
  echo "The app is over its size budget." >&2
  exit 1
fi
