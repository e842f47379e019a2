#!/usr/bin/env bash
# Builds the release app once and serves it on http://127.0.0.1:8080 (installs missing tools
# first). Trunk then rebuilds only when a source changes: it watches the sources listed under
# [watch] in Trunk.toml, not what a build writes (scripts/test-serve-idle.sh checks that it stays
# idle). Arguments go to `trunk serve` (such as `--port 9000`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
say "Building and serving the release build on http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release --offline "$@"
