#!/usr/bin/env python3
"""Polars peer, the same job as duckdb_peer.py: the grouped count and sum that `plancheck check`
does at its core, over the same CSV, with Polars' own (multi-threaded, lazy) CSV reader.

    python3 Benchmarks/polars_peer.py ACTIVITIES.CSV

Groups the records by org, type and quarter (count and sum of participants) and prints one line:
groups, records and participants summed (to compare with duckdb_peer.py and plancheck's totals).
"""
import sys

try:
    import polars as pl
except ImportError:
    sys.exit("polars is not installed: pip install polars")


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    schema = {"id": pl.Utf8, "date": pl.Utf8, "org": pl.Utf8, "type": pl.Utf8,
              "title": pl.Utf8, "participants": pl.Int64, "lead": pl.Utf8, "target": pl.Utf8}
    groups = (
        pl.scan_csv(sys.argv[1], schema=schema, quote_char='"')
        .with_columns(pl.col("date").str.slice(0, 10).str.to_date("%Y-%m-%d").dt.quarter().alias("q"))
        .group_by("org", "type", "q")
        .agg(pl.len().alias("n"), pl.col("participants").sum().alias("p"))
        .select(pl.len().alias("groups"), pl.col("n").sum().alias("records"), pl.col("p").sum().alias("participants"))
        .collect()
    )
    g, n, p = groups.row(0)
    print(f"polars groups={g} records={n} participants={p}")


if __name__ == "__main__":
    main()
