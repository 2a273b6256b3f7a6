"""The pandas side of bench/table: the same data (same formula as facts in main.go) and
the same operations, timed; prints one JSON line."""
import json
import sys
import time

import numpy as np
import pandas as pd

n = int(sys.argv[1])
T, C = {}, {}
t0 = time.perf_counter()
i = np.arange(n, dtype=np.uint64)
h = (i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)
g = pd.Series(np.char.add("g", (h % np.uint64(1000)).astype(str)), dtype=object)
g[(i % np.uint64(23)) == 0] = None
x = ((h >> np.uint64(3)) % np.uint64(100000)).astype(np.float64) / 100
x[(i % np.uint64(17)) == 0] = np.nan
df = pd.DataFrame({
    "g": g,
    "k": ((h >> np.uint64(10)) % np.uint64(10)).astype(np.int64),
    "x": x,
    "n": ((h >> np.uint64(7)) % np.uint64(1000)).astype(np.int64) - 300,
    "id": (h % np.uint64(110000)).astype(np.int64),
})
ids = np.array([j for j in range(110000) if j % 11 != 0][:100000], dtype=np.int64)
dim = pd.DataFrame({"id": ids, "w": ids % 7})
T["build"] = time.perf_counter() - t0

t0 = time.perf_counter()
grp = df.groupby(["g", "k"], dropna=False).agg(count=("n", "size"), sum_n=("n", "sum"), mean_x=("x", "mean"), std_x=("x", "std"))
T["groupby"] = time.perf_counter() - t0
C["groups"] = len(grp)

t0 = time.perf_counter()
j = df.merge(dim, on="id", how="left")
T["join"] = time.perf_counter() - t0
C["join_rows"] = len(j)
del j

t0 = time.perf_counter()
d = df.describe(include="all")
T["describe"] = time.perf_counter() - t0
print(json.dumps({"T": T, "C": C}))
