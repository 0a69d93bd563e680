#!/usr/bin/env bash
# Unit scaling: time and peak memory of `plancheck check` (and `stats`) with rosters of many units
# (issue 25 class 3, issue 26 item 2): the fixed cost of a roster (reading, interning, the report
# grid) and what each unit adds.
#
#   Benchmarks/unit_scaling.sh [units...]            # default: 2000 20000 200000 1000000 5000000
#   RECORDS="0 1000000" TOOLS="check stats" BIN=.build/release OUT=bench-out/units Benchmarks/unit_scaling.sh 200000
#
# Inputs come from `plancheck-gen scale --records R --units U` (kept in $OUT/rR-uU, made when
# missing; a 5,000,000-unit roster is about 600 MB with its people), the plan is
# Checks/000-street-party-building-2022.csv with its committees renamed to the generated roster's
# (eleven rules: 200,000 units make 1.4 million result rows). Each run writes the CSV report to a
# pipe (`wc -c`). Prints one row per run: units, records, tool, exit, wall s, user s, peak RSS MB,
# report bytes. Needs /usr/bin/time (apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/release}"
OUT="${OUT:-bench-out/units}"
UNITS=("$@")
[ ${#UNITS[@]} -gt 0 ] || UNITS=(2000 20000 200000 1000000 5000000)
read -r -a RECS <<< "${RECORDS:-0 1000000}"
read -r -a TOOLS <<< "${TOOLS:-check}"
for b in plancheck plancheck-gen; do
    [ -x "$BIN/$b" ] || { echo "no $BIN/$b; build with: swift build -c release" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
mkdir -p "$OUT"
PLAN="$OUT/000-street-party-building-2022-scale.csv"   # keeps the year in the name
sed -e 's/龙门街道党工委/规模测试街道党工委/g; s/龙门街道纪工委/规模测试街道纪工委/g' \
    Checks/000-street-party-building-2022.csv > "$PLAN"
T=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-units-XXXXXX")
trap 'rm -rf "$T"' EXIT
printf '%9s %9s %6s %5s %8s %8s %10s %14s\n' units records tool exit wall_s user_s maxRSS_MB report_bytes
for u in "${UNITS[@]}"; do
    for r in "${RECS[@]}"; do
        D="$OUT/r$r-u$u"
        [ -f "$D/activities.csv" ] || "$BIN/plancheck-gen" scale --records "$r" --units "$u" --out "$D" > /dev/null
        for tool in "${TOOLS[@]}"; do
            set +e
            /usr/bin/time -f '%e %U %M' -o "$T/time.txt" "$BIN/plancheck" "$tool" --plan "$PLAN" \
                --roster "$D/roster-units.csv" --roster "$D/roster-people.csv" --as-of 2022-12-31 \
                --format csv "$D/activities.csv" 2>"$T/err.txt" | wc -c > "$T/bytes.txt"
            rc=${PIPESTATUS[0]}
            set -e
            read -r wall user rss < <(tail -n 1 "$T/time.txt")
            printf '%9s %9s %6s %5s %8s %8s %10s %14s\n' "$u" "$r" "$tool" "$rc" "$wall" "$user" "$((rss / 1024))" "$(cat "$T/bytes.txt")"
            [ "$rc" -lt 2 ] || echo "!! $(head -c 300 "$T/err.txt")"
        done
    done
done
