#!/usr/bin/env python3
"""Conformance of `plancheck sql` with the native check, on real engines.

    python3 Tests/Conformance/conformance.py --plancheck .build/release/plancheck \
        --gen .build/release/plancheck-gen --work DIR [--engines duckdb,postgres,spark] [--pg-socket DIR]

For every shipped plan in Checks/ on generated data (the street sample with plans 000, 001 and the
plans not tied to a seed, the bureau sample with 002+003+004, and a generated scale export with
every plan) at several
as-of dates, it runs:
  native   plancheck check --format json over the raw exports;
  counts   plancheck sql --emit counts on the engine -> one counts CSV -> plancheck check --counts --format json;
  findings plancheck sql --emit findings on the engine;
and compares every rule finding (rule, org, person, period, start, end, due, required, actual,
shortfall, status, advice, records counted) and every data-quality warning (title, org, count,
note) row for row. Rejected rows: three unparseable rows are added to what the engine reads; the
engine must count them as rejected and accept exactly what plancheck accepted.
Trino has no engine here: its scripts are generated for every case and only syntax-checked, each
statement parsed with sqlglot's Trino grammar (pip install sqlglot); they are never run. Prints one `N passed, N failed` line; exits 1 on any
failure.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import time

import sqlglot

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from sql_runner import statements  # noqa: E402  (one splitter of plancheck SQL scripts, shared)
AS_OF = [
    ("2022-01-01", "a period's first day (year, H1, Q1, January)"),
    ("2022-05-16", "mid-period (May, Q2)"),
    ("2022-06-30", "a period's last day (H1, Q2, June)"),
    ("2022-07-01", "the first day of H2 and Q3"),
    ("2022-09-16", "14 days before a quarter ends (Q3)"),
    ("2022-12-31", "Dec 31"),
    ("2023-02-01", "after the year"),
]
BAD_ROWS = [  # id,date,org,type,participants,title,lead,target,file,line
    ["BAD-1", "2022-02-30", "坏数据支部", "党课", "10", "日期不存在", "", "", "bad.csv", "2"],
    ["BAD-2", "not a date", "坏数据支部", "党课", "10", "日期无法解析", "", "", "bad.csv", "3"],
    ["BAD-3", "2022-03-01", "坏数据支部", "党课", "十个", "人数无法解析", "", "", "bad.csv", "4"],
]
COLUMNS = ["id", "date", "org", "type", "participants", "title", "lead", "target", "file", "line"]
COUNTS_HEADER = ["kind", "rule", "org", "person", "period", "count", "sum"]
FINDING_KEYS = ["rule", "org", "person", "period", "start", "end", "due", "required", "actual", "shortfall",
                "status", "advice", "evidenceCount"]


def run(cmd, ok=(0, 1), **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[:2000]}")
    return p


class DuckDB:
    name = "duckdb"

    def __init__(self, args):
        import duckdb
        self.con = duckdb.connect()
        self.con.execute("SET threads = 2")

    def source(self, csv_path):
        return csv_path  # DuckDB reads the CSV path itself (read_csv in the script)

    def query(self, sql):
        cur = self.con.execute(sql)
        return [list(r) for r in cur.fetchall()]


class Postgres:
    name = "postgres"

    def __init__(self, args):
        self.socket = args.pg_socket
        self.loaded = {}

    def psql(self, sql_text, csv_out=False):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.socket, "-U", "postgres", "-d", "postgres"]
        if csv_out:
            cmd.append("--csv")
        return run(cmd, ok=(0,), input=sql_text).stdout

    def source(self, csv_path):
        if csv_path not in self.loaded:
            table = "activities_%d" % len(self.loaded)
            cols = ", ".join(f'"{c}" TEXT' for c in COLUMNS)
            with open(csv_path, encoding="utf-8") as f:
                data = f.read()
            self.psql(f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({cols});\n"
                      f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true);\n{data}\\.\n")
            self.loaded[csv_path] = table
        return self.loaded[csv_path]

    def query(self, sql):
        text = self.psql(sql + ";\n", csv_out=True)
        rows = list(csv.reader(io.StringIO(text)))
        return [r for r in rows[1:]]


class Spark:
    name = "spark"

    def __init__(self, args):
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("plancheck-conformance")
                      .config("spark.sql.shuffle.partitions", "1")
                      .config("spark.ui.enabled", "false")
                      .config("spark.sql.ansi.enabled", "true")
                      .config("spark.driver.memory", "1g")
                      .config("spark.ui.showConsoleProgress", "false")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        self.loaded = {}

    def source(self, csv_path):
        if csv_path not in self.loaded:
            table = "activities_%d" % len(self.loaded)
            df = self.spark.read.csv(csv_path, header=True, multiLine=True, escape='"', encoding="UTF-8").cache()
            df.createOrReplaceTempView(table)
            self.loaded[csv_path] = table
        return self.loaded[csv_path]

    def query(self, sql):
        return [list(r) for r in self.spark.sql(sql).collect()]

    def close(self):
        self.spark.stop()


def cell(v):
    return "" if v is None else str(v)


class Conformance:
    def __init__(self, args):
        self.args = args
        self.passed = 0
        self.failed = 0
        self.cache = {}

    def check(self, ok, label, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {label}" + (f"\n{detail}" if detail else ""), flush=True)

    def plancheck(self, *a, ok=(0, 1)):
        return run([self.args.plancheck, *a], ok=ok)

    def datasets(self):
        w = self.args.work
        run([self.args.gen, "sample", "--out", f"{w}/sample"], ok=(0,))
        run([self.args.gen, "scale", "--records", str(self.args.records), "--units", "60", "--out", f"{w}/scale", "--seed", "7"], ok=(0,))
        plans = sorted(os.path.join(ROOT, "Checks", f) for f in os.listdir(os.path.join(ROOT, "Checks")) if f.endswith(".csv"))
        # Plans not written for one seed (e.g. the standard 三会一课 plan) run with the street and the scale data.
        street = [p for p in plans if os.path.basename(p)[:3] not in ("002", "003", "004")]
        bureau = [p for p in plans if os.path.basename(p)[:3] in ("002", "003", "004")]
        return [
            ("street", street, [f"{w}/sample/roster-units.csv", f"{w}/sample/roster-people.csv"], [f"{w}/sample/records"]),
            ("bureau", bureau, [f"{w}/sample/bureau/roster-units.csv", f"{w}/sample/bureau/roster-people.csv"], [f"{w}/sample/bureau/records"]),
            ("scale", plans, [f"{w}/scale/roster-units.csv", f"{w}/scale/roster-people.csv"], [f"{w}/scale"]),
        ]

    def normalized(self, name, inputs):
        """inspect --format csv of the raw exports, plus the unparseable rows."""
        path = f"{self.args.work}/{name}-records.csv"
        files = []
        for i in inputs:
            if os.path.isdir(i):
                files += sorted(os.path.join(i, f) for f in os.listdir(i) if f.endswith(".csv") and not f.startswith("roster"))
            else:
                files.append(i)
        self.plancheck("inspect", "--format", "csv", "--no-formula-guard", "-o", path, *files, ok=(0,))
        with open(path, "a", encoding="utf-8", newline="") as f:
            wr = csv.writer(f, lineterminator="\r\n")  # as inspect writes
            for r in BAD_ROWS:
                wr.writerow(r)
        return path, files

    def engine_query(self, engine, sql):
        key = (engine.name, hashlib.sha256(sql.encode()).hexdigest())
        if key not in self.cache:
            self.cache[key] = engine.query(sql)
        return self.cache[key]

    def run_all(self, engines):
        for name, plans, roster, inputs in self.datasets():
            csv_path, files = self.normalized(name, inputs)
            plan_args = [a for p in plans for a in ("--plan", p)]
            roster_args = [a for r in roster for a in ("--roster", r)]
            for as_of, why in AS_OF:
                base = plan_args + roster_args + ["--as-of", as_of]
                native = json.loads(self.plancheck("check", *base, "--format", "json", *files).stdout)
                native_rules = sorted(tuple(cell(f[k]) for k in FINDING_KEYS) for f in native["findings"] if f["checker"] != "quality")
                native_quality = sorted((f["title"], f["org"], f["actual"], f["advice"]) for f in native["findings"] if f["checker"] == "quality")
                for engine in engines:
                    label = f"{engine.name} {name} as of {as_of} ({why})"
                    src = engine.source(csv_path)
                    try:
                        counts_script = self.plancheck("sql", "--dialect", engine.name, *base, "--table", src, ok=(0,)).stdout
                        rows = []
                        for _, sql in statements(counts_script):
                            rows += [[cell(v) for v in r] for r in self.engine_query(engine, sql)]
                        counts_file = f"{self.args.work}/counts-{engine.name}-{name}-{as_of}.csv"
                        with open(counts_file, "w", encoding="utf-8", newline="") as f:
                            wr = csv.writer(f, lineterminator="\n")
                            wr.writerow(COUNTS_HEADER)
                            wr.writerows(rows)
                        back = json.loads(self.plancheck("check", *base, "--counts", counts_file, "--format", "json").stdout)
                        back_rules = sorted(tuple(cell(f[k]) for k in FINDING_KEYS) for f in back["findings"] if f["checker"] != "quality")
                        back_quality = sorted((f["title"], f["org"], f["actual"], f["advice"]) for f in back["findings"] if f["checker"] == "quality")
                        self.check(back_rules == native_rules, f"{label}: check --counts rule findings", diff(native_rules, back_rules))
                        self.check(back_quality == native_quality, f"{label}: check --counts warnings", diff(native_quality, back_quality))
                        nc, bc = native["counts"], back["counts"]
                        self.check(bc["accepted"] == nc["accepted"] and bc["rejected"] == len(BAD_ROWS),
                                   f"{label}: accepted {bc['accepted']} (native {nc['accepted']}), rejected {bc['rejected']} (expected {len(BAD_ROWS)})")
                        findings_script = self.plancheck("sql", "--dialect", engine.name, *base, "--table", src, "--emit", "findings", ok=(0,)).stdout
                        fsql = dict(statements(findings_script))["findings"]
                        got = engine.query(fsql)
                        # rule, org, person, period, required, actual, shortfall, status, start, due, count
                        by_sql = sorted((cell(r[0]), cell(r[1]), cell(r[2]), cell(r[3]), cell(r[8]), cell(r[9]), cell(r[4]), cell(r[5]), cell(r[6]), cell(r[7]), cell(r[10])) for r in got)
                        by_native = sorted((t[0], t[1], t[2], t[3], t[4], t[6], t[7], t[8], t[9], t[10], t[12]) for t in native_rules)
                        self.check(by_sql == by_native, f"{label}: sql --emit findings", diff(by_native, by_sql))
                        if as_of != "2022-09-16":  # the date with missed and at-risk rows; one run per engine and data set
                            continue
                        shortfalls = self.plancheck("sql", "--dialect", engine.name, *base, "--table", src, "--emit", "findings", "--only-shortfalls", ok=(0,)).stdout
                        got = engine.query(dict(statements(shortfalls))["findings"])
                        want = sum(1 for t in native_rules if t[10] in ("missed", "at-risk"))
                        self.check(len(got) == want, f"{label}: --only-shortfalls rows {len(got)}, native missed+at-risk {want}")
                    except Exception as e:  # an engine error is a failure, not a crash
                        self.check(False, f"{label}: {type(e).__name__}: {str(e)[:1500]}")
                # Trino: no engine here; every statement is parsed by sqlglot's Trino grammar (syntax only).
                for emit in ("counts", "findings"):
                    script = self.plancheck("sql", "--dialect", "trino", *base, "--table", "hive.warehouse.activities", "--emit", emit, ok=(0,)).stdout
                    for stmt_name, sql in statements(script):
                        try:
                            sqlglot.parse_one(sql, read="trino")
                            self.check(True, "")
                        except Exception as e:
                            self.check(False, f"trino {name} as of {as_of} {emit}/{stmt_name}: syntax: {str(e)[:500]}")
            print(f"  {name}: done ({self.passed} passed, {self.failed} failed so far)", flush=True)


def diff(a, b):
    sa, sb = set(a), set(b)
    only_a, only_b = sorted(sa - sb)[:5], sorted(sb - sa)[:5]
    if not only_a and not only_b and len(a) != len(b):
        return f"    same rows, different multiplicity: {len(a)} vs {len(b)}"
    return "".join(f"    native only: {x}\n" for x in only_a) + "".join(f"    sql only:    {x}\n" for x in only_b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plancheck", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--engines", default="duckdb,postgres,spark")
    ap.add_argument("--pg-socket")
    ap.add_argument("--records", type=int, default=20000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    c = Conformance(args)
    engines = []
    for e in args.engines.split(","):
        t0 = time.time()
        try:
            engines.append({"duckdb": DuckDB, "postgres": Postgres, "spark": Spark}[e](args))
        except Exception as ex:
            c.check(False, f"{e}: could not start: {type(ex).__name__}: {ex}")
            continue
        print(f"  {e} ready in {time.time() - t0:.1f}s", flush=True)
    t0 = time.time()
    c.run_all(engines)
    for e in engines:
        if hasattr(e, "close"):
            e.close()
    print(f"  compared in {time.time() - t0:.1f}s")
    print(f"conformance: {c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
