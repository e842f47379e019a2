#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 (installs missing tools first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
say "Building and serving the release build on http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release --offline "$@"
