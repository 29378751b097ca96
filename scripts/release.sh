#!/usr/bin/env bash
# Cuts a release of the contract: scripts/release.sh X.Y.Z (or `make release VERSION=X.Y.Z`).
#
# 1. Refuses unless the tree is clean, on main, and `make test` passes.
# 2. Writes release/baseline.binpb: the buf image every later change is checked against
#    (`make breaking`), so nothing in this release's wire or JSON form can break inside v1; and
#    release/fixtures.sha256, which freezes every fixture case that exists now.
# 3. Stamps the version into the packages and moves CHANGELOG's "Unreleased" notes under it.
# 4. Commits, and tags vX.Y.Z plus gen/go/vX.Y.Z (the Go module lives in gen/go, and Go finds a
#    nested module's versions by tags with its directory as prefix).
# Set SKIP_TESTS=1 only when the same commit has just passed `make test`.
set -euo pipefail
version=${1:?usage: release.sh X.Y.Z}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release: '$version' is not X.Y.Z" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
buf=node_modules/@bufbuild/buf-linux-x64/bin/buf

[ -z "$(git status --porcelain)" ] || { echo "release: the working tree is not clean" >&2; exit 1; }
! git rev-parse -q --verify "refs/tags/v$version" >/dev/null || { echo "release: v$version exists" >&2; exit 1; }
grep -q '^## \[Unreleased\]' CHANGELOG.md || { echo "release: CHANGELOG.md has no [Unreleased] section" >&2; exit 1; }
[ "${SKIP_TESTS:-0}" = 1 ] || make test

mkdir -p release
"$buf" build -o release/baseline.binpb
# Every fixture that exists now is frozen: the corpus test fails if one changes or disappears.
(cd crates/flow-proto && find fixtures fixtures-forward -type f | LC_ALL=C sort | xargs sha256sum) \
  > release/fixtures.sha256
echo "$version" > release/VERSION

# Versions of the three packages follow the contract's.
sed -i -E "0,/^version = \"[^\"]+\"/s//version = \"$version\"/" Cargo.toml
sed -i -E "s/(flow-proto-types = \{ path = \"..\/..\/gen\/rust\", version = )\"[^\"]+\"/\1\"$version\"/" crates/flow-proto/Cargo.toml
node -e '
  const fs = require("fs");
  const p = "gen/ts/package.json";
  const pkg = JSON.parse(fs.readFileSync(p, "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
' "$version"
cargo metadata --format-version 1 >/dev/null   # refresh Cargo.lock with the new versions

today=$(date -u +%Y-%m-%d)
sed -i "s/^## \[Unreleased\]$/## [Unreleased]\n\n## [$version] - $today/" CHANGELOG.md

git add -A release Cargo.toml Cargo.lock crates/flow-proto/Cargo.toml gen/ts/package.json CHANGELOG.md
git commit -q -m "Release $version"
git tag -a "v$version" -m "flow-proto $version"
git tag -a "gen/go/v$version" -m "flow-proto Go module $version"
echo "release: tagged v$version and gen/go/v$version; baseline in release/baseline.binpb"
