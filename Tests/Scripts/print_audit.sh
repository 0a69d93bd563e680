#!/bin/sh
# Prints the sample's year-end audit (plans 000 + 001, both rosters, as of 2022-12-31) to PDF with
# headless Chromium, as an office would from its browser, and checks what issue 19 asks of it:
# A4, at most 6 pages, every shortfall on the first two pages. With --png it also renders the first
# two pages to SampleData/audit-2022-page-1.png and -2.png (shown in README).
#
# Run by hand (not by CI when Chromium is absent):
#   apt-get install -y chromium poppler-utils fonts-noto-cjk
#   Tests/Scripts/print_audit.sh [--png] [OUTDIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
png=no
if [ "${1:-}" = "--png" ]; then png=yes; shift; fi
out=${1:-$(mktemp -d)}
mkdir -p "$out"
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ] || ! command -v pdfinfo >/dev/null 2>&1; then
    echo "print_audit: skipped: needs chromium and poppler-utils (apt-get install -y chromium poppler-utils fonts-noto-cjk)"
    exit 0
fi
bin=${PLANCHECK:-$root/.build/debug/plancheck}
[ -x "$bin" ] || swift build --product plancheck >/dev/null
set +e
"$bin" check --plan Checks/000-street-party-building-2022.csv --plan Checks/001-street-office-party-committee-2022.csv \
    --roster SampleData/roster-units.csv --roster SampleData/roster-people.csv --as-of 2022-12-31 \
    --title "龙门街道党工委2022年度党建工作计划执行情况" --quiet -o "$out/audit-2022.html" SampleData/records >/dev/null
code=$?
set -e
[ $code -le 1 ] || { echo "print_audit: plancheck failed ($code)"; exit 1; }
"$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --run-all-compositor-stages-before-draw \
    --print-to-pdf="$out/audit-2022.pdf" "file://$out/audit-2022.html" 2>/dev/null
pages=$(pdfinfo "$out/audit-2022.pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$out/audit-2022.pdf" | awk -F': *' '/^Page size:/ {print $2}')
echo "print_audit: $out/audit-2022.pdf: $pages pages, $size"
fail=0
case "$size" in *A4*) ;; *) echo "print_audit: FAIL: not A4"; fail=1 ;; esac
[ "$pages" -le 6 ] || { echo "print_audit: FAIL: more than 6 pages"; fail=1; }
# Every shortfall is on pages 1-2: the section after the shortfalls starts there.
if pdftotext -f 1 -l 2 -layout "$out/audit-2022.pdf" - | grep -q "三、各单位执行情况"; then
    echo "print_audit: every shortfall is on pages 1-2"
else
    echo "print_audit: FAIL: the shortfalls run past page 2"; fail=1
fi
if [ $png = yes ]; then
    pdftoppm -f 1 -l 2 -r 72 -png "$out/audit-2022.pdf" "$out/page"
    cp "$out/page-1.png" SampleData/audit-2022-page-1.png
    cp "$out/page-2.png" SampleData/audit-2022-page-2.png
    echo "print_audit: wrote SampleData/audit-2022-page-1.png, SampleData/audit-2022-page-2.png"
fi
exit $fail
