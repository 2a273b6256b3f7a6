# numeric without precision through psycopg2 (Decimal values both ways) and pandas'
# read_sql_query: digits, scale and errors as PostgreSQL gives them. One line per check.
import io
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
# Casts of expressions, INSERT … SELECT and COPY: PostgreSQL's values where the sandbox's
# numeric holds them, 22003 (never a rounded value) where it does not.
show("cast_expr", "SELECT n::numeric, round(n::numeric, 2), trunc(-n::numeric, 3) FROM num_py WHERE id = 1")
show("cast_text", "SELECT %s::text::numeric", ("0.5",))
show("cast_text_wide", "SELECT %s::text::numeric", ("0.1234567890123456",))
show("round_float", "SELECT round(%s::float8::numeric, 4), round(avg(x)::numeric, 3) FROM (VALUES (1.0::float8), (2), (2)) v(x)",
     (0.1 + 0.2,))
show("insert_select", "INSERT INTO num_py (id, n) SELECT 6, n * 2 FROM num_py WHERE id = 1")
show("insert_select_wide", "INSERT INTO num_py (id, n) SELECT 7, m / 7 FROM num_py WHERE id = 1")
show("update_expr", "UPDATE num_py SET n = n + 0.5 WHERE id = 6")
try:
    cur.copy_expert("COPY num_py (id, n) FROM STDIN", io.StringIO("8\t0.5\n9\t-1e3\n"))
    print("copy", cur.rowcount)
except psycopg2.Error as e:
    print("copy", "ERROR", e.pgcode)
try:
    cur.copy_expert("COPY num_py (id, n) FROM STDIN WITH (FORMAT csv)", io.StringIO("10,0.1234567890123\n"))
    print("copy_wide", cur.rowcount)
except psycopg2.Error as e:
    print("copy_wide", "ERROR", e.pgcode)
show("after", "SELECT id, n FROM num_py WHERE id IN (6, 8, 9) ORDER BY id")
show("count", "SELECT count(*) FROM num_py")
