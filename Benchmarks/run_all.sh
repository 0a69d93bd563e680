#!/usr/bin/env bash
# Every table of Benchmarks/README.md's "Current figures" in one command: the four record orders at
# 1M and 10M records (2,000 units), then 1M records with 2,000, 20,000 and 200,000 units (date order).
#
#   swift build -c release && Benchmarks/run_all.sh [OUT_DIR]        # default bench-out/; about 20 min quiet
#
# Each step is one plancheck-bench run (runs interleaved, medians of 3 after a warm-up that also
# compares every peer's findings with check's); each ends with a Markdown summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
B="${BIN:-.build/release}"
OUT="${1:-bench-out}"
"$B/plancheck-bench" --order all --records 1000000 --units 2000 --runs 3 --out "$OUT"
"$B/plancheck-bench" --order all --records 10000000 --units 2000 --runs 3 --out "$OUT"
for u in 2000 20000 200000; do
    "$B/plancheck-bench" --order date --records 1000000 --units "$u" --runs 3 --out "$OUT"
done
