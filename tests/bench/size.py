#!/usr/bin/env python3
"""Size benchmark: Hearth's release binary and .deb against the hello-world Tauri baseline built
with the same toolchain and release profile (`make bench-size`). Budgets, on Linux x86_64: the
release binary <= 14 MiB and the .deb <= 10 MiB. The baseline is printed beside them for
context. Prints the figures and exits 1 over budget."""

import argparse
import sys
from pathlib import Path

BINARY_BUDGET_BYTES = 14 * 1024 * 1024
DEB_BUDGET_BYTES = 10 * 1024 * 1024


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.2f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hearth", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--deb", type=Path, required=True)
    args = parser.parse_args()
    for path in (args.hearth, args.baseline, args.deb):
        if not path.is_file():
            print(f"bench-size: {path} does not exist; build it first", file=sys.stderr)
            return 2

    hearth = args.hearth.stat().st_size
    baseline = args.baseline.stat().st_size
    deb = args.deb.stat().st_size
    ratio = hearth / baseline
    rows = [
        ("release binary", mib(hearth), f"baseline {mib(baseline)}", f"{ratio:.2f}x",
         f"<= {mib(BINARY_BUDGET_BYTES)}", hearth <= BINARY_BUDGET_BYTES),
        (".deb", mib(deb), "", "", f"<= {mib(DEB_BUDGET_BYTES)}", deb <= DEB_BUDGET_BYTES),
    ]
    print(f"{'figure':<16}{'measured':>12}  {'baseline':<20}{'ratio':>7}  {'budget':<14}result")
    for name, measured, base, ratio_text, budget, ok in rows:
        print(f"{name:<16}{measured:>12}  {base:<20}{ratio_text:>7}  {budget:<14}{'ok' if ok else 'OVER'}")
    return 0 if all(row[-1] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
