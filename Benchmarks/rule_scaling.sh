#!/usr/bin/env bash
# Rule scaling: time and peak memory of `plancheck check` with plans of many weekly kind-scoped
# rules (the 50,000-rule case of issue 25), over the sample roster and records.
#
#   Benchmarks/rule_scaling.sh [path/to/plancheck] [rule counts...]
#   # default: .build/release/plancheck, 1000 10000 50000
#
# Each plan has N rules `count 党课 ≥ 1 per week, scope kind:社区党支部` (6 branches of the
# sample roster: N × 6 × 52 result cells). Prints one row per plan: rules, result cells, exit,
# wall seconds, peak RSS (MB), report bytes (CSV to /dev/null is counted by wc). Needs
# /usr/bin/time (apt-get install -y time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/release/plancheck}"
shift || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1000 10000 50000)
[ -x "$BIN" ] || { echo "no binary at $BIN; build with: swift build -c release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-rules-XXXXXX")
trap 'rm -rf "$T"' EXIT
printf '%8s %12s %5s %8s %10s %14s\n' rules cells exit wall_s maxRSS_MB csv_bytes
for n in "${COUNTS[@]}"; do
    python3 - "$T/plan-$n-2022.csv" "$n" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("id,title,checker,types,threshold,period,scope,source\n")
    for i in range(int(sys.argv[2])): out.write("W%06d,每周党课,count,党课,1,week,kind:社区党支部,每周\n" % i)
PY
    set +e
    /usr/bin/time -v -o "$T/time.txt" "$BIN" check --plan "$T/plan-$n-2022.csv" --roster SampleData/roster-units.csv \
        --as-of 2022-12-31 --fail-on never --format csv SampleData/records 2>"$T/err.txt" | wc -c > "$T/bytes.txt"
    rc=${PIPESTATUS[0]}
    set -e
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$T/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$T/time.txt")
    printf '%8s %12s %5s %8s %10s %14s\n' "$n" $((n * 6 * 52)) "$rc" "$wall" "$rss" "$(cat "$T/bytes.txt")"
    [ "$rc" -lt 128 ] || { echo "!! signal $((rc - 128)): $(head -c 300 "$T/err.txt")"; }
done
