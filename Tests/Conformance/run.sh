#!/usr/bin/env bash
# Conformance of `plancheck sql` on real engines: every shipped plan on generated data at several
# as-of dates, on DuckDB, PostgreSQL (a throwaway cluster on a Unix socket) and Spark SQL (PySpark
# local mode, system Java 17), compared with the native check row for row. Trino's script is only
# generated (no engine here) and checked by the golden tests.
#
#   bash Tests/Conformance/run.sh            # uses .build/release (builds it if missing)
#   ENGINES=duckdb bash Tests/Conformance/run.sh
#
# Installs what it needs (pip: duckdb pyspark; apt: postgresql, openjdk-17-jre-headless). Prints
# `N passed, N failed`; exits 1 when any comparison fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ENGINES=${ENGINES:-duckdb,postgres,spark}
BIN=${PLANCHECK_BIN:-$ROOT/.build/release}
[ -x "$BIN/plancheck" ] && [ -x "$BIN/plancheck-gen" ] || swift build -c release
WORK=$(mktemp -d /tmp/plancheck-conformance.XXXXXX)
PGDATA="$WORK/pg"
cleanup() {
    if [ -f "$PGDATA/postmaster.pid" ]; then
        as_pg pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user when we are root.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PATH="$PGBIN:$PATH" "$@"; else env PATH="$PGBIN:$PATH" "$@"; fi
}

need_apt=()
python3 -c "import duckdb, sqlglot" 2>/dev/null || pip install --quiet duckdb sqlglot
if [[ $ENGINES == *spark* ]]; then
    python3 -c 'import pyspark' 2>/dev/null || pip install --quiet pyspark
    command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless)
fi
if [[ $ENGINES == *postgres* ]]; then
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PG_ARGS=()
if [[ $ENGINES == *postgres* ]]; then
    PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
    mkdir -p "$PGDATA" "$WORK/sock"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDATA" "$WORK/sock" && chmod 755 "$WORK"
    as_pg initdb -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg pg_ctl -D "$PGDATA" -w -l "$PGDATA/log" \
        -o "-k $WORK/sock -c listen_addresses='' -c fsync=off -c shared_buffers=64MB" start >/dev/null
    PG_ARGS=(--pg-socket "$WORK/sock")
fi
if [[ $ENGINES == *spark* ]] && [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi

python3 "$ROOT/Tests/Conformance/conformance.py" --plancheck "$BIN/plancheck" --gen "$BIN/plancheck-gen" \
    --work "$WORK/data" --engines "$ENGINES" "${PG_ARGS[@]}"
