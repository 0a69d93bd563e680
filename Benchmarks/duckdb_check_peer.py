#!/usr/bin/env python3
"""DuckDB peer of `plancheck check` for plancheck-bench: the plan compiled by
`plancheck sql --dialect duckdb --emit findings --table activities`, run by DuckDB over the
records normalised by `plancheck inspect --format csv`.

    python3 Benchmarks/duckdb_check_peer.py SCRIPT.sql RECORDS.csv [--threads N] [--table] [--out DIR]

`activities` is a view of RECORDS.csv (DuckDB's parallel CSV reader, every column text, as the
script expects), and every statement of the script runs over it: `quality` (rows read and
rejected, duplicates, units not in the roster, dates, uncounted types) and `findings` (every rule ×
unit or person × period, units without records included, with its status) — two scans of the CSV,
each reading the columns it needs. The reading is part of the timed work, as `check` reads its
export. --table loads the CSV once into an in-memory table instead (at 10M records: about the
same CPU time, 3.3 GB peak instead of 1.9 GB).

DuckDB writes every statement's rows as CSV (`COPY … TO`), as `check` writes its report: to
standard output (the bench sends it to /dev/null), or with --out DIR to DIR/findings.csv (the
findings statement) and DIR/quality.csv (the other statements: the counts layout
`plancheck check --counts` reads).
"""
import os
import sys

from sql_runner import statements  # the same splitter of plancheck SQL scripts (this folder)

try:
    import duckdb
except ImportError:  # the bench checks `import duckdb` first; this is for people running it by hand
    sys.exit("duckdb is not installed: pip install duckdb")


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    script_path, records = args[0], args[1]
    threads = int(args[args.index("--threads") + 1]) if "--threads" in args else None
    out = args[args.index("--out") + 1] if "--out" in args else None
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    source = f"read_csv('{records.replace(chr(39), chr(39) * 2)}', header = true, all_varchar = true)"
    kind = "TABLE" if "--table" in args else "VIEW"
    # The columns the compiled script reads (SQLCompiler.recordColumns), as a warehouse table has them.
    con.execute(f'CREATE {kind} activities AS SELECT "date", org, "type", participants, title, lead, target FROM {source}')
    with open(script_path, encoding="utf-8") as f:
        script = f.read()
    # DuckDB writes each statement's rows as CSV itself (as check writes its report): to standard
    # output, or with --out to files. USE_TMP_FILE false: write to the path given, never beside it.
    if out:
        os.makedirs(out, exist_ok=True)
    parts = []
    for i, (name, sql) in enumerate(statements(script)):
        target = "/dev/stdout"
        if out:
            target = f"{out}/findings.csv" if name == "findings" else f"{out}/part-{i}-{name}.csv"
            if name != "findings":
                parts.append(target)
        quoted = target.replace("'", "''")
        con.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT csv, HEADER true, USE_TMP_FILE false)")
    if out:
        with open(f"{out}/quality.csv", "w", encoding="utf-8", newline="") as q:
            for p in parts:  # one header per statement; check --counts skips the repeats
                with open(p, encoding="utf-8") as f:
                    q.write(f.read())
                os.remove(p)


if __name__ == "__main__":
    main()
