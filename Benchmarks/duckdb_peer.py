#!/usr/bin/env python3
"""DuckDB peer for plancheck-bench: the grouped count and sum that `plancheck check` does at its
core, over the same CSV, with DuckDB's own CSV reader.

    python3 Benchmarks/duckdb_peer.py ACTIVITIES.CSV [--threads N]

Groups the records by org, type and quarter (count and sum of participants) and prints one line:
groups, records and participants summed (so the run can be checked against plancheck's totals).
The grouping runs inside DuckDB; only three numbers come back to Python.
"""
import sys

try:
    import duckdb
except ImportError:  # the runner checks `import duckdb` first; this is for people running it by hand
    sys.exit("duckdb is not installed: pip install duckdb")


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    threads = None
    if "--threads" in args:
        threads = int(args[args.index("--threads") + 1])
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    columns = {
        "id": "VARCHAR", "date": "VARCHAR", "org": "VARCHAR", "type": "VARCHAR",
        "title": "VARCHAR", "participants": "BIGINT", "lead": "VARCHAR", "target": "VARCHAR",
    }
    cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
    quoted = path.replace("'", "''")
    query = f"""
        SELECT count(*) AS groups, sum(n) AS records, sum(p) AS participants FROM (
            SELECT org, type, quarter(CAST(substr(date, 1, 10) AS DATE)) AS q,
                   count(*) AS n, sum(participants) AS p
            FROM read_csv('{quoted}', header = true, quote = '"', escape = '"', columns = {cols})
            GROUP BY org, type, q
        )
    """
    groups, records, participants = con.execute(query).fetchone()
    print(f"duckdb groups={groups} records={records} participants={participants}")


if __name__ == "__main__":
    main()
