#!/usr/bin/env bash
# Checks that Rust and Node.js are present and new enough, with a clear hint when not.
set -euo pipefail

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: Rust is missing. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
rust_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
if ((rust_minor < 95)); then
  echo "setup: Rust 1.95 or newer is needed (found $(rustc --version)); run: rustup update" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  echo "setup: Node.js 20.19 or newer is missing; install it from your package manager or nodejs.org." >&2
  exit 1
fi
node_version=$(node --version | sed 's/^v//')
IFS=. read -r node_major node_minor _ <<<"$node_version"
if ((node_major < 20 || (node_major == 20 && node_minor < 19))); then
  echo "setup: Node.js 20.19 or newer is needed (found $node_version)." >&2
  exit 1
fi
