#!/usr/bin/env bash
# Checks that scripts/serve.sh builds once and then serves, idle: its post_build hook writes
# under target/ (the wasm build, scripts/build-wasm.sh), and a Trunk watching those writes
# rebuilt the release again and again, forever. Run by scripts/test.sh after the release build,
# whose output the served build reuses (cargo's, and the cut modules: scripts/build-wasm.sh).
#
# Starts scripts/serve.sh on a free loopback port with a scratch dist folder (dist/ stays as the
# release build left it), waits until the app answers over HTTP, then watches it for
# PKM_SERVE_IDLE_SECONDS (120) seconds and fails if Trunk started another build (a "starting
# build" line), the served files changed, or Trunk and its children used more than
# PKM_SERVE_IDLE_CPU (3) seconds of CPU meanwhile (a build of the release costs far more).
# Meanwhile it writes a file where the hook's cargo build writes, as a build that compiled
# something would.
# Linux only (reads /proc); uses curl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
watch_seconds="${PKM_SERVE_IDLE_SECONDS:-120}"
cpu_budget="${PKM_SERVE_IDLE_CPU:-3}"
ready_timeout="${PKM_SERVE_READY_SECONDS:-1200}"
say() { printf 'test-serve-idle: %s\n' "$*"; }
fail() {
  printf 'test-serve-idle: FAILED: %s\n' "$*" >&2
  exit 1
}

command -v curl >/dev/null || fail "curl is missing (apt-get install curl)"

# A free port: one nothing answers on (a race with another program is possible, not likely).
port=""
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || fail "no free loopback port found"

scratch="$(mktemp -d)"
dist="$scratch/dist"
log="$scratch/serve.log"
pid=""
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # Its own process group (setsid): Trunk, and a build's hook and cargo if one runs.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap stop EXIT

say "starting scripts/serve.sh on 127.0.0.1:$port (dist: $dist)"
# Trunk's watcher says at debug level which change it accepted (printed on failure).
RUST_LOG="info,trunk::watch=debug" setsid scripts/serve.sh --port "$port" --dist "$dist" \
  >"$log" 2>&1 </dev/null &
pid=$!

url="http://127.0.0.1:$port"
started=$SECONDS
until curl -fsS "$url/phuong" 2>/dev/null | grep -q 'pkm:started'; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -40 "$log" >&2
    fail "scripts/serve.sh ended before it served the app (its output is above)"
  fi
  if [ $((SECONDS - started)) -gt "$ready_timeout" ]; then
    tail -40 "$log" >&2
    fail "the app did not answer on $url within $ready_timeout s"
  fi
  sleep 2
done
curl -fsS -o /dev/null "$url/sw.js" || fail "$url/sw.js does not answer"
say "the app answers on $url after $((SECONDS - started)) s"

# CPU time in clock ticks of a process and every live process below it: each one's own time
# plus that of its children already waited for (fields 14-17 of /proc/PID/stat). A child that
# ended is counted in its parent's; one still running in its own.
ticks_per_second="$(getconf CLK_TCK)"
cpu_ticks() {
  local total=0 parent stat rest fields
  declare -A children=()
  for stat in /proc/[0-9]*/stat; do
    { read -r rest <"$stat"; } 2>/dev/null || continue
    rest="${rest##*) }"
    read -r -a fields <<<"$rest"
    parent="${fields[1]}"
    children[$parent]+=" ${stat#/proc/}"
  done
  local todo=("$1") current
  while [ "${#todo[@]}" -gt 0 ]; do
    current="${todo[0]}"
    todo=("${todo[@]:1}")
    { read -r rest <"/proc/$current/stat"; } 2>/dev/null || continue
    rest="${rest##*) }"
    read -r -a fields <<<"$rest"
    total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
    for child in ${children[$current]:-}; do
      todo+=("${child%/stat}")
    done
  done
  echo "$total"
}
snapshot() { (cd "$dist" && find . -type f -printf '%P %s %T@\n' | LC_ALL=C sort); }
builds() { grep -c 'starting build' "$log" || true; }

# Where the hook's cargo build writes (scripts/split-env.sh): a file written there while
# watching stands for a build's writes, so that the check does not depend on whether the last
# build had anything to compile.
source scripts/split-env.sh
probe="$split_target/serve-idle-probe"
mkdir -p "$split_target"

builds_before="$(builds)"
files_before="$(snapshot)"
cpu_before="$(cpu_ticks "$pid")"
lines_before="$(wc -l <"$log")"
say "watching for $watch_seconds s: no new build, the same files, under $cpu_budget s of CPU"
date >"$probe"
sleep $((watch_seconds / 2))
rm -f "$probe"
sleep $((watch_seconds - watch_seconds / 2))
kill -0 "$pid" 2>/dev/null || fail "scripts/serve.sh ended while it should serve"
cpu_after="$(cpu_ticks "$pid")"
builds_after="$(builds)"
files_after="$(snapshot)"

cpu_used="$(awk -v t=$((cpu_after - cpu_before)) -v hz="$ticks_per_second" 'BEGIN { printf "%.2f", t / hz }')"
problems=()
[ "$builds_after" = "$builds_before" ] ||
  problems+=("Trunk started $((builds_after - builds_before)) more build(s) (\"starting build\" lines)")
[ "$files_after" = "$files_before" ] || problems+=("the served files changed (dist was rebuilt)")
awk -v used="$cpu_used" -v budget="$cpu_budget" 'BEGIN { exit !(used < budget) }' ||
  problems+=("Trunk and its children used $cpu_used s of CPU (budget $cpu_budget s)")

if [ "${#problems[@]}" -gt 0 ]; then
  since="$(tail -n +"$((lines_before + 1))" "$log")"
  say "Trunk's output while it should have been idle (its debug lines left out):"
  grep -v ' DEBUG ' <<<"$since" | tail -30 >&2 || true
  # The change that started a build may come before the watch began (during the first build).
  say "the changes Trunk's watcher accepted since it started, by folder:"
  grep -o 'accepted change in "[^"]*"' "$log" | sed -e 's/^accepted change in "//' -e 's/"$//' |
    xargs -r -n1 dirname | LC_ALL=C sort | uniq -c | sort -rn | head -10 >&2 || true
  kept="${TMPDIR:-/tmp}/pkm-serve-idle.log"
  cp "$log" "$kept"
  say "Trunk's whole output: $kept"
  for problem in "${problems[@]}"; do printf 'test-serve-idle: - %s\n' "$problem" >&2; done
  fail "scripts/serve.sh did not stay idle after its build: Trunk rebuilt for the changes above (the [watch] list of Trunk.toml says what it watches; a source edited meanwhile rebuilds too)"
fi
say "idle for $watch_seconds s: no new build, the same $(echo "$files_after" | wc -l) files, $cpu_used s of CPU"
