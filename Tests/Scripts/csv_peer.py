#!/usr/bin/env python3
"""Peer check for `plancheck inspect --format csv`.

Reads ORIGINAL with Python's standard csv module after decoding it (ENCODING), maps the header
with the same aliases plancheck documents, normalizes dates and participant counts the documented
way, and compares field by field with NORMALIZED (plancheck's output, read with the csv module too).
Prints "OK <n> rows" and exits 0 when identical; prints the first difference and exits 1 otherwise.
Usage: csv_peer.py ORIGINAL NORMALIZED ENCODING DELIMITER
"""
import csv, re, sys

ALIASES = {
    "id": ["id", "编号", "序号"],
    "date": ["date", "日期", "活动日期", "时间", "活动时间"],
    "org": ["org", "organization", "organisation", "党组织", "组织", "支部", "党支部", "单位"],
    "type": ["type", "activity", "活动类型", "类型", "类别"],
    "participants": ["participants", "参加人数", "人数", "参与人数", "人次"],
    "title": ["title", "主题", "名称", "活动主题", "内容"],
    "lead": ["lead", "负责人", "主讲人", "组织者", "主持人"],
    "target": ["target", "对象", "检查对象", "被检查单位", "被巡察单位"],
}
WS = " \t\u3000\u00a0"

def norm_header(h):
    return "".join(c for c in h if c not in WS + "\r\n\ufeff").lower()

def trim(s):
    s = s.lstrip(WS)
    return s.rstrip(WS + "\r\n")

def norm_date(s):
    m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:[ T].*)?$", s) or re.match(r"^(\d{4})(\d{2})(\d{2})(?: .*)?$", s)
    return "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))

def norm_count(s):
    s = s.translate({0xFF10 + i: 0x30 + i for i in range(10)})
    return re.sub(r"人次?$", "", s)

def main():
    original, normalized, encoding, delim = sys.argv[1:5]
    delim = "\t" if delim in ("\\t", "tab") else delim
    with open(original, encoding=encoding, newline="") as f:
        rows = [r for r in csv.reader(f, delimiter=delim) if r]
    header = [norm_header(h) for h in rows[0]]
    col = {}
    for field, names in ALIASES.items():
        for i, h in enumerate(header):
            if h in [norm_header(n) for n in names] and field not in col and i not in col.values():
                col[field] = i
                break
    expected = []
    for r in rows[1:]:
        rec = {f: trim(r[i]) if f in col and (i := col[f]) < len(r) else "" for f in ALIASES}
        rec["date"] = norm_date(rec["date"])
        rec["participants"] = norm_count(rec["participants"])
        expected.append(rec)
    with open(normalized, encoding="utf-8", newline="") as f:
        out = list(csv.DictReader(f))
    if len(out) != len(expected):
        print("row count differs: peer %d, plancheck %d" % (len(expected), len(out)))
        return 1
    for n, (e, o) in enumerate(zip(expected, out), 1):
        for field in ALIASES:
            if e[field] != o[field]:
                print("row %d field %s differs: peer %r, plancheck %r" % (n, field, e[field], o[field]))
                return 1
    print("OK %d rows" % len(out))
    return 0

sys.exit(main())
