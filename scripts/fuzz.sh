#!/usr/bin/env bash
# Runs every fuzz target for a bounded time over its committed corpus and regressions.
#   scripts/fuzz.sh SECONDS [SEED [RUNS]]
# With a SEED and RUNS (the suite's smoke run), each target tries a fixed number of inputs from
# a fixed seed, however fast the machine (nearly the same inputs each run; see
# docs/decisions/0018); SECONDS still bounds each target. Without them (make fuzz), each run
# explores fresh inputs for SECONDS per target.
# New inputs go to a temporary folder (the committed corpus is never changed); a crash stops
# the run with the input's path, to be added to fuzz/regressions/<target>/ once fixed.
set -euo pipefail
seconds="${1:-20}"
seed="${2:-0}"
runs="${3:--1}"
# In a run with RUNS, the quick targets try more: about as many seconds each as the slow ones
# (a TOML or .ics parse, a sealed segment) need for RUNS inputs here.
declare -A quick_runs=([backup_head]=2000000 [json_import]=2000000 [key_file]=2000000 [rule]=1000000
  [sync_files]=1000000 [sync_changes]=400000)
cd "$(dirname "$0")/../fuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo fuzz build -s none >/dev/null
for target in $(cargo fuzz list); do
  mkdir -p "$work/$target" corpus/"$target" regressions/"$target"
  target_runs="$runs"
  if [[ "$runs" != -1 ]]; then target_runs="${quick_runs[$target]:-$runs}"; fi
  if ! cargo fuzz run -s none "$target" "$work/$target" corpus/"$target" regressions/"$target" -- \
      -max_total_time="$seconds" -seed="$seed" -runs="$target_runs" -artifact_prefix="$work/crash-$target-" \
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
  tried=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$work/$target.log")
  echo "fuzz: $target: ${tried:-?} inputs in ${took:-$seconds} s (seed ${seed}), no crash"
done
