#!/usr/bin/env bash
# Runs Google's protobuf conformance suite against our Rust stack (`make conformance`):
# binary via prost-generated types, proto3 JSON via the serde impls flow-proto-build generates
# (flow_proto::json::JsonCodec), through the testee crates/protobuf-conformance.
#
#   scripts/conformance.sh              build the runner if needed, then run the suite
#   scripts/conformance.sh build        only build (and cache) the runner
#   scripts/conformance.sh descriptors  rewrite crates/protobuf-conformance/conformance.fds.binpb, the
#                                       committed descriptor set the testee is generated from
#
# The runner (`conformance_test_runner`, C++) takes 16-27 min on 2 cores, so it is built once and
# cached outside the clone, in ${FLOW_CACHE_DIR:-$HOME/.cache/flow-proto}/conformance/. Its
# source comes from the crates.io package protobuf-src (which vendors protobuf 27.1 in full,
# conformance/ and abseil included), fetched by cargo: no git clone, no protoc, no prebuilt
# runner (the npm/PyPI ones need a newer glibc than Debian 12 has).
#
# The run passes when exactly the tests in crates/protobuf-conformance/failure_list.txt fail: a new
# failure, and also a listed test that now passes, fails the run (update the list then).
set -euo pipefail
mode=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${FLOW_CACHE_DIR:-$HOME/.cache/flow-proto}/conformance
runner=$cache/bin/conformance_test_runner
protobuf_src_version=2.1.1+27.1 # protobuf 27.1

# The protobuf source tree, via a throwaway cargo project that depends on protobuf-src.
protobuf_source() {
  local fetch=$cache/fetch
  mkdir -p "$fetch/src"
  cat >"$fetch/Cargo.toml" <<EOF
[package]
name = "flow-conformance-fetch"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
protobuf-src = "=${protobuf_src_version%%+*}"
EOF
  : >"$fetch/src/lib.rs"
  cargo fetch --quiet --manifest-path "$fetch/Cargo.toml" >&2
  # Ask cargo where it unpacked the package rather than guessing the registry directory name.
  cargo metadata --format-version 1 --manifest-path "$fetch/Cargo.toml" |
    python3 -c 'import json,sys,os
m=json.load(sys.stdin)
p=[p for p in m["packages"] if p["name"]=="protobuf-src"][0]
print(os.path.join(os.path.dirname(p["manifest_path"]),"protobuf"))'
}

# The runner parses JSON with jsoncpp: headers to build it, the shared library to run it.
ensure_jsoncpp() {
  if [ ! -f /usr/include/jsoncpp/json/json.h ]; then
    echo "conformance: installing libjsoncpp-dev (the runner's JSON library)" >&2
    apt-get update -qq && apt-get install -y -qq libjsoncpp-dev >/dev/null
  fi
}

build_runner() {
  ensure_jsoncpp
  if [ -x "$runner" ]; then
    return
  fi
  command -v cmake >/dev/null || { echo "conformance: cmake is missing (apt-get install -y cmake)" >&2; exit 1; }
  local src
  src=$(protobuf_source)
  [ -f "$src/conformance/conformance.proto" ] || { echo "conformance: no conformance/ in $src" >&2; exit 1; }
  echo "conformance: building conformance_test_runner from $src (once; 16-27 min on 2 cores)" >&2
  local start=$SECONDS
  # Debian's jsoncpp headers live in /usr/include/jsoncpp, which protobuf's cmake does not add.
  export CPLUS_INCLUDE_PATH=/usr/include/jsoncpp${CPLUS_INCLUDE_PATH:+:$CPLUS_INCLUDE_PATH}
  cmake -S "$src" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release \
    -Dprotobuf_BUILD_CONFORMANCE=ON -Dprotobuf_BUILD_TESTS=OFF \
    -Dprotobuf_JSONCPP_PROVIDER=package -Dprotobuf_ABSL_PROVIDER=module \
    -DCMAKE_CXX_STANDARD=17 -DABSL_PROPAGATE_CXX_STD=ON >"$cache/cmake-configure.log" 2>&1 ||
    { tail -30 "$cache/cmake-configure.log" >&2; exit 1; }
  cmake --build "$cache/build" --target conformance_test_runner -j"${FLOW_CONFORMANCE_JOBS:-$(nproc)}" \
    >"$cache/cmake-build.log" 2>&1 || { tail -30 "$cache/cmake-build.log" >&2; exit 1; }
  mkdir -p "$cache/bin"
  # Copy then rename, so an interrupted build never leaves a half-written runner behind.
  cp "$cache/build/conformance_test_runner" "$runner.tmp" && mv "$runner.tmp" "$runner"
  # The runner links only system libraries; the 100 MB build tree is not needed any more.
  rm -rf "$cache/build"
  echo "conformance: runner built in $((SECONDS - start)) s: $runner" >&2
}

# The conformance protocol and the proto2/proto3 test messages, as a descriptor set built by buf
# (its built-in well-known types stand in for protobuf's). Committed, so the testee crate builds
# without this cache; rewrite it only when moving to another protobuf-src.
write_descriptors() {
  local src scratch
  src=$(protobuf_source)
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/flow-conformance.XXXXXX")
  mkdir -p "$scratch/conformance" "$scratch/google/protobuf"
  cp "$src/conformance/conformance.proto" "$scratch/conformance/"
  cp "$src"/src/google/protobuf/test_messages_proto{2,3}.proto "$scratch/google/protobuf/"
  printf 'version: v2\n' >"$scratch/buf.yaml"
  (cd "$scratch" && "$root/node_modules/@bufbuild/buf-linux-x64/bin/buf" build \
    --as-file-descriptor-set --exclude-source-info -o "$root/crates/protobuf-conformance/conformance.fds.binpb")
  rm -rf "$scratch"
}

case "$mode" in
  build) build_runner; exit 0 ;;
  descriptors) write_descriptors; exit 0 ;;
  run) ;;
  *) echo "usage: conformance.sh [run|build|descriptors]" >&2; exit 2 ;;
esac

build_runner
cd "$root"
cargo build --quiet --locked -p protobuf-conformance
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
testee=$target/debug/protobuf-conformance-testee
failure_list=crates/protobuf-conformance/failure_list.txt
out=$cache/last-run
rm -rf "$out" && mkdir -p "$out"

start=$SECONDS
status=0
# --enforce_recommended: "Recommended" tests count too, so they cannot regress silently.
"$runner" --enforce_recommended --failure_list "$failure_list" --output_dir "$out" "$testee" \
  >"$out/runner.log" 2>&1 || status=$?
elapsed=$((SECONDS - start))

# Binary vs JSON: a test whose name mentions Json parses or writes JSON; the rest are binary.
listed=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$failure_list" | sed 's/#.*//' | tr -d '[:blank:]')
json=$(grep -c Json <<<"$listed" || true)
binary=$(grep -vc Json <<<"$listed" || true)
# Two suites run in this order: binary+JSON, then text format (all skipped: not supported). The
# runner stops after the first suite that fails.
awk '/^CONFORMANCE SUITE/ { print "conformance: " (++n == 1 ? "binary+JSON: " : "text format: ") $0 }' \
  "$out/runner.log"
if [ "$status" -ne 0 ]; then
  # The runner's own report names each failing test and what it got; show it, then the lists.
  grep -E '^(ERROR|WARNING),' "$out/runner.log" | cut -c1-400 >&2 || true
  for f in failing_tests nonexistent_tests succeeding_tests; do
    [ -s "$out/$f.txt" ] && { echo "conformance: $f:" >&2; sed 's/^/  /' "$out/$f.txt" >&2; }
  done
  echo "conformance: FAILED in ${elapsed} s: the failures differ from $failure_list (full log: $out/runner.log)" >&2
  exit 1
fi
echo "conformance: passed in ${elapsed} s; known failures as listed: binary $binary, JSON $json (see $failure_list)"
