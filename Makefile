# Hearth's two entry points: `make run` and `make test`. Both set up what is missing first
# (Debian/Ubuntu packages, Node packages, Rust tools), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
HEARTH_BIN := $(TARGET_DIR)/debug/hearth
UI_STAMP := ui/node_modules/.package-lock.json
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)

.PHONY: fuzz fuzz-smoke bench-journal bench-sync run test setup-run setup-test toolchain ui-deps ui-build app-build lint rust-test ui-test \
	flow-test e2e-test sync-test cli-build install-test bindings bench bench-practices bench-size package icons release-check content-check

## run: set up, build and open Hearth
run: setup-run app-build
	$(HEARTH_BIN)

## test: set up and run every test: lint, Rust, UI unit, Chromium flows, the real app, two computers
## syncing through real Syncthing, the installed .deb
test: setup-test lint rust-test fuzz-smoke ui-test flow-test e2e-test sync-test install-test
	@echo "make test: all suites passed"

toolchain:
	@scripts/check-toolchain.sh

setup-run: toolchain
	@scripts/setup-system.sh run
	@$(MAKE) --no-print-directory ui-deps

setup-test: toolchain
	@scripts/setup-system.sh test
	@$(MAKE) --no-print-directory ui-deps
	@command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

ui-deps: $(UI_STAMP)
$(UI_STAMP): ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

ui-build:
	cd ui && npm run --silent build

# The shell embeds ui/dist at compile time, so the UI is built first.
app-build: ui-build
	cargo build -p hearth -p hearth-cli --bins --example fake_tray_host

lint: ui-build
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run --silent check
	$(MAKE) --no-print-directory release-check

## release-check: actionlint on the release workflow; installer, icon and updater configuration
release-check: ui-deps
	node --test tests/release/

rust-test: ui-build
	cargo nextest run --workspace --locked --no-fail-fast
	cargo test --workspace --doc --locked

## fuzz-smoke: every fuzz target over its corpus from a fixed seed for a fixed number of inputs
## (200,000 for the slow targets, more for the quick ones; at most 60 s each), over ground
## `make fuzz` has covered first (docs/decisions/0018). Part of make test; the corpora are also
## replayed on stable by the hearth-fuzz-harness test.
fuzz-smoke:
	scripts/fuzz.sh 60 1729 200000

## fuzz: every fuzz target for FUZZ_SECONDS (default 300) each
fuzz:
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),300)

ui-test:
	cd ui && npm test

flow-test: ui-build
	cd ui && npm run --silent test:flow

e2e-test: app-build
	HEARTH_BIN=$(HEARTH_BIN) HEARTH_CLI=$(TARGET_DIR)/debug/hearth-cli HEARTH_TRAY_HOST=$(TARGET_DIR)/debug/examples/fake_tray_host \
	  timeout -k 30 2400 xvfb-run -a dbus-run-session -- node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/

cli-build:
	cargo build -p hearth-cli

## sync-test: two data folders syncing through two real Syncthing instances on loopback (Debian's
## syncthing, installed by setup-test): pairing, offline writes, conflict copies, kill -9, 10,000 entries
sync-test: cli-build
	HEARTH_CLI=$(TARGET_DIR)/debug/hearth-cli timeout -k 30 2400 node --test --test-concurrency=1 --test-timeout=900000 tests/sync/

## bindings: regenerate ui/src/lib/bindings.ts and the UI fixtures from the Rust types
bindings:
	HEARTH_UPDATE_GENERATED=1 cargo test -p hearth-tidy --test tidy

## content-check: validate content/ with the CLI
content-check:
	cargo run -q -p hearth-cli -- content check content

## bench-journal: unlock, search, save, open-by-id and import figures against their baselines
bench-journal:
	cargo bench -p hearth-store --features baseline --bench journal

## bench-planner: planning the next reminder over 500 rituals (budget 1 ms)
bench-planner:
	cargo bench -p hearth-core --bench planner

## bench-sync: 10,000 entries sent and applied against the JSON export and import, one entry's
## trip to the other computer's notebook, the exchange folder's size; then the idle app with sync
## on against sync off (release build, under Xvfb; BENCH_ARGS="--idle 60 --pairs 3")
bench-sync: setup-test ui-build
	cargo bench -p hearth-app --bench sync; bench=$$?; \
	  cargo build --release -p hearth -p hearth-cli && \
	  python3 tests/bench/run.py --sync --hearth $(TARGET_DIR)/release/hearth --baseline $(TARGET_DIR)/release/hearth \
	    --cli $(TARGET_DIR)/release/hearth-cli --rituals 0 $(BENCH_ARGS); idle=$$?; \
	  exit $$(( bench || idle ))

## package: the Linux installers (.deb and .rpm) with Tauri's bundler, in target/release/bundle
# (the CLI runs from src-tauri/: at the workspace root it finds no package to build)
package: setup-run ui-build
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb,rpm

## install-test: build the .deb, install it with apt, start the installed Hearth, uninstall it
install-test: package
	tests/install/deb.sh $(TARGET_DIR)/release/bundle/deb/Hearth_$(VERSION)_$(DEB_ARCH).deb

## icons: render every icon from src-tauri/icons/hearth.svg and tray.svg (committed; run after editing them)
icons: ui-deps
	scripts/render-icons.sh

## bench-size: the release binary and the .deb against the hello-world baseline built the same way
bench-size: package
	cargo build --release -p hearth-bench-hello
	python3 tests/bench/size.py --hearth $(TARGET_DIR)/release/hearth --baseline $(TARGET_DIR)/release/hearth-bench-hello \
	  --deb $(TARGET_DIR)/release/bundle/deb/Hearth_$(VERSION)_$(DEB_ARCH).deb

## bench-practices: breathing phase accuracy and CPU, phones-off CPU, in the real app (release)
bench-practices: setup-test ui-build
	cargo build --release -p hearth
	cargo build -p hearth --example fake_tray_host
	HEARTH_BIN=$(TARGET_DIR)/release/hearth HEARTH_TRAY_HOST=$(TARGET_DIR)/debug/examples/fake_tray_host xvfb-run -a dbus-run-session -- node tests/bench/practices.mjs $(BENCH_ARGS)

## bench: start-up time and memory of Hearth against the Tauri hello-world baseline
bench: setup-test ui-build
	cargo build --release -p hearth -p hearth-cli -p hearth-bench-hello
	python3 tests/bench/run.py --hearth $(TARGET_DIR)/release/hearth --baseline $(TARGET_DIR)/release/hearth-bench-hello \
	  --cli $(TARGET_DIR)/release/hearth-cli $(BENCH_ARGS)
