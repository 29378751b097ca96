#!/usr/bin/env bash
# The core conformance kit against the real `flow-core serve` binary, from outside: starts core
# on a free port over a fresh data directory, runs `flow-conformance --core URL --enqueue ...`
# (work enters the queue through `flow-core tasks enqueue`), and fails unless every check passes.
# Then the reference worker binary takes two tasks from that core. Part of `make test`; the kit's
# own tests cover it in process and against broken fakes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${CARGO_TARGET_DIR:-$root/target}/debug"
data=$(mktemp -d "${TMPDIR:-/tmp}/flow-core-kit.XXXXXX")
out="$data/core.out"
"$bin/flow-core" serve --listen 127.0.0.1:0 --data "$data" \
  --min-lease-ttl 1s --default-lease-ttl 1s --max-lease-ttl 60s >"$out" 2>"$data/core.err" &
core=$!
worker=
trap 'kill -9 $core $worker 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$data"' EXIT
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

echo "core-kit: flow-ref-worker --core http://$addr takes an echo and a count task"
"$bin/flow-ref-worker" --core "http://$addr" --worker-id core-kit/worker >"$data/worker.out" 2>&1 &
worker=$!
tasks="$bin/flow-core tasks"
echo_id=$($tasks enqueue --data "$data" --handler echo --input '{"hello":"core"}' --input-encoding json/plain)
count_id=$($tasks enqueue --data "$data" --handler count --input '{"to":5,"step_ms":20}' --heartbeat-timeout 2s)
for id in "$echo_id" "$count_id"; do
  status=$($tasks wait --data "$data" "$id" --timeout 30s)
  echo "  $status"
  case "$status" in
    *'"state":"done"'*'"success"'* | *'"success"'*'"state":"done"'*) ;;
    *) echo "core-kit: $id did not succeed" >&2; cat "$data/worker.out" >&2; exit 1 ;;
  esac
done
