# flow-proto: the Flow contract and its generated code.
#   make        the whole pipeline: tools, lint, format check, breaking check, gen, check-gen, builds
#   make test   everything `make` checks, plus every test in Rust, Go and TypeScript
# `make help` lists every target.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

BUF        := node_modules/@bufbuild/buf-linux-x64/bin/buf
TSC        := node_modules/.bin/tsc
ACTIONLINT := .tools/bin/actionlint
GO_PLUGINS := .tools/bin/protoc-gen-go .tools/bin/protoc-gen-go-grpc
GO_TOOLS   := $(GO_PLUGINS) $(ACTIONLINT)
WORKFLOWS  := $(wildcard .github/workflows/*.yml)
NPM_STAMP  := node_modules/.flow-setup-stamp
GEN_STAMP  := .cache/gen.stamp
CHECK_GEN_STAMP := .cache/check-gen.stamp
GEN_FILES  := $(shell find gen/go/flow gen/ts/src gen/rust/src services/ts-consumer/src/gen -type f 2>/dev/null)
TS_STAMPS  := gen/ts/dist/.stamp tests/ts/dist/.stamp services/ts-consumer/dist/.stamp
BASELINE   := release/baseline.binpb
PROTOS     := $(shell find proto -name '*.proto' | sort)
GRPC_PROTOS := $(shell find third_party/grpc -name '*.proto' | sort)
GENERATOR  := $(wildcard crates/flow-proto-build/src/*.rs) crates/flow-proto-build/Cargo.toml
GO_MODULES := gen/go tests/go services/go-processor
CARGO_FLAGS := --locked

.PHONY: all help setup lint format format-check breaking gen check-gen build build-rust build-go \
	build-ts test test-rust test-go test-ts test-policy fixture bench conformance fuzz demo demo-if-changed demo-programs release clean

all: setup lint format-check breaking gen $(CHECK_GEN_STAMP) build demo-if-changed ## The whole pipeline (default).
	@echo
	@echo "== flow-proto: all done =="
	@echo "  protos:    $(words $(PROTOS)) files in $(words $(sort $(dir $(PROTOS)))) packages, lint + format + breaking clean"
	@echo "  gen/go:    $$(find gen/go/flow -name '*.go' | wc -l) files, $$(cat $$(find gen/go/flow -name '*.go') | wc -l) lines"
	@echo "  gen/ts:    $$(find gen/ts/src -name '*.ts' | wc -l) files, $$(cat $$(find gen/ts/src -name '*.ts') | wc -l) lines"
	@echo "  gen/rust:  $$(find gen/rust/src -name '*.rs' | wc -l) files, $$(cat $$(find gen/rust/src -name '*.rs') | wc -l) lines"
	@echo "  built:     Rust workspace, Go modules ($(GO_MODULES)), TypeScript package gen/ts"
	@echo "  demo:      $(DEMO_RECORDS) records through Rust source -> Go processor -> TS consumer, exactly once"

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 16

# ---------------------------------------------------------------------------------------------
# Tools: pinned by package-lock.json (buf, protoc-gen-es, typescript), tools/go.mod (Go plugins,
# actionlint) and Cargo.lock (Rust). Nothing is installed globally; each step is skipped when up
# to date.

setup: $(NPM_STAMP) $(GO_TOOLS) ## Install the pinned tools (idempotent; quick when done).

$(NPM_STAMP): package.json package-lock.json gen/ts/package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(GO_TOOLS) &: tools/go.mod tools/go.sum
	cd tools && go build -o ../.tools/bin/ google.golang.org/protobuf/cmd/protoc-gen-go \
		google.golang.org/grpc/cmd/protoc-gen-go-grpc github.com/rhysd/actionlint/cmd/actionlint
	@touch $(GO_TOOLS)

# ---------------------------------------------------------------------------------------------
# The contract.

lint: setup ## buf lint, actionlint on the workflows, clippy, rustfmt, go vet and gofmt.
	$(BUF) lint
	$(ACTIONLINT) $(WORKFLOWS)
	cargo fmt --all --check
	cargo clippy $(CARGO_FLAGS) --workspace --all-targets --quiet -- -D warnings
	@test -z "$$(gofmt -l $(GO_MODULES))" || { gofmt -l $(GO_MODULES); echo "gofmt: run make format"; exit 1; }
	for m in $(GO_MODULES); do (cd $$m && go vet ./...); done

format: setup ## Format protos, Rust and Go in place.
	$(BUF) format -w
	cargo fmt --all
	gofmt -w tests/go services/go-processor

format-check: setup ## Fail if any proto is not buf-formatted.
	$(BUF) format --diff --exit-code

# A HEAD from before the root workspace (buf.yaml was in proto/ then) is read with subdir=proto.
breaking: setup ## FILE-category breaking check against git HEAD and the last release's baseline.
	@if ! git rev-parse --verify -q HEAD >/dev/null; then \
		echo "breaking: no commit yet; skipped"; \
	elif git cat-file -e HEAD:buf.yaml 2>/dev/null; then \
		echo "breaking: working tree against HEAD"; \
		$(BUF) breaking --against '.git#ref=HEAD'; \
	elif git cat-file -e HEAD:proto/buf.yaml 2>/dev/null; then \
		echo "breaking: working tree against HEAD (old layout: proto/buf.yaml)"; \
		$(BUF) breaking --against '.git#ref=HEAD,subdir=proto'; \
	else echo "breaking: no committed buf module at HEAD yet; skipped"; fi
	@if [ -f $(BASELINE) ]; then \
		echo "breaking: working tree against the last release ($(BASELINE))"; \
		$(BUF) breaking --against $(BASELINE); \
	else echo "breaking: no release baseline yet; skipped"; fi

# ---------------------------------------------------------------------------------------------
# Generated code (gen/). Never edit it: change proto/ and run `make gen`.

gen: $(GEN_STAMP) ## Regenerate gen/ (Rust, Go, TypeScript) from proto/.

$(GEN_STAMP): $(PROTOS) $(GRPC_PROTOS) buf.yaml buf.gen.yaml buf.gen.grpc.yaml scripts/gen.sh scripts/ts-index.mjs \
		$(GENERATOR) Cargo.lock $(NPM_STAMP) $(GO_PLUGINS)
	scripts/gen.sh write
	@mkdir -p $(dir $@) && touch $@

check-gen: setup ## Fail if gen/ differs from what proto/ generates.
	scripts/gen.sh check

# `make` re-checks only when proto/, the generator or gen/ changed; `make test` always checks.
$(CHECK_GEN_STAMP): $(GEN_STAMP) $(GEN_FILES)
	scripts/gen.sh check
	@touch $@

# ---------------------------------------------------------------------------------------------
# Builds.

build: build-rust build-go build-ts ## Build all three languages.

build-rust: gen
	cargo build $(CARGO_FLAGS) --workspace --all-targets --quiet

build-go: gen
	for m in $(GO_MODULES); do (cd $$m && go build ./...); done

build-ts: gen $(TS_STAMPS)

# Each TypeScript project is compiled only when its sources (or what it imports) changed.
gen/ts/dist/.stamp: $(GEN_STAMP) $(shell find gen/ts/src -name '*.ts') gen/ts/tsconfig.json $(NPM_STAMP)
	$(TSC) -p gen/ts/tsconfig.json
	@touch $@
tests/ts/dist/.stamp: gen/ts/dist/.stamp $(shell find tests/ts/src -name '*.ts') tests/ts/tsconfig.json
	$(TSC) -p tests/ts/tsconfig.json
	@touch $@
services/ts-consumer/dist/.stamp: gen/ts/dist/.stamp $(shell find services/ts-consumer/src -name '*.ts') \
		services/ts-consumer/tsconfig.json
	$(TSC) -p services/ts-consumer/tsconfig.json
	@touch $@

# ---------------------------------------------------------------------------------------------
# Tests.

# check-gen comes first: `all` regenerates gen/, which would silently repair a hand edit or a
# forgotten `make gen` before anything compared them.
test: check-gen all test-policy test-rust test-go test-ts ## check-gen, everything `make` does, all tests.
	@echo
	@echo "== flow-proto: all tests passed =="

test-rust: gen
	cargo test $(CARGO_FLAGS) --workspace
	@# A crate outside the workspace that uses flow-proto through serde_json alone (same target dir).
	cd tests/rust-serde-only && CARGO_TARGET_DIR=$(CURDIR)/target cargo test $(CARGO_FLAGS)
	@# The core conformance kit against the real `flow-core serve` binary, from outside.
	scripts/core-kit.sh

test-go: gen setup
	cd gen/go && go test ./...
	cd tests/go && go test ./...
	cd services/go-processor && go test -race -count=1 ./...

test-ts: build-ts
	node --test tests/ts/dist/
	node --test services/ts-consumer/dist/

test-policy: setup ## Prove the breaking-change policy: known-breaking edits fail, allowed edits pass.
	cd tests/go && BUF="$(CURDIR)/$(BUF)" BUF_WORKSPACE="$(CURDIR)" go test ./policy/ -count=1 -v -run TestBreakingPolicy

# ---------------------------------------------------------------------------------------------
# Fixtures and benchmarks.

fixture: ## Add a fixture case: make fixture MESSAGE=flow.common.v1.Credit CASE=name JSON=file.json
	@test -n "$(MESSAGE)" -a -n "$(CASE)" -a -n "$(JSON)" || \
		{ echo "usage: make fixture MESSAGE=<full.Name> CASE=<snake_case> JSON=<file>"; exit 2; }
	cargo run --quiet $(CARGO_FLAGS) -p flow-fixture -- add "$(MESSAGE)" "$(CASE)" --json "$(JSON)"
	INSTA_UPDATE=always cargo test --quiet $(CARGO_FLAGS) -p flow-proto --test fixture_corpus
	@echo "fixture: added; review the snapshot diff with git diff crates/flow-proto/tests/snapshots"

conformance: ## Google's protobuf conformance suite against prost + flow_proto::json (runner cached).
	scripts/conformance.sh

DEMO_RECORDS ?= 1000000

demo: demo-programs ## Demo: 1M records Rust source -> Go processor (killed half-way) -> TS consumer.
	scripts/demo.sh $(DEMO_RECORDS) --always

# In `all`: runs the demo unless its programs are byte-identical to the last passing run's.
demo-if-changed: demo-programs
	scripts/demo.sh $(DEMO_RECORDS)

demo-programs: build-ts
	cargo build $(CARGO_FLAGS) --quiet -p flow-reference -p flow-demo
	cd services/go-processor && go build -o ../../.tools/bin/flow-go-processor ./cmd/flow-go-processor

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := frame_decoder message_decode

.tools/bin/cargo-fuzz:
	cargo install cargo-fuzz --version 0.13.2 --locked --root $(CURDIR)/.tools

fuzz: .tools/bin/cargo-fuzz ## Run each fuzz target for FUZZ_SECONDS (nightly). make test replays them on stable.
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		PATH="$(CURDIR)/.tools/bin:$$PATH" cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

bench: build-ts ## Codec benchmarks in Rust, Go and TypeScript, as one table with ratios.
	scripts/bench.sh

# ---------------------------------------------------------------------------------------------
# Releases.

release: ## Tag a release: make release VERSION=x.y.z (baseline image, CHANGELOG, tags).
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	scripts/release.sh "$(VERSION)"

clean: ## Remove build outputs (not gen/).
	cargo clean
	rm -rf .cache gen/ts/dist tests/ts/dist services/ts-consumer/dist
