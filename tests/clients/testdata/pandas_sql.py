# pandas through SQLAlchemy and psycopg2: to_sql, read_sql_table, read_sql_query (with
# parameters and in chunks), printing dtypes and values.
import datetime, sys
import numpy as np
import pandas as pd
import sqlalchemy as sa

url = "postgresql+psycopg2://" + sys.argv[1].split("://", 1)[1]
eng = sa.create_engine(url)
n = 2500
df = pd.DataFrame({
    "id": np.arange(n, dtype="int64"),
    "small": np.arange(n, dtype="int32") % 7,
    "x": np.linspace(0, 1, n),
    "label": [f"item {i}" if i % 10 else None for i in range(n)],
    "flag": [i % 3 == 0 for i in range(n)],
    "day": pd.date_range("2024-01-01", periods=n, freq="h"),
    "at": pd.date_range("2024-01-01", periods=n, freq="min", tz="UTC"),
})
print("pandas", pd.__version__.split(".")[0], "sqlalchemy", sa.__version__.split(".")[0])
print("to_sql", df.to_sql("pd_items", eng, if_exists="replace", index=False, chunksize=1000))
print("to_sql_multi", df.head(10).to_sql("pd_multi", eng, if_exists="replace", index=True, method="multi"))
print("append", df.head(5).to_sql("pd_items", eng, if_exists="append", index=False))
print("tables", sorted(t for t in sa.inspect(eng).get_table_names() if t.startswith("pd_")))
for c in sa.inspect(eng).get_columns("pd_items"):
    print("column", c["name"], repr(c["type"]), c["nullable"])

t = pd.read_sql_table("pd_items", eng)
print("table_shape", t.shape)
print("table_dtypes", dict(t.dtypes.astype(str)))
t = t.sort_values("id", kind="stable").reset_index(drop=True)
print("table_head", t.head(3).to_dict("records"))
print("table_sums", int(t["id"].sum()), round(float(t["x"].sum()), 6), int(t["flag"].sum()), int(t["label"].isna().sum()))

q = pd.read_sql_query(sa.text("SELECT id, label, at FROM pd_items WHERE small = :s AND id < :m ORDER BY id"), eng, params={"s": 3, "m": 100})
print("query", q.shape, dict(q.dtypes.astype(str)), q.tail(2).to_dict("records"))
q = pd.read_sql_query("SELECT count(*) AS n, min(day) AS first, max(at) AS last FROM pd_items", eng)
print("aggregate", q.to_dict("records"))
chunks = [len(c) for c in pd.read_sql_query("SELECT id FROM pd_items ORDER BY id", eng, chunksize=1000)]
print("chunks", chunks)
with eng.connect() as c:
    chunks = [len(ch) for ch in pd.read_sql_query(sa.text("SELECT * FROM pd_items ORDER BY id"),
                                                    c.execution_options(stream_results=True), chunksize=700)]
print("stream_chunks", chunks)
m = pd.read_sql_table("pd_multi", eng, index_col="index")
print("multi", m.shape, list(m.index[:3]))
with eng.begin() as c:
    c.execute(sa.text("DROP TABLE pd_items"))
    c.execute(sa.text("DROP TABLE pd_multi"))
print("dropped", sorted(t for t in sa.inspect(eng).get_table_names() if t.startswith("pd_")))
