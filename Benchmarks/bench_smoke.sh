#!/usr/bin/env bash
# Smoke test of plancheck-bench (no timing is judged): a small run of every order with the seed-000
# plan, and one with plan 001 (role and coverage rules: the Polars peer runs on the subset it covers,
# `check (Polars plan)` beside it), must end with every peer's findings identical to check's.
#
#   bash Benchmarks/bench_smoke.sh            # uses .build/release (builds it if missing)
#
# Peers whose Python module is missing are left out by the bench (it says so); called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLANCHECK_BIN:-$PWD/.build/release}
[ -x "$BIN/plancheck-bench" ] && [ -x "$BIN/plancheck" ] || swift build -c release
OUT=$(mktemp -d /tmp/plancheck-bench-smoke.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
fail=0
run() {
    local log=$OUT/log-$1; shift
    if ! "$BIN/plancheck-bench" --bin "$BIN" --records 20000 --units 300 --runs 1 --out "$OUT" "$@" > "$log" 2>&1; then
        echo "FAIL plancheck-bench $*"; tail -20 "$log"; fail=1; return
    fi
    local peers=0 orders=$2
    python3 -c 'import duckdb' 2>/dev/null && peers=$((peers + 1))
    python3 -c 'import polars' 2>/dev/null && peers=$((peers + 1))
    [ "$orders" = all ] && orders=4 || orders=1
    local same; same=$(grep -c ': same as check: ' "$log" || true)
    if [ "$same" -ne $((peers * orders * 2)) ]; then  # each comparison line is printed twice (per order and in the summary)
        echo "FAIL plancheck-bench $*: $same 'same as check' lines, expected $((peers * orders * 2))"; tail -30 "$log"; fail=1; return
    fi
    grep -q '^| date | check |' "$log" || { echo "FAIL plancheck-bench $*: no summary table"; fail=1; return; }
    echo "ok   plancheck-bench $* ($same comparisons)"
}
run all --order all
run 001 --order date --plan Checks/001-street-office-party-committee-2022.csv
exit $fail
