#!/usr/bin/env bash
# Hostile inputs at full size against the release binary: each must end in seconds with a clear
# error (exit 2) or a clean report (exit 0/1), with bounded memory. Prints one row per case:
# verdict, exit code, wall seconds, max RSS, first line of standard error; then `N passed, N failed`
# (exit status 1 when any failed). A case passes when its exit code is one it allows (never a
# signal, never a timeout), its peak RSS is under HOSTILE_RSS_MB (default 3072) and its extra
# condition, if any, holds. The issue-25 classes (numbers, failed writes, bounded reports,
# leftovers and races, marker names, edges, roster cycles, counting at the year's edges, hostile
# workbooks, counts files) follow the size cases; Tests/README.md describes them.
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

RSS_MB="${HOSTILE_RSS_MB:-3072}"
PASSED=0; FAILED=0
EXPECT='^[012]$'   # exit codes the next `run` allows (a regex); reset after each case
COND=''            # an extra shell condition the next `run` must meet (sees $T/out.txt, $T/err.txt)
OUT_TO=''          # where the next `run` writes standard output (default $T/out.txt)
row() { printf '%-4s %-26s %-9s %5s %8s %10s  %s\n' "$@"; }
row ok case command exit wall_s maxRSS_MB "first line of stderr"
run() {  # name command args...
    local name=$1 cmd=$2; shift 2
    rm -f "$T/report.csv"
    set +e
    /usr/bin/time -v -o "$T/time.txt" timeout "$LIMIT" "$BIN" "$cmd" "$@" >"${OUT_TO:-$T/out.txt}" 2>"$T/err.txt"
    local rc=$?
    set -e
    local wall rss first verdict=ok
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$T/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$T/time.txt")
    first=$(head -n 1 "$T/err.txt" | sed "s#$T/##g" | cut -c1-150 || true)
    [ -n "$first" ] || first="(none; stdout: $( (grep -m1 -E '记录：|total:|读取|rows read' "$T/out.txt" 2>/dev/null || head -n 1 "$T/out.txt" 2>/dev/null) | cut -c1-110))"
    [ "$rc" = 124 ] && first="TIMED OUT after ${LIMIT}s"
    if ! [[ "$rc" =~ $EXPECT ]] || [ "${rss:-0}" -gt "$RSS_MB" ] || grep -q 'Swift runtime failure\|Backtracing' "$T/err.txt"; then verdict=FAIL
    elif [ -n "$COND" ] && ! (eval "$COND") >/dev/null 2>&1; then verdict=FAIL; first="condition failed: $COND | $first"
    fi
    if [ $verdict = ok ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
    row "$verdict" "$name" "$cmd" "$rc" "$wall" "$rss" "$first"
    EXPECT='^[012]$'; COND=''; OUT_TO=''
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

# ---- Issue 25 classes -------------------------------------------------------------------------
S=(--plan Checks/000-street-party-building-2022.csv --roster SampleData/roster-units.csv --roster SampleData/roster-people.csv --as-of 2022-12-31)
# 1. Numbers at and past their ranges: exit 2 with a message naming the option, never a signal.
for o in threads evidence-cap max-duplicate-keys max-row-bytes max-columns year; do
    for v in 9223372036854775807 99999999999999999999 -1; do
        EXPECT='^2$'; COND="grep -q -- '--$o' \$T/err.txt"; run "range-$o=$v" check "${S[@]}" --$o $v SampleData/records
    done
done
printf 'id,checker,types,threshold,period,scope,source\nW,count,党课,9223372036854775807,week,all,c\n' > "$T/plan-huge-threshold.csv"
EXPECT='^2$'; COND="grep -q 阈值 \$T/err.txt"; run threshold-int-max validate "$T/plan-huge-threshold.csv"
printf 'id,checker,types,threshold,period,scope,source\nW,count,党课,１２,week,kind:社区党支部,c\nS,count,党课,1000000000,week,all,c\n' > "$T/plan-weekly-2022.csv"
printf 'id,date,org,type,participants\n1,9999-12-31,龙门社区党支部,党课,999999999999999999\n2,2022-01-02,龙门社区党支部,党课,１２３４５６７８９０\n3,2958465,龙门社区党支部,党课,1\n' > "$T/edge-records.csv"
EXPECT='^[01]$'; run year-9999-weekly check --plan "$T/plan-weekly-2022.csv" --roster SampleData/roster-units.csv --as-of 9999-12-31 --year 9999 "$T/edge-records.csv"
EXPECT='^[01]$'; run year-1900-weekly check --plan "$T/plan-weekly-2022.csv" --roster SampleData/roster-units.csv --as-of 1900-12-31 --year 1900 "$T/edge-records.csv"
EXPECT='^[01]$'; run evidence-cap-10000 check "${S[@]}" --evidence-cap 10000 --threads 64 --max-duplicate-keys 2147483648 "$T/million-units.csv"
# 2. Standard output: a full disk is exit 2 with a message for every command; a closed pipe is quiet.
OUT_TO=/dev/full; EXPECT='^2$'; COND="grep -q 写入失败 \$T/err.txt"; run stdout-full check "${S[@]}" SampleData/records
OUT_TO=/dev/full; EXPECT='^2$'; COND="grep -q 写入失败 \$T/err.txt"; run stdout-full stats --as-of 2022-12-31 SampleData/records
OUT_TO=/dev/full; EXPECT='^2$'; COND="grep -q 写入失败 \$T/err.txt"; run stdout-full validate Checks/000-street-party-building-2022.csv
OUT_TO=/dev/full; EXPECT='^2$'; COND="grep -q 写入失败 \$T/err.txt"; run stdout-full checkers
OUT_TO=/dev/full; EXPECT='^2$'; run stdout-full inspect SampleData/records
for c in check stats; do
    set +e
    if [ $c = check ]; then "$BIN" check "${S[@]}" --fail-on never --format csv "$T/million-units.csv" 2>"$T/err.txt" | head -n 1 >/dev/null; rc=${PIPESTATUS[0]}
    else "$BIN" stats --as-of 2022-12-31 --format csv "$T/million-units.csv" 2>"$T/err.txt" | head -n 1 >/dev/null; rc=${PIPESTATUS[0]}; fi
    set -e
    if [ "$rc" = 0 ] && [ ! -s "$T/err.txt" ]; then v=ok; PASSED=$((PASSED + 1)); else v=FAIL; FAILED=$((FAILED + 1)); fi
    row "$v" "closed-pipe (| head -1)" "$c" "$rc" - - "$(head -n 1 "$T/err.txt" | cut -c1-120)"
done
# 3. Bounded: 50,000 weekly kind-scoped rules; an HTML report of a million units is capped.
python3 - "$T/plan-50k-weekly-2022.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("id,title,checker,types,threshold,period,scope,source\n")
    for i in range(50000): out.write("W%06d,t,count,党课,1,week,kind:社区党支部,clause\n" % i)
PY
EXPECT='^[01]$'; run plan-50k-weekly-kind check --plan "$T/plan-50k-weekly-2022.csv" --roster SampleData/roster-units.csv --as-of 2022-12-31 --format csv SampleData/records
# The HTML cap: 2,000 weekly kind-scoped rules give more rows than HTML.maxRows (the 50,000-rule
# plan's HTML is the roster/rule scaling work's, measured by its benchmark).
head -n 2001 "$T/plan-50k-weekly-2022.csv" > "$T/plan-2k-weekly-2022.csv"
EXPECT='^[01]$'; COND="[ \$(stat -c %s \$T/r.html) -lt 20000000 ] && grep -q 另有 \$T/r.html"; run html-capped check --plan "$T/plan-2k-weekly-2022.csv" --roster SampleData/roster-units.csv --as-of 2022-12-31 -o "$T/r.html" SampleData/records
# 4. Leftovers and races: SIGTERM while a report is written leaves no temporary file; a file
#    appended to while read is exit 2; --csv-dir into an input folder is refused.
mkdir -p "$T/sig"
set +e
"$BIN" check --plan "$T/plan-50k-weekly-2022.csv" --roster SampleData/roster-units.csv --as-of 2022-12-31 -o "$T/sig/r.csv" SampleData/records >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do ls -a "$T/sig" | grep -q '^\.r\.csv\.tmp' && break; sleep 0.01; done
kill -TERM $pid 2>/dev/null; wait $pid; rc=$?
set -e
if [ "$rc" = 143 ] && [ -z "$(ls -A "$T/sig")" ]; then v=ok; PASSED=$((PASSED + 1)); else v=FAIL; FAILED=$((FAILED + 1)); fi
row "$v" "sigterm-no-leftover" check "$rc" - - "left: $(ls -A "$T/sig" | tr '\n' ' ')"
cp "$T/million-units.csv" "$T/growing.csv"
( sleep 0.3; for _ in $(seq 1 50); do echo "x,2022-05-05,甲,党课,t,1,a," >> "$T/growing.csv"; sleep 0.05; done ) &
EXPECT='^2$'; COND="grep -q 读取期间文件被修改 \$T/err.txt"; run input-appended check "${S[@]}" --threads 1 "$T/growing.csv"
wait
mkdir -p "$T/in"; cp SampleData/records/*.csv "$T/in/"
EXPECT='^2$'; COND="[ -z \"\$(ls $T/in | grep stats-)\" ]"; run csv-dir-into-input stats --as-of 2022-12-31 --csv-dir "$T/in" "$T/in"
# 5. Marker names.
printf 'name,kind,parent\n*,社区党支部,\n合计,社区党支部,\n' > "$T/marker-units.csv"
EXPECT='^2$'; COND="grep -q 保留标记 \$T/err.txt"; run roster-marker-names validate Checks/000-street-party-building-2022.csv --roster "$T/marker-units.csv"
printf 'date,org,type\n2022-03-01,*,党课\n2022-03-01,合计,党课\n' > "$T/marker-records.csv"
COND="grep -q '拒绝 2 行' \$T/out.txt"; run record-marker-names inspect "$T/marker-records.csv"
# 6. Edges: Excel serial 60 refused, 1 and 2958465 read; counts of 10+ digits; UTF-16 without BOM.
printf 'date,org,type,participants\n1,甲,党课,1234567890\n60,甲,党课,1\n2958465,甲,党课,１２３４５６７８９０１２\n' > "$T/serials.csv"
COND="grep -q '拒绝 1 行' \$T/out.txt && grep -q '1900-01-01 … 9999-12-31' \$T/out.txt"; run excel-serial-edges inspect "$T/serials.csv"
printf 'date,org,type\n2022-03-01,甲,党课\n' | iconv -f utf-8 -t utf-16le > "$T/utf16-nobom.csv"
COND="grep -q UTF-16LE \$T/out.txt && grep -q '接受 1 行' \$T/out.txt"; run utf16-without-bom inspect "$T/utf16-nobom.csv"
# 7. Roster cycles: validate reports them; check --org on a cycle ends (exit 2).
printf 'name,kind,parent\nA,社区党支部,B\nB,社区党支部,A\n' > "$T/cycle-units.csv"
EXPECT='^2$'; COND="grep -q 'A → B → A' \$T/err.txt"; run roster-cycle validate Checks/000-street-party-building-2022.csv --roster "$T/cycle-units.csv"
EXPECT='^2$'; run roster-cycle-org check --plan "$T/plan-weekly-2022.csv" --roster "$T/cycle-units.csv" --org A SampleData/records
# 9. Counting at the year's edges agrees with the warning; a repeated name counts once.
printf 'id,checker,types,threshold,period,scope,source\nW,count,党课,1,week,all,c\nR,count,党课,2,year,role:支部书记,c\n' > "$T/plan-edges-2022.csv"
printf 'name,unit,role\n张三,甲,支部书记\n' > "$T/people.csv"; printf 'name,kind,parent\n甲,社区党支部,\n' > "$T/units.csv"
printf 'date,org,type,lead\n2021-12-31,甲,党课,张三\n2022-01-01,甲,党课,张三、张三\n2023-01-01,甲,党课,张三\n' > "$T/edge-weeks.csv"
COND="grep -q '^W,.*,2022-W01,1,1,' \$T/out.txt && grep -q '^W,.*,2022-W52,1,0,' \$T/out.txt && grep -q '^R,.*,2022,2,1,' \$T/out.txt && grep -q '2 条记录的日期不在 2022 年' \$T/out.txt"
run year-edges-agree check --plan "$T/plan-edges-2022.csv" --roster "$T/units.csv" --roster "$T/people.csv" --as-of 2023-01-01 --year 2022 --format csv --no-bom --fail-on never "$T/edge-weeks.csv"

# 10. Hostile workbooks (.xlsx): each a clear error naming file, sheet and cell (or offset), or a
#     bounded report; never a trap, a hang or unbounded memory.
python3 - "$T" <<'PY'
import sys, zipfile, os
T = sys.argv[1]
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def book(name, sheet, shared="<sst><si><t>date</t></si></sst>", styles="<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>", level=6):
    z = zipfile.ZipFile(os.path.join(T, name), "w", zipfile.ZIP_DEFLATED, compresslevel=level, allowZip64=True)
    z.writestr("_rels/.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
               f'<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", shared)
    z.writestr("xl/styles.xml", styles)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
        w.write(b"<worksheet>")
        for piece in sheet():
            w.write(piece)
        w.write(b"</worksheet>")
    z.close()
def s(c, t): return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (c, t)
HEAD = ('<row r="1">' + s("A1", "date") + s("B1", "org") + s("C1", "type") + '</row>').encode()
# a dimension of A1:XFD1048576 and one record
book("dimension.xlsx", lambda: [b'<dimension ref="A1:XFD1048576"/><sheetData>', HEAD,
     ('<row r="2">' + s("A2", "2022-03-01") + s("B2", "甲") + s("C2", "党课") + '</row>').encode(), b"</sheetData>"])
# the last row and a cell reference past XFD / a row number past 1048576 / 2^63-1
book("ref-column.xlsx", lambda: [b"<sheetData>", HEAD, b'<row r="2"><c r="XFE2"><v>1</v></c></row></sheetData>'])
book("ref-row.xlsx", lambda: [b"<sheetData>", HEAD, b'<row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>1</v></c></row></sheetData>'])
# a shared string index out of range
book("shared-range.xlsx", lambda: [b"<sheetData>", HEAD, b'<row r="2"><c r="A2" t="s"><v>99999999</v></c></row></sheetData>'])
# 250,000 rows, each with one record and one far cell (column AMJ, the 1024th): every row is
# padded to 1,024 cells (work grows with rows × --max-columns; memory does not)
def far():
    yield b"<sheetData>" + HEAD
    for i in range(2, 250_002):
        yield ('<row r="%d">%s%s%s<c r="AMJ%d"><v>1</v></c></row>' % (i, s("A%d" % i, "2022-03-01"), s("B%d" % i, "甲"), s("C%d" % i, "党课"), i)).encode()
    yield b"</sheetData>"
book("far-cells.xlsx", far)
# millions of empty cells
def empties():
    yield b"<sheetData>" + HEAD
    for i in range(2, 200_002):
        yield ('<row r="%d">' % i).encode() + b"<c/>" * 16 + b"</row>"
    yield b"</sheetData>"
book("empty-cells.xlsx", empties)
# a header of 16,384 columns
book("wide-16384.xlsx", lambda: [b"<sheetData><row r=\"1\">" + b"".join(('<c t="inlineStr"><is><t>h%d</t></is></c>' % i).encode() for i in range(16384)) + b"</row></sheetData>"])
# a 24 MB attribute value (one tag longer than the 16 MiB limit; random hex, so the ZIP ratio
# check does not stop it first)
def attr():
    yield b'<sheetData><row r="1" x="'
    for _ in range(24): yield os.urandom(1 << 19).hex().encode()
    yield b'"/></sheetData>'
book("huge-attribute.xlsx", attr)
# a deflate bomb inside the limits: 15 MiB of whitespace (any ratio is accepted below 16 MiB) …
book("bomb-15MiB.xlsx", lambda: [b"<sheetData>", HEAD, b" " * (15 << 20), b"</sheetData>"], level=9)
# … and past them: 600 MiB of whitespace at a ratio near 1000
def bomb():
    yield b"<sheetData>" + HEAD
    for _ in range(600): yield b" " * (1 << 20)
    yield b"</sheetData>"
book("bomb-600MiB.xlsx", bomb, level=9)
# dates as styles on text cells, and text in a date-styled number cell
book("date-style-text.xlsx", lambda: [b"<sheetData>", HEAD, ('<row r="2"><c r="A2" s="1" t="s"><v>0</v></c>' + s("B2", "甲") + s("C2", "党课") + '</row>'
     '<row r="3"><c r="A3" s="1"><v>44621</v></c>' + s("B3", "甲") + s("C3", "党课") + '</row></sheetData>').encode()])
# a lying central directory: every entry claims 4 GB uncompressed
b = bytearray(open(os.path.join(T, "dimension.xlsx"), "rb").read())
i = 0
while True:
    i = b.find(b"PK\x01\x02", i)
    if i < 0: break
    b[i + 24:i + 28] = b"\xfe\xff\xff\xff"; i += 46
open(os.path.join(T, "lying-directory.xlsx"), "wb").write(b)
# a 1.5 GB "workbook" (sparse): refused by size before it is read
with open(os.path.join(T, "huge-file.xlsx"), "wb") as f:
    f.write(b"PK\x03\x04"); f.truncate(3 << 29)
PY
XP=("${S[@]}" --fail-on never)
COND="grep -q '读取 1 行，接受 1 行' \$T/out.txt"; run xlsx-dimension-XFD1048576 inspect "$T/dimension.xlsx"
EXPECT='^2$'; COND="grep -q '台账\]：第 2 行：单元格引用“XFE2”无效' \$T/err.txt"; run xlsx-ref-past-XFD inspect "$T/ref-column.xlsx"
EXPECT='^2$'; COND="grep -q 'A1 到 XFD1048576' \$T/err.txt"; run xlsx-row-2^63-1 inspect "$T/ref-row.xlsx"
EXPECT='^2$'; COND="grep -q '台账\]：单元格 A2 引用第 99999999 项共享文本' \$T/err.txt"; run xlsx-shared-out-of-range inspect "$T/shared-range.xlsx"
EXPECT='^[01]$'; run xlsx-250k-far-cells check "${XP[@]}" "$T/far-cells.xlsx"
COND="grep -q '读取 0 行' \$T/out.txt"; run xlsx-empty-cells-3.2M inspect "$T/empty-cells.xlsx"
EXPECT='^2$'; COND="grep -q '列数超过上限 1024' \$T/err.txt"; run xlsx-header-16384-cols inspect "$T/wide-16384.xlsx"
EXPECT='^2$'; COND="grep -q '超过 16 MB 的标签' \$T/err.txt"; run xlsx-24MB-attribute inspect "$T/huge-attribute.xlsx"
COND="grep -q '读取 0 行' \$T/out.txt"; run xlsx-bomb-15MiB inspect "$T/bomb-15MiB.xlsx"
EXPECT='^2$'; COND="grep -q '压缩炸弹' \$T/err.txt"; run xlsx-bomb-600MiB inspect "$T/bomb-600MiB.xlsx"
COND="grep -q '读取 2 行，接受 1 行，拒绝 1 行' \$T/out.txt"; run xlsx-date-style-on-text inspect "$T/date-style-text.xlsx"
EXPECT='^2$'; COND="grep -q 'lying-directory.xlsx：工作簿的' \$T/err.txt"; run xlsx-lying-directory inspect "$T/lying-directory.xlsx"
EXPECT='^2$'; COND="grep -q '超过上限 1024 MB' \$T/err.txt"; run xlsx-1.5GB-file inspect "$T/huge-file.xlsx"
# 1. Numbers read from a counts file (check --counts): past 18 digits refused; huge sums saturate.
printf 'kind,rule,org,person,period,count,sum\ninput,,,,,9223372036854775807,0\ninput,,,,,9223372036854775807,0\n' > "$T/counts-huge.csv"
EXPECT='^2$'; COND="grep -q ':2:6:' \$T/err.txt"; run counts-2^63-1 check --plan Checks/000-street-party-building-2022.csv --as-of 2022-12-31 --counts "$T/counts-huge.csv"
python3 -c "
import sys
rows = ['input,,,,,999999999999999999,0'] * 20 + ['cell,S000-01,龙门街道党工委,,2022,999999999999999999,999999999999999999'] * 20 + ['unknown-unit,,无名,,,999999999999999999,0'] * 20
open(sys.argv[1], 'w').write('kind,rule,org,person,period,count,sum\n' + '\n'.join(rows) + '\n')" "$T/counts-sat.csv"
EXPECT='^[01]$'; run counts-saturating check --plan Checks/000-street-party-building-2022.csv --as-of 2022-12-31 --counts "$T/counts-sat.csv"
# 3. A plan and a roster whose header is one 16 MB cell (no line breaks): refused in seconds with a
#    short message (suggestions compared it with every column name: an 800 KB header took 109 s).
{ head -c 16000000 /dev/zero | tr '\0' 'x'; printf ',阈直\n1,2\n'; } > "$T/huge-header.csv"
EXPECT='^2$'; COND="[ \$(stat -c %s \$T/err.txt) -lt 4000 ]"; run plan-16MB-header validate "$T/huge-header.csv"
EXPECT='^2$'; COND="[ \$(stat -c %s \$T/err.txt) -lt 4000 ]"; run roster-16MB-header validate Checks/000-street-party-building-2022.csv --roster "$T/huge-header.csv"
# 2. A report file on a disk that refuses the bytes (file size limit: write fails as on a full disk).
mkdir -p "$T/fs"; echo earlier > "$T/fs/r.csv"
set +e
( trap '' XFSZ; ulimit -f 1; exec "$BIN" check "${S[@]}" -o "$T/fs/r.csv" SampleData/records ) >/dev/null 2>"$T/err.txt"; rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "r.csv：写报告失败：文件超过了文件系统允许的大小" "$T/err.txt" && [ "$(cat "$T/fs/r.csv")" = earlier ] && [ -z "$(ls -A "$T/fs" | grep tmp)" ]; then v=ok; PASSED=$((PASSED + 1)); else v=FAIL; FAILED=$((FAILED + 1)); fi
row "$v" "report-file-refused-bytes" check "$rc" - - "$(head -n 1 "$T/err.txt" | sed "s#$T/##g" | cut -c1-120)"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
