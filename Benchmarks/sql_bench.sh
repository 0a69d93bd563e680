#!/usr/bin/env bash
# The warehouse path at 10M records: native `plancheck check` vs `plancheck sql` on DuckDB (reading the
# normalized CSV itself) and on Spark SQL in local mode (over Parquet), then `check --counts`.
# Wall time and peak RSS of each step from GNU time (`/usr/bin/time -f`).
#
#   bash Benchmarks/sql_bench.sh [RECORDS] [OUT_DIR]      # default 10000000, bench-out/sql
#
# Needs a release build, python3 with duckdb and pyspark, Java 17. For Spark the peak RSS is the
# driver JVM's (local mode runs the executors inside it), read from /proc while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000000}
OUT=${2:-bench-out/sql}
B=.build/release
mkdir -p "$OUT"
D=$OUT/r$N
[ -f "$D/activities.csv" ] || $B/plancheck-gen scale --records "$N" --units 20000 --out "$D" >/dev/null
# Plans 000 and 001 with their two committees renamed to the generated roster's.
for p in 000-street-party-building-2022 001-street-office-party-committee-2022; do
    sed -e 's/龙门街道党工委/规模测试街道党工委/g; s/龙门街道纪工委/规模测试街道纪工委/g' Checks/$p.csv > "$OUT/$p-scale.csv"
done
ARGS=(--plan "$OUT/000-street-party-building-2022-scale.csv" --plan "$OUT/001-street-office-party-committee-2022-scale.csv"
      --roster "$D/roster-units.csv" --roster "$D/roster-people.csv" --as-of 2022-11-21)
T() { local name=$1; shift; /usr/bin/time -f "$name: %e s wall, %M KB peak RSS" "$@"; }

T "native check" $B/plancheck check "${ARGS[@]}" --lang en --format csv "$D/activities.csv" > "$OUT/native.csv" || true
T "inspect --format csv" $B/plancheck inspect --format csv --no-formula-guard -o "$D/records.csv" "$D/activities.csv"

$B/plancheck sql --dialect duckdb "${ARGS[@]}" --table "$D/records.csv" -o "$OUT/duckdb.sql"
T "duckdb sql (CSV path)" python3 Benchmarks/sql_runner.py duckdb "$OUT/duckdb.sql" > "$OUT/counts-duckdb.csv"
T "check --counts (duckdb)" $B/plancheck check "${ARGS[@]}" --counts "$OUT/counts-duckdb.csv" --lang en --format csv > "$OUT/from-duckdb.csv" || true

if python3 -c 'import pyspark' 2>/dev/null; then
    # Load: the normalized CSV into Parquet (what a warehouse table is), then the script over it.
    T "spark load CSV -> Parquet" python3 - "$D/records.csv" "$D/records.parquet" <<'EOF'
import sys
from pyspark.sql import SparkSession
s = SparkSession.builder.master("local[2]").config("spark.driver.memory", "4g").config("spark.ui.showConsoleProgress", "false").getOrCreate()
s.sparkContext.setLogLevel("ERROR")
s.read.csv(sys.argv[1], header=True, multiLine=True, escape='"').write.mode("overwrite").parquet(sys.argv[2])
EOF
    $B/plancheck sql --dialect spark "${ARGS[@]}" --table activities -o "$OUT/spark.sql"
    python3 Benchmarks/sql_runner.py spark "$OUT/spark.sql" --view activities="$D/records.parquet" --memory 4g > "$OUT/counts-spark.csv" 2> "$OUT/spark.log" &
    pid=$!; peak=0; t0=$(date +%s.%N)
    while kill -0 $pid 2>/dev/null; do
        for j in $(pgrep -f 'org.apache.spark.deploy.SparkSubmit' || true); do
            r=$(awk '/VmHWM/ {print $2}' /proc/$j/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r
        done
        sleep 1
    done
    wait $pid
    echo "spark sql (Parquet, local[2]): $(echo "$(date +%s.%N) - $t0" | bc) s wall, $peak KB peak RSS (driver JVM)"
    grep total "$OUT/spark.log" || true
    T "check --counts (spark)" $B/plancheck check "${ARGS[@]}" --counts "$OUT/counts-spark.csv" --lang en --format csv > "$OUT/from-spark.csv" || true
fi
# The same findings: the CSV reports but the evidence column and the input rows.
python3 - "$OUT/native.csv" "$OUT/from-duckdb.csv" ${OUT:+"$OUT/from-spark.csv"} <<'EOF'
import csv, sys
def rows(p):
    try:
        with open(p, encoding="utf-8-sig") as f:
            r = csv.reader(f); h = next(r)
            keep = [i for i, c in enumerate(h) if c not in ("evidence", "note")]
            return sorted(tuple(x[i] for i in keep) for x in r if x and x[0] not in ("rejected", "input", "quality"))
    except FileNotFoundError:
        return None
base = rows(sys.argv[1])
for p in sys.argv[2:]:
    other = rows(p)
    if other is not None:
        print(f"{p}: {'same' if other == base else 'DIFFERENT'} rule rows as native ({len(base)})")
EOF
