#!/usr/bin/env bash
# Runs the codec benchmarks of all three languages on the same workloads and prints one table
# with MB/s and the Rust/Go and Rust/TS ratios measured in this run (`make bench`), then JSON and
# MessagePack against binary and against Go's protojson; then the loopback Process stream
# benchmark (raw TCP, Rust SDK, Go processor) with its ratios; then core's task queue and
# checkpoints against plain SQLite transactions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d "${TMPDIR:-/tmp}/flow-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "bench: Rust (criterion)..." >&2
cargo bench --locked -p flow-proto --bench codec -- --noplot >"$out/rust.log" 2>&1 ||
  { cat "$out/rust.log" >&2; exit 1; }
echo "bench: Go (go test -bench)..." >&2
(cd tests/go && FLOW_BENCH_LINES=1 go test ./bench/ -run TestPrintBenchLines -count=1 -v) \
  | grep -E '^(BENCH|batch256:|corpus:)' >"$out/go.txt"
echo "bench: TypeScript (node)..." >&2
node tests/ts/dist/bench.js | grep '^BENCH' >"$out/ts.txt"

echo "bench: Rust stream (loopback Process stream, about a minute)..." >&2
cargo bench --locked -p flow-sdk --bench stream >"$out/stream.txt" 2>"$out/stream.log" ||
  { cat "$out/stream.log" >&2; exit 1; }

echo "bench: core's task queue and checkpoints (about two minutes)..." >&2
cargo bench --locked -p flow-core --bench queue >"$out/queue.txt" 2>"$out/queue.log" ||
  { cat "$out/queue.log" >&2; exit 1; }

echo
echo "Sizes (Rust codec bench):"
grep -E '^(batch256|corpus): |^  flow\.' "$out/rust.log" || true
echo "Sizes (Go codec bench):"
grep -E '^(batch256|corpus): ' "$out/go.txt" || true
node scripts/bench-report.mjs target/criterion "$out/go.txt" "$out/ts.txt"
# The stream and queue benches print their own tables; their BENCH lines are for machines.
grep -v '^BENCH' "$out/stream.txt"
grep -v '^BENCH' "$out/queue.txt"
