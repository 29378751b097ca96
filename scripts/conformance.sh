#!/usr/bin/env bash
# Runs Google's protobuf conformance suite against our Rust stack (`make conformance`):
# binary via prost-generated types, proto3 JSON via flow_proto::json::JsonCodec, through the
# testee crates/flow-conformance.
#
#   scripts/conformance.sh          build the runner if needed, then run the suite
#   scripts/conformance.sh build    only build (and cache) the runner
#
# The runner (`conformance_test_runner`, C++) takes ~16 min on 2 cores, so it is built once and
# cached outside the clone, in ${FLOW_CACHE_DIR:-$HOME/.cache/flow-proto}/conformance/. Its
# source comes from the crates.io package protobuf-src (which vendors protobuf 27.1 in full,
# conformance/ and abseil included), fetched by cargo: no git clone, no protoc, no prebuilt
# runner (the npm/PyPI ones need a newer glibc than Debian 12 has).
#
# The run passes when exactly the tests in crates/flow-conformance/failure_list.txt fail: a new
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

build_runner() {
  if [ -x "$runner" ]; then
    return
  fi
  command -v cmake >/dev/null || { echo "conformance: cmake is missing (apt-get install -y cmake)" >&2; exit 1; }
  if [ ! -f /usr/include/jsoncpp/json/json.h ]; then
    echo "conformance: installing libjsoncpp-dev (the runner's JSON library)" >&2
    apt-get update -qq && apt-get install -y -qq libjsoncpp-dev >/dev/null
  fi
  local src
  src=$(protobuf_source)
  [ -f "$src/conformance/conformance.proto" ] || { echo "conformance: no conformance/ in $src" >&2; exit 1; }
  echo "conformance: building conformance_test_runner from $src (once; ~16 min on 2 cores)" >&2
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
  echo "conformance: runner built in $((SECONDS - start)) s: $runner" >&2
}

build_runner
[ "$mode" = build ] && exit 0
