#!/usr/bin/env bash
# Hostile inputs at full size against the release binary: each must end in seconds with a clear
# error (exit 2) or a clean report (exit 0/1), with bounded memory. Prints one row per case:
# exit code, wall seconds, max RSS, first line of standard error.
#
#   Tests/Scripts/hostile.sh [path/to/plancheck]     # default: .build-rel/release/plancheck
#
# Inputs are generated into a temporary directory (removed at the end) by streaming (head -c,
# python3) or as sparse files, so the script needs about 1.5 GB of free disk for a moment.
# Needs /usr/bin/time (Debian/Ubuntu: apt-get install -y time) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN="${1:-$ROOT/.build-rel/release/plancheck}"
[ -x "$BIN" ] || { echo "no binary at $BIN; build with: swift build --scratch-path .build-rel -c release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
LIMIT="${HOSTILE_TIMEOUT:-120}"   # seconds before a case counts as a hang
T=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-hostile-XXXXXX")
trap 'rm -rf "$T"' EXIT
PLAN=(--plan Checks/000-street-party-building-2022.csv --roster SampleData/roster-units.csv --roster SampleData/roster-people.csv --as-of 2022-12-31)
HEADER='id,date,org,type,title,participants,lead,target'

gen() {  # name python-code: writes $T/name.csv by streaming
    python3 - "$T/$1.csv" <<PY
import sys
out = open(sys.argv[1], "wb", buffering=1 << 20)
H = b"$HEADER\n"
$2
out.close()
PY
}

set +o pipefail   # yes | head ends yes with SIGPIPE
# 1. A 200 MB line with no newline (a binary blob, or a file cut off mid-row).
{ printf '%s\n2022-01-05,X,党课,' "$HEADER"; head -c $((200 << 20)) /dev/zero | tr '\0' 'x'; } > "$T/long-line.csv"
# 2. An unterminated quote at the top of a 1 GB file: every later line is "inside" the quote.
{ printf '%s\n1,2022-01-05,龙门社区党支部,党课,"never closed,10,a,\n' "$HEADER"
  yes '2,2022-01-06,龙门社区党支部,党课,ordinary title,10,a,' | head -c $((1 << 30)); } > "$T/open-quote-1g.csv"
# 3a. NUL bytes in 100,000 rows (every other row): those rows are rejected, the rest read.
gen nul-rows '
out.write(H)
for i in range(200000):
    t = b"t\x00itle" if i % 2 else b"title"
    out.write(b"%d,2022-%02d-%02d,\xe9\xbe\x99\xe9\x97\xa8\xe7\xa4\xbe\xe5\x8c\xba\xe5\x85\x9a\xe6\x94\xaf\xe9\x83\xa8,\xe5\x85\x9a\xe8\xaf\xbe,%s,10,a,\n" % (i, i % 12 + 1, i % 28 + 1, t))'
# 3b. A header, then 1 GB of NUL bytes (sparse: a disk image or a file preallocated and never written).
printf '%s\n' "$HEADER" > "$T/nul-sparse-1g.csv"; truncate -s $((1 << 30)) "$T/nul-sparse-1g.csv"
# 4a. A 60 MB UTF-8 export with invalid bytes (three stray GBK titles, 你好) in the middle.
gen invalid-utf8-mid '
row = "%d,2022-03-05,龙门社区党支部,党课,学习党章,10,a,\n"
out.write(H)
for i in range(1000000):
    if i in (400000, 500000, 600000):
        out.write(b"%d,2022-03-05,\xe9\xbe\x99\xe9\x97\xa8\xe7\xa4\xbe\xe5\x8c\xba\xe5\x85\x9a\xe6\x94\xaf\xe9\x83\xa8,\xe5\x85\x9a\xe8\xaf\xbe,\xc4\xe3\xba\xc3,10,a,\n" % i)
    else:
        out.write((row % i).encode())'
# 4b. A GB18030 export with an invalid sequence (0x81 0x20) and a lone lead byte in the middle.
gen invalid-gb18030-mid '
row = "%d,2022/3/5,古镇社区党支部,警示教育,观看警示片,12,b,\r\n"
out.write("序号,活动日期,党组织,活动类型,活动主题,参加人数,主持人,检查对象\r\n".encode("gb18030"))
for i in range(1000000):
    if i == 500000:
        out.write(("%d,2022/3/5,古镇社区党支部,警示教育," % i).encode("gb18030") + b"\x81\x20bad,12,b,\r\n")
    elif i == 500001:
        out.write(("%d,2022/3/5,古镇社区党支部,警示教育," % i).encode("gb18030") + b"\xfe,12,b,\r\n")
    else:
        out.write((row % i).encode("gb18030"))'
# 5. A BOM in the middle: two BOM-prefixed exports concatenated (cat a.csv b.csv > all.csv).
gen bom-middle '
part = "\ufeff日期,支部,类型,主题,人数,主讲人\n" + "".join("2022年3月%d日,宝胜寺社区党支部,廉政专题学习,学习,%d人,何丽娟\n" % (d % 28 + 1, d) for d in range(100000))
out.write(part.encode() * 2)'
# 6. One million distinct units (every row names a unit no roster knows).
gen million-units '
out.write(H)
for i in range(1000000):
    out.write(b"%d,2022-%02d-15,\xe7\xac\xac%07d\xe6\x94\xaf\xe9\x83\xa8,\xe5\x85\x9a\xe8\xaf\xbe,t,10,a,\n" % (i, i % 12 + 1, i))'
# 7. A header with 10,000 columns.
gen wide-header '
out.write(b"date,org,type," + b",".join(b"c%d" % i for i in range(10000)) + b"\n")
out.write(b"2022-01-05,X,\xe5\x85\x9a\xe8\xaf\xbe" + b",v" * 10000 + b"\n")'
# 8. 10,000 columns after a normal header (a data row much wider than its header).
gen wide-row '
out.write(H)
out.write(b"1,2022-01-05,X,\xe5\x85\x9a\xe8\xaf\xbe,t,1,a,b" + b",v" * 10000 + b"\n")
out.write(b"2,2022-01-06,X,\xe5\x85\x9a\xe8\xaf\xbe,t,1,a,b\n")'

# 9. A plan with 50,000 rules (plans hold tens; there is no rule-count limit yet).
python3 - "$T/plan-50k-2022.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("id,title,checker,types,threshold,period,scope,source\n")
    for i in range(50000): out.write("R%06d,t,count,党课,1,year,all,clause\n" % i)
PY
set -o pipefail

row() { printf '%-24s %-9s %5s %8s %10s  %s\n' "$@"; }
row case command exit wall_s maxRSS_MB "first line of stderr"
run() {  # name command args...
    local name=$1 cmd=$2; shift 2
    rm -f "$T/report.csv"
    set +e
    /usr/bin/time -v -o "$T/time.txt" timeout "$LIMIT" "$BIN" "$cmd" "$@" >"$T/out.txt" 2>"$T/err.txt"
    local rc=$?
    set -e
    local wall rss first
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$T/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$T/time.txt")
    first=$(head -n 1 "$T/err.txt" | sed "s#$T/##g" | cut -c1-150 || true)
    [ -n "$first" ] || first="(none; stdout: $( (grep -m1 -E '记录：|total:|读取|rows read' "$T/out.txt" || head -n 1 "$T/out.txt") | cut -c1-110))"
    [ "$rc" = 124 ] && first="TIMED OUT after ${LIMIT}s"
    row "$name" "$cmd" "$rc" "$wall" "$rss" "$first"
}
run long-line-200MB        check "${PLAN[@]}" -o "$T/report.csv" "$T/long-line.csv"
run open-quote-1GB         check "${PLAN[@]}" -o "$T/report.csv" "$T/open-quote-1g.csv"
run nul-rows-100k          check "${PLAN[@]}" -o "$T/report.csv" "$T/nul-rows.csv"
run nul-sparse-1GB         check "${PLAN[@]}" -o "$T/report.csv" "$T/nul-sparse-1g.csv"
run invalid-utf8-mid       check "${PLAN[@]}" -o "$T/report.csv" "$T/invalid-utf8-mid.csv"
run invalid-gb18030-mid    check "${PLAN[@]}" -o "$T/report.csv" "$T/invalid-gb18030-mid.csv"
run bom-middle             check "${PLAN[@]}" -o "$T/report.csv" "$T/bom-middle.csv"
run million-units          check "${PLAN[@]}" -o "$T/report.csv" "$T/million-units.csv"
run million-units          stats --as-of 2022-12-31 --roster SampleData/roster-units.csv -o "$T/report.csv" "$T/million-units.csv"
run million-units          inspect "$T/million-units.csv"
run wide-header-10k        check "${PLAN[@]}" -o "$T/report.csv" "$T/wide-header.csv"
run wide-row-10k           check "${PLAN[@]}" -o "$T/report.csv" "$T/wide-row.csv"
run open-quote-1GB         inspect --format csv "$T/open-quote-1g.csv"
run plan-50k-rules         check --plan "$T/plan-50k-2022.csv" --as-of 2022-12-31 --fail-on never SampleData/records
