#!/usr/bin/env python3
"""Runs a `plancheck sql` script on DuckDB or Spark (local mode) and writes one CSV of all its
results: with `--emit counts`, the file `plancheck check --counts` reads.

    python3 Benchmarks/sql_runner.py duckdb SCRIPT.sql > counts.csv
    python3 Benchmarks/sql_runner.py spark SCRIPT.sql --view NAME=records.csv [--view NAME=records.parquet] \
        [--master local[2]] [--memory 4g] > counts.csv

For Spark, --view registers a CSV (header, RFC 4180 quoting, multi-line fields, every column a
string) or a Parquet file as a temporary view under the table name the script was compiled with
(`plancheck sql --dialect spark --table NAME`). On a cluster, run the statements with your own
session against the warehouse table instead (see Sources/PlanCheckKit/SQL/README.md).
Timings per statement go to standard error.
"""
import csv
import sys
import time


def statements(script):
    """(name, sql) per '-- plancheck: NAME' line of a plancheck SQL script."""
    out, name, buf = [], None, []
    for line in script.splitlines():
        if line.startswith("-- plancheck: "):
            if name:
                out.append((name, "\n".join(buf)))
            name, buf = line[len("-- plancheck: "):].split(" ")[0], []
        elif name:
            buf.append(line)
    if name:
        out.append((name, "\n".join(buf)))
    return [(n, s.strip().rstrip(";").strip()) for n, s in out]


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] not in ("duckdb", "spark"):
        sys.exit(__doc__)
    engine, path = args[0], args[1]
    opts = {"--master": "local[2]", "--memory": "4g"}
    views = []
    i = 2
    while i < len(args):
        if args[i] == "--view":
            views.append(args[i + 1].split("=", 1))
        elif args[i] in opts:
            opts[args[i]] = args[i + 1]
        else:
            sys.exit(f"unknown argument {args[i]}\n{__doc__}")
        i += 2
    with open(path, encoding="utf-8") as f:
        script = f.read()
    t0 = time.time()
    if engine == "duckdb":
        import duckdb
        con = duckdb.connect()

        def query(sql):
            cur = con.execute(sql)
            return [d[0] for d in cur.description], cur.fetchall()
    else:
        from pyspark.sql import SparkSession
        spark = (SparkSession.builder.master(opts["--master"]).appName("plancheck-sql")
                 .config("spark.driver.memory", opts["--memory"])
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        for name, file in views:
            if file.endswith(".parquet"):
                df = spark.read.parquet(file)
            else:
                df = spark.read.csv(file, header=True, multiLine=True, escape='"', encoding="UTF-8")
            df.createOrReplaceTempView(name)

        def query(sql):
            df = spark.sql(sql)
            return df.columns, [tuple(r) for r in df.collect()]
    out = csv.writer(sys.stdout, lineterminator="\n")
    for name, sql in statements(script):
        t = time.time()
        cols, rows = query(sql)
        out.writerow(cols)  # one header per result; check --counts skips the repeats
        out.writerows(["" if v is None else v for v in r] for r in rows)
        print(f"{engine}: {name}: {len(rows)} rows in {time.time() - t:.2f}s", file=sys.stderr)
    print(f"{engine}: total {time.time() - t0:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
