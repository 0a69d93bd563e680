#!/usr/bin/env bash
# Builds the three libFuzzer targets and runs each for a bounded time.
#
#   Tests/Fuzz/run.sh [seconds] [record|plan|xlsx|all]   # default 60 seconds per target, all targets
#
# Two targets at once (e.g. the 30-minute runs, on a shared machine):
#   nice -n 19 Tests/Fuzz/run.sh 1800 record & nice -n 19 Tests/Fuzz/run.sh 1800 plan &
#
# The targets are compiled with swiftc straight from Sources/PlanCheckKit plus the harness (one
# module, so internal API is visible); they are not SwiftPM targets and `swift build` never sees
# them. Output goes to .build-fuzz/: binaries, the grown corpus (seeded from Tests/Fuzz/corpus/*, which
# is never written to), and crash-*/timeout-*/oom-* artifacts. Exit status 1 when a target found a
# crash, a timeout or an out-of-memory input; reproduce one with
#   .build-fuzz/fuzz-record-reader .build-fuzz/artifacts/record/crash-…
set -euo pipefail
# A Swift trap is a plain deadly signal for libFuzzer: the Swift runtime's own backtracer would
# otherwise read the dying process's memory and be reported by AddressSanitizer instead.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-60}"
WHICH="${2:-all}"
OUT=.build-fuzz
mkdir -p "$OUT"
mapfile -t LIB < <(find Sources/PlanCheckKit -name '*.swift' | sort)
build() {  # name harness
    echo "== building $1"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -module-name PlanCheckKit \
        "${LIB[@]}" Tests/Fuzz/FuzzSupport.swift "Tests/Fuzz/$2" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 \
        || { grep -E 'error' "$OUT/$1.build.log" | head -20; exit 2; }
}
[ "$WHICH" = all ] || [ "$WHICH" = record ] && build fuzz-record-reader RecordReaderFuzz.swift
[ "$WHICH" = all ] || [ "$WHICH" = plan ] && build fuzz-plan-reader PlanReaderFuzz.swift
[ "$WHICH" = all ] || [ "$WHICH" = xlsx ] && build fuzz-workbook-reader WorkbookReaderFuzz.swift

status=0
run() {  # name corpus-name max-len timeout-seconds [extra libFuzzer flags]
    local name=$1 corpus=$2 maxlen=$3 timeout=$4; shift 4
    mkdir -p "$OUT/corpus/$corpus" "$OUT/artifacts/$corpus"
    echo "== running $name for ${SECONDS_EACH}s"
    # -max_len 8192 (record, plan): rows past the harness's 2048-byte row limit and past the
    # decoder's 4096-byte chunk; 65536 (xlsx): small real workbooks fit whole;
    # -rss_limit_mb: a leak or runaway buffer is an 'oom' artifact; -timeout: a hang is one (30 s for
    # xlsx: on a loaded machine AddressSanitizer's allocator alone stalled a 3 KB input for 14 s).
    set +e
    "$OUT/$name" "$OUT/corpus/$corpus" "Tests/Fuzz/corpus/$corpus" \
        -max_total_time="$SECONDS_EACH" -max_len="$maxlen" -rss_limit_mb=2048 -timeout="$timeout" \
        -artifact_prefix="$OUT/artifacts/$corpus/" -print_final_stats=1 "$@" >"$OUT/$name.log" 2>&1
    local rc=$?
    set -e
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)' "$OUT/$name.log" || true
    grep -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|FUZZ INVARIANT|Fatal error|SUMMARY' "$OUT/$name.log" | head -5 || true
    # A finding is a non-empty crash/timeout/oom/leak artifact or a sanitizer report; libFuzzer's
    # own exit status alone is not (an empty artifact from an interrupted run is no finding).
    local found
    # (slow-unit-* files are libFuzzer's notes on slow inputs, not findings.)
    found=$(find "$OUT/artifacts/$corpus" -type f -newer "$OUT/$name" -size +0 \
        \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) 2>/dev/null | head -20)
    if [ -n "$found" ] || grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|FUZZ INVARIANT|Fatal error' "$OUT/$name.log"; then
        echo "!! $name found a problem (exit $rc); artifacts:"; echo "$found"; status=1
    elif [ $rc -ne 0 ]; then
        echo "-- $name exited $rc without a crash artifact or sanitizer report; see $OUT/$name.log"
    fi
}
# Leak detection is off for the record reader: its two-thread path hands the summary over from a
# reader thread that is never joined (Foundation's Thread cannot be), so LeakSanitizer, checking
# right after an input, can catch that thread's last references in flight and report ~500 bytes.
# Not a leak: 200,000 two-thread reads in one process (no sanitizer) stay at 20 MB resident.
if [ "$WHICH" = all ] || [ "$WHICH" = record ]; then run fuzz-record-reader record 8192 10 -detect_leaks=0; fi
if [ "$WHICH" = all ] || [ "$WHICH" = plan ]; then run fuzz-plan-reader plan 8192 10; fi
if [ "$WHICH" = all ] || [ "$WHICH" = xlsx ]; then run fuzz-workbook-reader xlsx 65536 30; fi
exit $status
