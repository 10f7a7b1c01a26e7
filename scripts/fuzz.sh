#!/usr/bin/env bash
# Runs every fuzz target for a bounded time over its committed corpus and regressions.
#   scripts/fuzz.sh SECONDS [SEED]
# With a SEED (the suite's smoke run), libFuzzer draws the same inputs in the same order on
# every run, so the suite passes or fails the same way each time; a slower machine only stops
# earlier in that same sequence. Without one (make fuzz), each run explores new inputs.
# New inputs go to a temporary folder (the committed corpus is never changed); a crash stops
# the run with the input's path, to be added to fuzz/regressions/<target>/ once fixed.
set -euo pipefail
seconds="${1:-20}"
seed="${2:-0}"
cd "$(dirname "$0")/../fuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo fuzz build -s none >/dev/null
for target in $(cargo fuzz list); do
  mkdir -p "$work/$target" corpus/"$target" regressions/"$target"
  if ! cargo fuzz run -s none "$target" "$work/$target" corpus/"$target" regressions/"$target" -- \
      -max_total_time="$seconds" -seed="$seed" -artifact_prefix="$work/crash-$target-" \
      -print_final_stats=1 >"$work/$target.log" 2>&1; then
    grep -m 1 -A 3 "panicked at" "$work/$target.log" >&2 || true
    tail -n 40 "$work/$target.log" >&2
    found=$(ls "$work"/crash-"$target"-* 2>/dev/null | head -n 1 || true)
    if [[ -n "$found" ]]; then
      mkdir -p "${TMPDIR:-/tmp}/hearth-fuzz-crashes"
      cp "$found" "${TMPDIR:-/tmp}/hearth-fuzz-crashes/"
      echo "fuzz: $target crashed; input kept in ${TMPDIR:-/tmp}/hearth-fuzz-crashes/$(basename "$found")" >&2
    fi
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
  echo "fuzz: $target: ${runs:-?} inputs in ${seconds} s (seed ${seed}), no crash"
done
