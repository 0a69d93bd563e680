#!/usr/bin/env python3
"""Compares a peer's findings with `plancheck check`'s, for plancheck-bench (untimed).

    python3 Benchmarks/compare_findings.py NATIVE.csv PEER-FINDINGS.csv [FROM-COUNTS.csv]

NATIVE.csv is `plancheck check --lang en --format csv` of the records; PEER-FINDINGS.csv the peer's
findings (columns rule, org, person, period, required, actual, status, …: `plancheck sql --emit
findings` or Benchmarks/polars_check_peer.py). Every rule finding must be in both, with the same
rule, unit, person, period, required, actual and status. FROM-COUNTS.csv, when given, is `plancheck
check --counts PEER-QUALITY.csv --lang en --format csv`: the peer's data-quality counts (rows read,
duplicates, units not in the roster, dates, uncounted types) judged by plancheck; its warnings must
be native's (title, unit, count). Prints one line; exits 1 when anything differs.
"""
import csv
import sys

KEYS = ("rule", "org", "person", "period", "required", "actual", "status")


def table(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        header = next(r)
        return header, [row for row in r if row]


def rule_rows(path):
    h, rows = table(path)
    idx = [h.index(k) for k in KEYS]
    ci = h.index("checker") if "checker" in h else None
    return sorted(tuple(row[i] for i in idx) for row in rows
                  if (ci is None or row[ci] != "quality") and row[0] not in ("input", "rejected"))


def warnings(path):
    h, rows = table(path)
    ci, ti, oi, ai = h.index("checker"), h.index("title"), h.index("org"), h.index("actual")
    return sorted((row[ti], row[oi], row[ai]) for row in rows if row[ci] == "quality")


def show(a, b, what):
    sa, sb = set(a), set(b)
    lines = [f"  {what}: native {len(a)} rows, peer {len(b)} rows"]
    lines += [f"  native only: {x}" for x in sorted(sa - sb)[:5]]
    lines += [f"  peer only:   {x}" for x in sorted(sb - sa)[:5]]
    return "\n".join(lines)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    native, peer = rule_rows(sys.argv[1]), rule_rows(sys.argv[2])
    problems = []
    if native != peer:
        problems.append(show(native, peer, "rule findings"))
    checked = f"{len(native)} rule findings"
    if len(sys.argv) == 4:
        nw, pw = warnings(sys.argv[1]), warnings(sys.argv[3])
        if nw != pw:
            problems.append(show(nw, pw, "data-quality warnings"))
        checked += f" and {len(nw)} data-quality warnings"
    if problems:
        print(f"DIFFERENT from check ({checked} compared):\n" + "\n".join(problems))
        sys.exit(1)
    print(f"same as check: {checked} identical (rule, unit, person, period, required, actual, status)")


if __name__ == "__main__":
    main()
