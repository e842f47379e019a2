#!/bin/sh
# Trunk post_build step (the last of scripts/post-build.sh): write the precache list and a build
# id into the staged sw.js. Runs with TRUNK_STAGING_DIR set to the folder about to become dist/.
set -eu
dir="${TRUNK_STAGING_DIR:?this script runs as a Trunk post_build hook}"
cd "$dir"
# Every emitted file except the service worker itself; "./" is the shell's entry URL.
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
build_id=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
list='["./"'
for f in $files; do list="$list, \"./$f\""; done
list="$list]"
tmp=$(mktemp)
sed -e "s|__PKM_BUILD_ID__|$build_id|" -e "s|__PKM_PRECACHE__|$list|" sw.js > "$tmp"
mv "$tmp" sw.js
chmod 644 sw.js
echo "stamp-service-worker: build $build_id, $(echo "$files" | wc -l) files precached"
