# numeric without precision through psycopg2 (Decimal values both ways) and pandas'
# read_sql_query: digits, scale and errors as PostgreSQL gives them. One line per check.
import sys
from decimal import Decimal
import psycopg2

conn = psycopg2.connect(sys.argv[1])
conn.autocommit = True
cur = conn.cursor()


def show(key, sql, args=None):
    try:
        cur.execute(sql, args)
        rows = cur.fetchall() if cur.description else cur.rowcount
        print(key, repr(rows))
    except psycopg2.Error as e:
        print(key, "ERROR", e.pgcode)


show("cast", "SELECT 1.23456::numeric, CAST('0.000000001' AS decimal), 1.50::numeric")
show("big", "SELECT 12345678901234567890123::numeric, '123456789012345678901234567890.12345678'::numeric")
show("typed", "SELECT 1.23456::numeric(10,4), 12.5::numeric(38,2)")
show("create", "CREATE TABLE num_py (id int, n numeric, m decimal(12,4))")
show("insert", "INSERT INTO num_py VALUES (%s, %s, %s), (%s, %s, %s), (%s, %s, %s)",
     (1, Decimal("1.23456"), Decimal("1.5"), 2, Decimal("12345678901234567890.125"), Decimal("0"),
      3, Decimal("-0.000000000001"), Decimal("-2.25")))
show("select", "SELECT id, n, m FROM num_py ORDER BY id")
show("sum", "SELECT sum(n), sum(m) FROM num_py")
show("arith", "SELECT n + 1, n * 2, n - m FROM num_py WHERE id = 1")
show("where", "SELECT id FROM num_py WHERE n = %s", (Decimal("1.23456"),))
show("float", "INSERT INTO num_py (id, n) VALUES (%s, %s)", (4, 0.1))
show("float_back", "SELECT n FROM num_py WHERE id = 4")
# PostgreSQL keeps every decimal; the sandbox keeps 12 and refuses more (22003).
show("wide", "INSERT INTO num_py (id, n) VALUES (%s, %s)", (5, Decimal("0.12345678901234567890")))
show("count", "SELECT count(*) FROM num_py")
