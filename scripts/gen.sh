#!/usr/bin/env bash
# Generates every language's code from proto/ into a scratch directory, then either installs it
# into gen/ (`gen.sh write`) or compares it with gen/ (`gen.sh check`). Only the generated
# subtrees are touched: gen/go/flow, gen/ts/src, gen/rust/src, and the TypeScript consumer's
# code for the standard gRPC protos (third_party/grpc/proto -> services/ts-consumer/src/gen).
# Hand-written package files (go.mod, package.json, Cargo.toml, ...) stay as they are.
#
# Files whose content did not change keep their mtime, so cargo, go and tsc do not rebuild.
set -euo pipefail
mode=${1:?usage: gen.sh write|check}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
buf=node_modules/@bufbuild/buf-linux-x64/bin/buf
scratch=$(mktemp -d "${TMPDIR:-/tmp}/flow-gen.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

generated=(gen/go/flow gen/ts/src gen/rust/src services/ts-consumer/src/gen)

# Rust: buf's descriptor set of the root workspace (imports and comments included) ->
# crates/flow-proto-build.
"$buf" build --as-file-descriptor-set -o "$scratch/flow.fds.binpb"
mkdir -p "$scratch/gen/rust/src"
cargo run --quiet --locked -p flow-proto-build -- \
  --descriptor-set "$scratch/flow.fds.binpb" --out-dir "$scratch/gen/rust/src"

# Go and TypeScript: buf's plugins, as buf.gen.yaml says (its input: the proto/ module).
"$buf" generate -o "$scratch"
node scripts/ts-index.mjs "$scratch/gen/ts/src"

# The standard gRPC protos the TypeScript consumer serves (health, reflection), as
# buf.gen.grpc.yaml says (its input: third_party/grpc/proto, outside the Flow workspace's lint
# and breaking checks).
"$buf" generate --template buf.gen.grpc.yaml -o "$scratch"

case "$mode" in
  check)
    status=0
    for dir in "${generated[@]}"; do
      if ! diff -r -q "$scratch/$dir" "$dir" >"$scratch/diff.txt" 2>&1; then
        echo "check-gen: $dir differs from what proto/ (or third_party/grpc/proto) generates:" >&2
        sed 's/^/  /' "$scratch/diff.txt" >&2
        status=1
      fi
    done
    if [ "$status" -ne 0 ]; then
      echo "check-gen: gen/ is stale or was edited by hand. Run 'make gen' and commit the result." >&2
    else
      echo "check-gen: gen/ is fresh"
    fi
    exit "$status"
    ;;
  write)
    for dir in "${generated[@]}"; do
      mkdir -p "$dir"
      # Remove files that are no longer generated.
      (cd "$dir" && find . -type f) | while read -r f; do
        [ -e "$scratch/$dir/$f" ] || rm -f "$dir/$f"
      done
      find "$dir" -type d -empty -delete 2>/dev/null || true
      # Copy new and changed files only.
      (cd "$scratch/$dir" && find . -type f) | while read -r f; do
        if ! cmp -s "$scratch/$dir/$f" "$dir/$f"; then
          mkdir -p "$(dirname "$dir/$f")"
          cp "$scratch/$dir/$f" "$dir/$f"
        fi
      done
    done
    echo "gen: gen/ is up to date"
    ;;
  *)
    echo "usage: gen.sh write|check" >&2
    exit 2
    ;;
esac
