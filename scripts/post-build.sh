#!/bin/sh
# Trunk's one post_build hook (Trunk runs the hooks of a stage at once, so the order is here):
# the app's WebAssembly and its loader, then index.html's Content-Security-Policy hash of that
# loader, then the service worker's precache list and build id, which cover everything before.
set -eu
dir="$(dirname "$0")"
bash "$dir/build-wasm.sh"
sh "$dir/stamp-csp.sh"
sh "$dir/stamp-service-worker.sh"
