# psycopg2 with server-side (named) cursors and COPY TO STDOUT, printing what it read.
import io, sys, psycopg2

conn = psycopg2.connect(sys.argv[1])
cur = conn.cursor()
cur.execute("DROP TABLE IF EXISTS cl_big")
cur.execute("CREATE TABLE cl_big (id int PRIMARY KEY, label text, amount numeric(10,2), at_ts timestamptz)")
cur.execute("INSERT INTO cl_big SELECT g, 'row ' || g, g * 1.5, TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 minute' "
            "FROM generate_series(1, 25000) AS g")
conn.commit()

# Iteration fetches itersize rows at a time (FETCH FORWARD 2000 FROM "big").
nc = conn.cursor("big")
nc.itersize = 2000
nc.execute("SELECT id, label, amount, at_ts FROM cl_big ORDER BY id")
n, total, first, last = 0, 0, None, None
for row in nc:
    n += 1
    total += row[0]
    first = first or row
    last = row
print("iterate", n, total, first, last)
print("description", [(d.name, d.type_code) for d in nc.description])
nc.close()

nc = conn.cursor("small", scrollable=True)
nc.execute("SELECT id, label FROM cl_big WHERE id <= %s ORDER BY id", (20,))
print("fetchone", nc.fetchone())
print("fetchmany", nc.fetchmany(3))
nc.scroll(5)
print("scroll_relative", nc.fetchone())
nc.scroll(2, mode="absolute")
print("scroll_absolute", nc.fetchone())
nc.scroll(-2)
print("scroll_back", nc.fetchone())
print("fetchall", len(nc.fetchall()), nc.rownumber)
nc.close()
conn.commit()

# WITH HOLD survives the commit.
held = conn.cursor("held", withhold=True)
held.execute("SELECT id FROM cl_big WHERE id > 24990 ORDER BY id DESC")
conn.commit()
print("withhold", held.fetchmany(3), held.fetchall())
held.close()

# A named cursor without HOLD needs a transaction.
conn.autocommit = True
bad = conn.cursor("bad")
try:
    bad.execute("SELECT 1")
    print("no_transaction", bad.fetchall())
except psycopg2.Error as e:
    print("no_transaction error", e.pgcode)
conn.autocommit = False
conn.rollback()

# An error inside a named cursor's query.
err = conn.cursor("err")
try:
    err.execute("SELECT 1 / (id - id) FROM cl_big")
    err.fetchone()
    print("div", "no error")
except psycopg2.Error as e:
    print("div error", e.pgcode)
conn.rollback()

# COPY … TO STDOUT, through copy_expert and copy_to.
buf = io.StringIO()
cur.copy_expert("COPY (SELECT id, label, amount, at_ts FROM cl_big WHERE id <= 3 ORDER BY id) TO STDOUT WITH CSV HEADER", buf)
print("copy_csv", repr(buf.getvalue()))
buf = io.StringIO()
cur.copy_to(buf, "cl_big", columns=("id", "label"), sep="|", null="NULL")
print("copy_to", len(buf.getvalue().splitlines()), repr(buf.getvalue().splitlines()[0]))
buf = io.StringIO()
cur.copy_expert("COPY cl_big (label, id) TO STDOUT", buf)
lines = buf.getvalue().splitlines()
print("copy_text", len(lines), repr(sorted(lines)[:2]))
print("rowcount", cur.rowcount)
conn.rollback()
print("done")
