#!/usr/bin/env python3
"""Polars peer for plancheck-bench: the same grouped count and sum as duckdb_peer.py, as a
Polars lazy query run by the streaming engine, over the same CSV.

    python3 Benchmarks/polars_peer.py ACTIVITIES.CSV [--threads N]

Groups the records by org, type and quarter (count and sum of participants) and prints one line:
groups, records and participants summed, to compare with the DuckDB peer's line.
--threads sets POLARS_MAX_THREADS (it must be set before Polars is imported).
"""
import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    if "--threads" in args:
        os.environ["POLARS_MAX_THREADS"] = args[args.index("--threads") + 1]
    try:
        import polars as pl
    except ImportError:  # the runner checks `import polars` first; this is for people running it by hand
        sys.exit("polars is not installed: pip install polars")
    schema = {
        "id": pl.Utf8, "date": pl.Utf8, "org": pl.Utf8, "type": pl.Utf8,
        "title": pl.Utf8, "participants": pl.Int64, "lead": pl.Utf8, "target": pl.Utf8,
    }
    grouped = (
        pl.scan_csv(path, schema=schema, quote_char='"')
        .with_columns(pl.col("date").str.slice(0, 10).str.to_date("%Y-%m-%d").dt.quarter().alias("q"))
        .group_by(["org", "type", "q"])
        .agg(pl.len().alias("n"), pl.col("participants").sum().alias("p"))
        .select(pl.len().alias("groups"), pl.col("n").sum().alias("records"), pl.col("p").sum().alias("participants"))
    )
    try:
        row = grouped.collect(engine="streaming").row(0)
    except TypeError:  # older Polars
        row = grouped.collect(streaming=True).row(0)
    print(f"polars groups={row[0]} records={row[1]} participants={row[2]}")


if __name__ == "__main__":
    main()
