"""Reference timing: fetch the benchmark table with psycopg2 + pandas.read_sql.

usage: /usr/bin/python3 pandas_fetch.py DSN [REPEATS]
Prints the best and median wall time in seconds for reading bench_qs.events_1m (created by
the Go benchmarks) into a DataFrame.
"""
import statistics
import sys
import time
import warnings

import pandas as pd
import psycopg2

warnings.filterwarnings("ignore")  # pandas warns that psycopg2 is not SQLAlchemy

dsn = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
conn = psycopg2.connect(dsn)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    df = pd.read_sql("SELECT id, user_id, score, name, active, ts FROM bench_qs.events_1m", conn)
    times.append(time.perf_counter() - start)
    assert len(df) == 1_000_000, len(df)
print(f"pandas_read_sql best={min(times):.3f}s median={statistics.median(times):.3f}s rows={len(df)}")
