#!/usr/bin/env bash
# The core conformance kit against the real `flow-core serve` binary, from outside: starts core
# on a free port over a fresh data directory, runs `flow-conformance --core URL --enqueue ...`
# (work enters the queue through `flow-core tasks enqueue`), and fails unless every check passes.
# Part of `make test`; the kit's own tests cover it in process and against broken fakes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${CARGO_TARGET_DIR:-$root/target}/debug"
data=$(mktemp -d "${TMPDIR:-/tmp}/flow-core-kit.XXXXXX")
out="$data/core.out"
"$bin/flow-core" serve --listen 127.0.0.1:0 --data "$data" \
  --min-lease-ttl 1s --default-lease-ttl 1s --max-lease-ttl 60s >"$out" 2>"$data/core.err" &
core=$!
trap 'kill -9 $core 2>/dev/null || true; wait $core 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$out" && break
  kill -0 $core 2>/dev/null || { cat "$data/core.err" >&2; exit 1; }
  sleep 0.1
done
addr=$(sed -n 's/^listening on //p' "$out")
test -n "$addr" || { echo "core-kit: flow-core printed no address" >&2; exit 1; }
echo "core-kit: flow-conformance --core http://$addr"
"$bin/flow-conformance" --core "http://$addr" \
  --enqueue "$bin/flow-core tasks enqueue --data $data"
