"""Reference timing: pandas DataFrame.to_html on the same 1,000-row, 4-column table
that display's BenchmarkTableHTML1000 renders (ints, strings with markup to escape,
floats with 10% NULLs, timestamps). Prints nanoseconds per render."""
import time

import numpy as np
import pandas as pd

n = 1000
rng = np.random.default_rng(1)
scores = rng.random(n)
scores[::10] = np.nan
df = pd.DataFrame({
    "id": np.arange(n, dtype=np.int64) * 7919,
    "name": [f"profile-{i:06d} <{['web', 'email', 'app'][i % 3]}>" for i in range(n)],
    "score": scores,
    "seen_at": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(np.arange(n), unit="s"),
})
df.to_html()  # warm up
reps = 20
t0 = time.perf_counter_ns()
for _ in range(reps):
    df.to_html(max_rows=None)
print((time.perf_counter_ns() - t0) // reps)
