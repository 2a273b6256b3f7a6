# Result types of aggregates and numeric arithmetic as pandas and psycopg2 read them:
# PostgreSQL's numeric is a Decimal (object dtype), bigint int64, double precision float64.
import sys
import pandas as pd
import psycopg2
import sqlalchemy as sa

dsn = sys.argv[1]
url = "postgresql+psycopg2://" + dsn.split("://", 1)[1]
eng = sa.create_engine(url)
with eng.begin() as c:
    c.execute(sa.text("CREATE TABLE rt_sales (region text, qty integer, big bigint, amount numeric(10,2), price double precision)"))
    c.execute(sa.text("INSERT INTO rt_sales VALUES ('north', 2, 10000000000, 10.50, 2.5), ('north', 3, 5, 20.25, 1.25), "
                      "('south', 5, 7, 0.10, 0.5), ('south', NULL, NULL, NULL, NULL)"))
queries = {
    "by_region": "SELECT region, count(*) AS n, sum(qty) AS units, avg(qty) AS avg_qty, sum(big) AS big, "
                 "avg(amount) AS avg_amount, round(avg(amount), 2) AS avg2, sum(amount) AS revenue, avg(price) AS avg_price "
                 "FROM rt_sales GROUP BY region ORDER BY region",
    "ratios": "SELECT region, sum(amount) / sum(qty) AS per_unit, sum(qty) * 1.0 / count(*) AS fill, "
              "stddev(qty) AS sd, variance(amount) AS var FROM rt_sales GROUP BY region ORDER BY region",
    "literals": "SELECT 10 / 4.0 AS a, 1 / 3.0 AS b, 1.5 * 2 AS c, 7 / 2 AS d",
    "window": "SELECT qty, rank() OVER (ORDER BY qty) AS r, ntile(2) OVER (ORDER BY qty) AS t, "
              "avg(qty) OVER (ORDER BY qty) AS run FROM rt_sales WHERE qty IS NOT NULL ORDER BY qty",
}
for name, q in queries.items():
    df = pd.read_sql_query(q, eng)
    print(name, "dtypes", dict(df.dtypes.astype(str)))
    print(name, "values", [[repr(v) for v in row] for row in df.itertuples(index=False)])
conn = psycopg2.connect(dsn)
cur = conn.cursor()
cur.execute(queries["by_region"])
print("psycopg2 types", [(d.name, d.type_code) for d in cur.description])
print("psycopg2 rows", cur.fetchall())
conn.close()
with eng.begin() as c:
    c.execute(sa.text("DROP TABLE rt_sales"))
