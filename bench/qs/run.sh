#!/usr/bin/env bash
# Runs the query-service benchmarks side by side: the Go benchmarks (bench/qs) and
# psycopg2 + pandas read_sql against the same PostgreSQL, then prints the ratios that
# bench/qs.md records. Needs SLUICE_TEST_PG_DSN (eval "$(.ci/start-postgres)").
#   usage: bench/qs/run.sh [benchtime, default 3x]
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${SLUICE_TEST_PG_DSN:?start PostgreSQL first: eval \"\$(.ci/start-postgres)\"}"
export SLUICE_BENCH_DIR=${SLUICE_BENCH_DIR:-/tmp/sluice-qs-bench}
mkdir -p "$SLUICE_BENCH_DIR"
out=$(go test ./bench/qs -run '^$' -bench . -benchtime "${1:-3x}" | tee /dev/stderr)
py=$(/usr/bin/python3 bench/qs/pandas_fetch.py "$SLUICE_TEST_PG_DSN" 3 | tee /dev/stderr)
ns() { awk -v b="$1" '$1 ~ "^"b"(-[0-9]+)?$" {print $3}' <<<"$out"; }
pandas=$(sed -E 's/.*median=([0-9.]+)s.*/\1/' <<<"$py")
awk -v pg="$(ns BenchmarkFetchPostgres)" -v sb="$(ns BenchmarkFetchSandbox)" -v dd="$(ns BenchmarkFetchDuckDBDirect)" \
    -v gb="$(ns BenchmarkGroupBySandbox10M)" -v cs="$(ns BenchmarkCopyFromSandbox1M)" -v cp="$(ns BenchmarkCopyFromPostgres1M)" \
    -v pd="$pandas" 'BEGIN {
  printf "fetch 1M x 6 from PostgreSQL: qs %.2fs, psycopg2+pandas %.2fs -> ratio %.2f (goal <= 0.5)\n", pg/1e9, pd, pg/1e9/pd
  printf "fetch 1M x 6 from the sandbox: %.2fs vs DuckDB Go API %.2fs -> wire overhead ratio %.2f\n", sb/1e9, dd/1e9, sb/dd
  printf "GROUP BY over 10M rows in the sandbox: %.3fs\n", gb/1e9
  printf "COPY 1M rows: sandbox %.2fs, PostgreSQL %.2fs -> ratio %.2f\n", cs/1e9, cp/1e9, cs/cp
}'
