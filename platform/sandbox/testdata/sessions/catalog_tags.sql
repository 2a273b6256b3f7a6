-- Command tags as PostgreSQL 15 sends them (admin_ctas.go, prepared.go, admin.go):
-- CREATE TABLE … AS and SELECT … INTO answer SELECT n (CREATE TABLE AS with NO DATA or
-- when IF NOT EXISTS finds the table), materialized views, COPY, MERGE, TRUNCATE,
-- DISCARD, SQL PREPARE/EXECUTE/DEALLOCATE; uuid-ossp's uuid_generate_v4 once the
-- extension is created; an unpopulated materialized view is 55000.
CREATE TABLE tg_src (id int, v text)
INSERT INTO tg_src VALUES (1, 'a'), (2, 'b')
CREATE TABLE tg_c1 AS SELECT * FROM tg_src
CREATE TABLE tg_c2 AS SELECT * FROM tg_src WITH NO DATA
CREATE TABLE tg_c2b AS SELECT * FROM tg_src WITH DATA
SELECT * INTO tg_c3 FROM tg_src
SELECT * INTO TEMP tg_c4 FROM tg_src WHERE id > 1
SELECT id, v INTO TEMPORARY TABLE tg_c4b FROM tg_src ORDER BY id LIMIT 1
CREATE TEMP TABLE tg_c5 AS SELECT * FROM tg_src
CREATE TABLE IF NOT EXISTS tg_c1 AS SELECT * FROM tg_src
CREATE TABLE IF NOT EXISTS tg_c1b AS SELECT * FROM tg_src
CREATE TABLE tg_c6 AS VALUES (1), (2), (3)
CREATE TABLE tg_c7 AS TABLE tg_src
CREATE TABLE tg_c8 (x) AS SELECT id FROM tg_src WHERE id > 1
WITH q AS (SELECT 5 AS z) SELECT z INTO tg_c9 FROM q
CREATE TABLE tg_c1 AS SELECT 1
SELECT * INTO tg_c3 FROM tg_src
SELECT (SELECT count(*) FROM tg_c1) AS c1, (SELECT count(*) FROM tg_c2) AS c2, (SELECT count(*) FROM tg_c3) AS c3, (SELECT count(*) FROM tg_c4) AS c4, (SELECT count(*) FROM tg_c6) AS c6, (SELECT x FROM tg_c8) AS c8, (SELECT z FROM tg_c9) AS c9
SELECT * FROM tg_c4b
CREATE MATERIALIZED VIEW tg_mv AS SELECT * FROM tg_src
CREATE MATERIALIZED VIEW tg_mv2 AS SELECT * FROM tg_src WITH NO DATA
SELECT * FROM tg_mv2
SELECT count(*) FROM tg_mv2
SELECT ispopulated FROM pg_matviews WHERE matviewname = 'tg_mv2'
REFRESH MATERIALIZED VIEW tg_mv2
SELECT * FROM tg_mv2 ORDER BY id
SELECT ispopulated FROM pg_matviews WHERE matviewname = 'tg_mv2'
REFRESH MATERIALIZED VIEW tg_mv2 WITH NO DATA
SELECT * FROM tg_mv2
REFRESH MATERIALIZED VIEW tg_mv
COPY tg_src TO STDOUT
COPY (SELECT 1) TO STDOUT
MERGE INTO tg_src t USING (VALUES (1, 'z'), (3, 'c')) s(id, v) ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)
MERGE INTO tg_src t USING (VALUES (3, 'c')) s(id, v) ON t.id = s.id WHEN MATCHED THEN DELETE
SELECT * FROM tg_src ORDER BY id
TRUNCATE tg_c1
TRUNCATE TABLE tg_c1, tg_c3
DISCARD PLANS
DISCARD SEQUENCES
DISCARD TEMP
SELECT count(*) FROM tg_c5
PREPARE tg_p AS SELECT 1
EXECUTE tg_p
PREPARE tg_i (int, text) AS INSERT INTO tg_src VALUES ($1, $2)
EXECUTE tg_i (7, 'seven')
EXECUTE tg_i (8)
PREPARE tg_s (int) AS SELECT v FROM tg_src WHERE id = $1
EXECUTE tg_s (7)
PREPARE tg_u AS UPDATE tg_src SET v = v || '!' WHERE id > 1
EXECUTE tg_u
DEALLOCATE tg_u
DEALLOCATE PREPARE tg_s
EXECUTE tg_s (7)
DISCARD ALL
EXECUTE tg_p
DEALLOCATE tg_p
DEALLOCATE ALL
SELECT uuid_generate_v4() IS NOT NULL
CREATE EXTENSION IF NOT EXISTS "uuid-ossp"
SELECT length(uuid_generate_v4()::text), uuid_generate_v4() <> uuid_generate_v4()
SELECT gen_random_uuid() IS NOT NULL
CALL tg_no_such_proc()
DROP MATERIALIZED VIEW tg_mv, tg_mv2
DROP TABLE tg_src, tg_c1, tg_c1b, tg_c2, tg_c2b, tg_c3, tg_c6, tg_c7, tg_c8, tg_c9
DO $$ BEGIN END $$
