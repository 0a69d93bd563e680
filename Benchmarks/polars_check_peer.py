#!/usr/bin/env python3
"""Polars peer of `plancheck check` for plancheck-bench: the same rules × roster × periods as one
Polars lazy query, run by the streaming engine, over the same export `check` reads.

    python3 Benchmarks/polars_check_peer.py --plan PLAN.csv --roster units.csv --roster people.csv \
        --as-of 2022-12-31 [--year 2022] [--threads N] [--out DIR] ACTIVITIES.csv
    python3 Benchmarks/polars_check_peer.py --subset PLAN.csv OUT.csv      # the rules it covers

What it covers (a subset of the checkers, documented in Benchmarks/README.md): `count`, `sum`,
`deadline` and `windows` rules, with keywords, scoped `all`, `org:` (one unit) or `kind:` (every
roster unit of the kinds, units without records included), periods year, half, quarter, month and
ISO week (cut at the year's edges as plancheck cuts them). Not covered: `coverage` rules and `role:`
scopes (names split out of `lead` / `target`). `--subset` writes the plan restricted to what it
covers (standard output lists the rules left out), so that the bench runs `check` on that plan too.

The calendar (each rule's periods, their bounds and the as-of phase) is computed here in Python
from the plan, as plancheck computes it, and joined as a small day → period table; Polars reads
the records, parses dates and counts, filters by type, keyword, day and scope, joins the roster
for kinds, groups, LEFT JOINs the roster × periods grid and judges the status. It also computes
the data-quality counts `check` reports (rows read and rejected, duplicates by date, unit, type and
title, units not in the roster, dates outside the year or after as-of, types no rule counts).

With --out DIR it writes DIR/findings.csv (rule, org, person, period, required, actual, shortfall,
status, start, due, count) and DIR/quality.csv (the counts layout `plancheck check --counts` reads);
without, it sinks both to /dev/null (what the timed runs do).
"""
import csv
import datetime as dt
import os
import sys

CHECKERS = {"count": "count", "计数": "count", "sum": "sum", "合计": "sum",
            "deadline": "deadline", "截止": "deadline", "windows": "windows", "时间窗": "windows"}
PERIODS = {"": "year", "year": "year", "年": "year", "每年": "year", "全年": "year", "年度": "year",
           "half": "half", "半年": "half", "每半年": "half", "quarter": "quarter", "季度": "quarter", "每季度": "quarter",
           "month": "month", "月": "month", "每月": "month", "week": "week", "周": "week", "每周": "week"}
HEADERS = {"编号": "id", "规则编号": "id", "检查器": "checker", "检查方式": "checker", "活动类型": "types",
           "计入类型": "types", "关键词": "keywords", "主题关键词": "keywords", "阈值": "threshold",
           "要求次数": "threshold", "最低要求": "threshold", "周期": "period", "范围": "scope", "适用范围": "scope",
           "截止": "deadline", "截止日期": "deadline", "时间窗": "windows", "时段": "windows", "字段": "field",
           "统计字段": "field"}


def split_list(s):
    return [x.strip() for x in s.replace("｜", "|").split("|") if x.strip()]


def month_day(s, year):
    """MM-DD (or M-D, MM/DD) in `year`; Feb 29 falls back to Feb 28 in a common year."""
    m, d = (int(x) for x in s.strip().replace("/", "-").split("-"))
    if m == 2 and d == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        d = 28
    return dt.date(year, m, d)


def slots(period, year):
    """(label, first day, last day) of every period, as plancheck's PeriodSlot.slots."""
    d = lambda m, dd: dt.date(year, m, dd)
    month_end = lambda m: (dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    if period == "year":
        return [(str(year), d(1, 1), d(12, 31))]
    if period == "half":
        return [(f"{year}-H1", d(1, 1), d(6, 30)), (f"{year}-H2", d(7, 1), d(12, 31))]
    if period == "quarter":
        return [(f"{year}-Q{q + 1}", d(q * 3 + 1, 1), month_end(q * 3 + 3)) for q in range(4)]
    if period == "month":
        return [(f"{year}-{m:02d}", d(m, 1), month_end(m)) for m in range(1, 13)]
    jan4 = d(1, 4)
    monday = jan4 - dt.timedelta(days=jan4.isoweekday() - 1)
    out, w = [], 1
    while (monday + dt.timedelta(days=3)).year == year:
        out.append([f"{year}-W{w:02d}", monday, monday + dt.timedelta(days=6)])
        monday += dt.timedelta(days=7)
        w += 1
    out[0][1], out[-1][2] = d(1, 1), d(12, 31)
    return [tuple(x) for x in out]


def phase(required, start, end, as_of, year_end):
    """(phase, expected, near_end) as plancheck's PeriodPhase."""
    if as_of >= end or as_of >= year_end:
        return "over", 0, 0
    if as_of < start:
        return "before", 0, 0
    gone = (as_of - start).days
    if gone == 0:
        return "first", 0, 0
    length = (end - start).days + 1
    left = (end - as_of).days + 1
    return "during", required * gone // length, int(left <= min(14, length // 2))


def read_plan(path):
    """The plan's rows as dicts with English keys, and its header and raw rows (for --subset)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [HEADERS.get(h.strip(), h.strip().lower()) for h in rows[0]]
    return rows[0], [(dict(zip(header, r)), r) for r in rows[1:] if any(c.strip() for c in r)]


def rule_of(row, year):
    """The rule as (id, checker, types, keywords, threshold, is_sum, scope kind, scope values, slots),
    or a reason why this peer does not cover it."""
    checker = CHECKERS.get(row.get("checker", "").strip().lower())
    if checker is None:
        return f"checker {row.get('checker')!r}"
    scope = row.get("scope", "").strip()
    if scope in ("all", "全部"):
        skind, svals = "all", ["*"]
    elif scope.split(":", 1)[0] in ("org", "单位") and ":" in scope:
        skind, svals = "org", [scope.split(":", 1)[1].strip()]
    elif scope.split(":", 1)[0] in ("kind", "类别") and ":" in scope:
        skind, svals = "kind", split_list(scope.split(":", 1)[1])
    else:
        return f"scope {scope!r}"
    try:
        threshold = int(row.get("threshold", "").strip())
    except ValueError:
        return f"threshold {row.get('threshold')!r}"
    if checker in ("count", "sum"):
        period = PERIODS.get(row.get("period", "").strip().lower())
        if period is None:
            return f"period {row.get('period')!r}"
        sl = slots(period, year)
    elif checker == "deadline":
        sl = [(str(year), dt.date(year, 1, 1), month_day(row["deadline"], year))]
    else:
        sl = []
        for w in row.get("windows", "").split(";"):
            if not w.strip():
                continue
            name, span = w.replace("：", ":").split(":", 1)
            a, b = span.split("..")
            sl.append((name.strip(), month_day(a, year), month_day(b, year)))
        if len({s[0] for s in sl}) != len(sl):
            return "two windows of one name"
    return (row["id"].strip(), checker, split_list(row.get("types", "")), split_list(row.get("keywords", "")),
            threshold, checker == "sum", skind, svals, sl)


def read_roster(paths):
    units, seen = [], set()
    for p in paths:
        with open(p, encoding="utf-8-sig", newline="") as f:
            r = csv.reader(f)
            h = [c.strip() for c in next(r)]
            if "kind" in h:
                ni, ki = h.index("name"), h.index("kind")
                for row in r:
                    if len(row) > max(ni, ki) and row[ni].strip() and row[ni].strip() not in seen:
                        seen.add(row[ni].strip())
                        units.append((row[ni].strip(), row[ki].strip()))
    return units


def main():
    args = sys.argv[1:]
    if args[:1] == ["--subset"]:
        header, rows = read_plan(args[1])
        year = int(args[3]) if len(args) > 3 else 2022
        left = []
        with open(args[2], "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for d, raw in rows:
                r = rule_of(d, year)
                if isinstance(r, str):
                    left.append(f"{d.get('id')} ({r})")
                else:
                    w.writerow(raw)
        print(", ".join(left))  # the rules left out, on one line (empty: the plan is covered)
        return
    plan = roster = as_of = out = None
    rosters, year, threads, path = [], None, None, None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--plan", "--roster", "--as-of", "--year", "--threads", "--out"):
            v = args[i + 1]
            i += 2
            if a == "--plan": plan = v
            elif a == "--roster": rosters.append(v)
            elif a == "--as-of": as_of = dt.date.fromisoformat(v)
            elif a == "--year": year = int(v)
            elif a == "--threads": threads = v
            else: out = v
        else:
            path = a
            i += 1
    if not (plan and as_of and path):
        sys.exit(__doc__)
    if threads:
        os.environ["POLARS_MAX_THREADS"] = threads
    import polars as pl

    if year is None:
        digits = [int(os.path.basename(plan)[j:j + 4]) for j in range(len(os.path.basename(plan)) - 3)
                  if os.path.basename(plan)[j:j + 4].isdigit() and os.path.basename(plan)[j:j + 2] == "20"]
        year = digits[0] if digits else as_of.year
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rules = []
    for d, _ in read_plan(plan)[1]:
        r = rule_of(d, year)
        if isinstance(r, str):
            sys.exit(f"polars peer: rule {d.get('id')} is not covered ({r}); give the plan written by --subset")
        rules.append(r)
    units = read_roster(rosters)

    # The calendar, computed here: per rule, its periods (bounds, phase) and the day → period table.
    slot_rows, day_rows, type_rows, scope_rows = [], [], [], []
    for ri, (rid, checker, types, kws, thr, is_sum, skind, svals, sl) in enumerate(rules):
        for si, (label, lo, hi) in enumerate(sl):
            ph, expected, near = phase(thr, lo, hi, as_of, year_end)
            slot_rows.append((rid, ri, label, si, lo, hi, thr, is_sum, ph, expected, near))
            day = max(lo, year_start - dt.timedelta(days=3))
            while day <= min(hi, as_of, year_end + dt.timedelta(days=3)):
                day_rows.append((rid, day, label))
                day += dt.timedelta(days=1)
        for t in dict.fromkeys(types):
            type_rows.append((rid, t))
        for v in dict.fromkeys(svals):
            scope_rows.append((rid, skind, v))
    slot_t = pl.LazyFrame(slot_rows, schema=["rule", "rule_ord", "period", "slot_ord", "start", "due", "required", "is_sum",
                                              "phase", "expected", "near_end"], orient="row")
    day_t = pl.LazyFrame(day_rows, schema={"rule": pl.Utf8, "d": pl.Date, "period": pl.Utf8}, orient="row")
    type_t = pl.LazyFrame(type_rows, schema={"rule": pl.Utf8, "type": pl.Utf8}, orient="row")
    scope_t = pl.LazyFrame(scope_rows, schema={"rule": pl.Utf8, "skind": pl.Utf8, "sval": pl.Utf8}, orient="row")
    unit_t = pl.LazyFrame({"org": [u[0] for u in units], "okind": [u[1] for u in units], "eord": list(range(len(units)))},
                          schema={"org": pl.Utf8, "okind": pl.Utf8, "eord": pl.Int64})

    # The records: dates parsed (the first ten characters, as the app writes date and time), counts
    # parsed; a row whose date or count does not parse, or with no unit or type, is rejected.
    raw = pl.scan_csv(path, infer_schema=False, quote_char='"')
    parsed = raw.select(
        pl.col("date").str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False).alias("d"),
        pl.col("org").str.strip_chars(), pl.col("type").str.strip_chars(),
        pl.col("participants").str.strip_chars().alias("p_raw"),
        pl.col("title").fill_null(""),
    ).with_columns(pl.col("p_raw").cast(pl.Int64, strict=False).alias("p"))
    bad = (pl.col("d").is_null() | pl.col("org").is_null() | (pl.col("org") == "") | pl.col("type").is_null()
           | (pl.col("type") == "") | (pl.col("p").is_null() & pl.col("p_raw").is_not_null() & (pl.col("p_raw") != "")))
    recs = parsed.with_columns(bad.alias("bad"))
    good = recs.filter(~pl.col("bad"))

    # Rule cells: type → rules, keywords, day → period, scope (unit, kind through the roster, all).
    m = good.join(type_t, on="type").join(day_t, on=["rule", "d"])
    kw_rules = [(r[0], r[3]) for r in rules if r[3]]
    if kw_rules:
        keep = pl.lit(True)
        for rid, kws in reversed(kw_rules):
            keep = pl.when(pl.col("rule") == rid).then(pl.col("title").str.contains_any(kws)).otherwise(keep)
        m = m.filter(keep)
    hit = (m.join(unit_t.select("org", "okind"), on="org", how="left")
           .join(scope_t, on="rule")
           .filter(((pl.col("skind") == "org") & (pl.col("sval") == pl.col("org")))
                   | ((pl.col("skind") == "kind") & (pl.col("sval") == pl.col("okind")))
                   | (pl.col("skind") == "all"))
           .with_columns(pl.when(pl.col("skind") == "all").then(pl.lit("*")).otherwise(pl.col("org")).alias("org")))
    cnt = hit.group_by("rule", "org", "period").agg(pl.len().alias("n"), pl.col("p").fill_null(0).sum().alias("total"))
    # The grid: every rule × unit (or the whole street) × period, units without records included.
    ent = pl.concat([
        scope_t.filter(pl.col("skind") == "org").select("rule", pl.col("sval").alias("org"), pl.lit(0, pl.Int64).alias("eord")),
        scope_t.filter(pl.col("skind") == "kind").join(unit_t, left_on="sval", right_on="okind").select("rule", "org", "eord"),
        scope_t.filter(pl.col("skind") == "all").select("rule", pl.lit("*").alias("org"), pl.lit(0, pl.Int64).alias("eord")),
    ])
    actual = pl.when(pl.col("is_sum")).then(pl.col("total")).otherwise(pl.col("n"))
    status = (pl.when(pl.col("actual") >= pl.col("required")).then(pl.lit("met"))
              .when(pl.col("phase") == "over").then(pl.lit("missed"))
              .when(pl.col("phase") == "before").then(pl.lit("upcoming"))
              .when(pl.col("phase") == "first").then(pl.lit("on-track"))
              .when((pl.col("near_end") == 1) | (pl.col("actual") < pl.col("expected"))).then(pl.lit("at-risk"))
              .otherwise(pl.lit("on-track")))
    findings = (ent.join(slot_t, on="rule")
                .join(cnt, on=["rule", "org", "period"], how="left")
                .with_columns(pl.col("n").fill_null(0), pl.col("total").fill_null(0))
                .with_columns(actual.alias("actual"))
                .with_columns(status.alias("status"),
                              (pl.col("required") - pl.col("actual")).clip(lower_bound=0).alias("shortfall"))
                .sort("rule_ord", "eord", "org", "slot_ord")
                .select("rule", "org", pl.lit("").alias("person"), "period", "required", "actual", "shortfall", "status",
                        pl.col("start").cast(pl.Utf8), pl.col("due").cast(pl.Utf8), pl.col("n").alias("count")))

    # Data quality, in the counts layout: one group per date, unit, type and title (the duplicate
    # check), then per unit and type.
    counted = [t for t in dict.fromkeys(t for r in rules for t in r[2])]
    grp = recs.group_by("d", "org", "type", "title", "bad").agg(pl.len().alias("n"))
    dk = (pl.when(pl.col("bad")).then(None)
          .when((pl.col("d") < year_start) | (pl.col("d") > year_end)).then(pl.lit("outside-year"))
          .when(pl.col("d") > as_of).then(pl.lit("after-as-of")).alias("dk"))
    q_lazy = grp.with_columns(dk).group_by("org", "type", "bad", "dk").agg(pl.col("n").sum(), (pl.col("n") - 1).sum().alias("dup"))
    # The two scans of the records run streaming; the small per-unit-and-type table q (units ×
    # types × date classes) is then cut into the counts layout in memory, once (referenced by
    # five branches, a lazy q would be computed five times).
    try:
        f_frame, q_frame = pl.collect_all([findings, q_lazy], engine="streaming")
    except TypeError:  # older Polars
        f_frame, q_frame = pl.collect_all([findings, q_lazy], streaming=True)
    q = q_frame.lazy()
    z = lambda kind, rule, org, n: (pl.lit(kind).alias("kind"), rule.alias("rule"), org.alias("org"), pl.lit("").alias("person"),
                                    pl.lit("").alias("period"), n.cast(pl.Int64).alias("count"))
    good_q = q.filter(~pl.col("bad"))
    quality = pl.concat([
        q.select(*z("input", pl.lit(""), pl.lit(""), pl.col("n").sum()),
                 pl.col("n").filter(pl.col("bad")).sum().cast(pl.Int64).alias("sum")),
        good_q.group_by("org").agg(pl.col("dup").sum()).filter(pl.col("dup") > 0)
        .select(*z("duplicate", pl.lit(""), pl.col("org"), pl.col("dup")), pl.lit(0, pl.Int64).alias("sum")),
        good_q.join(unit_t, on="org", how="anti").group_by("org").agg(pl.col("n").sum())
        .select(*z("unknown-unit", pl.lit(""), pl.col("org"), pl.col("n")), pl.lit(0, pl.Int64).alias("sum")),
        good_q.filter(pl.col("dk").is_not_null()).group_by("dk", "org").agg(pl.col("n").sum())
        .select(pl.col("dk").alias("kind"), pl.lit("").alias("rule"), "org", pl.lit("").alias("person"), pl.lit("").alias("period"),
                pl.col("n").cast(pl.Int64).alias("count"), pl.lit(0, pl.Int64).alias("sum")),
        good_q.filter(~pl.col("type").is_in(counted)).group_by("type").agg(pl.col("n").sum())
        .select(*z("uncounted-type", pl.col("type"), pl.lit(""), pl.col("n")), pl.lit(0, pl.Int64).alias("sum")),
    ])
    if out:
        os.makedirs(out, exist_ok=True)
        targets = (f"{out}/findings.csv", f"{out}/quality.csv")
    else:
        targets = ("/dev/null", "/dev/null")
    quality = quality.collect()
    f_frame.write_csv(targets[0])
    quality.write_csv(targets[1])
    print(f"polars check: {f_frame.height} findings, {quality.height} quality rows", file=sys.stderr)


if __name__ == "__main__":
    main()
