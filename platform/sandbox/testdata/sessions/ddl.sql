-- Everyday DDL and administration as PostgreSQL 15 runs it (pgsql/ddl_admin.go,
-- admin.go): indexes with PostgreSQL's options and names, materialized views,
-- privileges for the one role, savepoints, EXPLAIN's shape, maintenance commands,
-- TRUNCATE and DROP TABLE with CASCADE, and what the sandbox refuses (0A000).
CREATE TABLE ddl_cust (id int PRIMARY KEY, name text, email text)
CREATE TABLE ddl_orders (id int PRIMARY KEY, cust_id int REFERENCES ddl_cust (id), placed date, total int)
INSERT INTO ddl_cust VALUES (1, 'Ann', 'a@x'), (2, 'Bob', NULL)
INSERT INTO ddl_orders VALUES (10, 1, DATE '2024-01-02', 5), (11, 2, DATE '2024-01-03', 7)
CREATE INDEX ON ddl_orders (cust_id)
CREATE INDEX ON ddl_orders (cust_id)
CREATE INDEX ddl_orders_placed ON ddl_orders USING btree (placed DESC)
CREATE INDEX ddl_orders_total ON ddl_orders (total NULLS FIRST, placed DESC NULLS LAST)
CREATE INDEX ON ddl_cust USING hash (email)
CREATE INDEX ON ddl_cust (lower(name)) INCLUDE (email)
CREATE INDEX ddl_cust_partial ON ddl_cust (name) WHERE id > 0
CREATE INDEX IF NOT EXISTS ddl_orders_placed ON ddl_orders (placed)
CREATE INDEX CONCURRENTLY ddl_orders_conc ON ddl_orders (total)
CREATE UNIQUE INDEX ddl_cust_email_u ON ddl_cust (email, id)
SELECT indexname::text, indexdef FROM pg_indexes WHERE tablename IN ('ddl_cust', 'ddl_orders') ORDER BY 1
SELECT pg_get_indexdef('ddl_orders_placed'::regclass)
SELECT c.relname::text FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE i.indrelid = 'ddl_orders'::regclass ORDER BY 1
BEGIN
CREATE INDEX CONCURRENTLY ddl_orders_conc2 ON ddl_orders (total)
ROLLBACK
CREATE INDEX ddl_no_such_idx ON ddl_no_such (a)
CREATE UNIQUE INDEX ddl_cust_partial_u ON ddl_cust (name) WHERE id > 0
COMMENT ON INDEX ddl_orders_placed IS 'newest first'
SELECT obj_description('ddl_orders_placed'::regclass, 'pg_class')
GRANT SELECT ON ddl_cust TO CURRENT_USER
GRANT SELECT, INSERT ON ddl_cust, ddl_orders TO PUBLIC
GRANT ALL ON ALL TABLES IN SCHEMA public TO CURRENT_USER
REVOKE ALL ON ddl_cust FROM PUBLIC
GRANT SELECT ON ddl_cust TO ddl_nobody
GRANT SELECT ON ddl_no_such TO CURRENT_USER
GRANT USAGE ON SCHEMA ddl_no_schema TO CURRENT_USER
ALTER TABLE ddl_cust OWNER TO CURRENT_USER
ALTER TABLE ddl_cust OWNER TO ddl_nobody
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO CURRENT_USER
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC
CREATE MATERIALIZED VIEW ddl_mv AS SELECT cust_id, sum(total)::int AS total FROM ddl_orders GROUP BY cust_id
SELECT * FROM ddl_mv ORDER BY cust_id
INSERT INTO ddl_orders VALUES (12, 1, DATE '2024-01-04', 1)
SELECT * FROM ddl_mv ORDER BY cust_id
REFRESH MATERIALIZED VIEW ddl_mv
SELECT * FROM ddl_mv ORDER BY cust_id
SELECT relkind::text FROM pg_class WHERE relname = 'ddl_mv'
SELECT matviewname::text, ispopulated FROM pg_matviews WHERE matviewname = 'ddl_mv'
CREATE MATERIALIZED VIEW IF NOT EXISTS ddl_mv AS SELECT 1
CREATE MATERIALIZED VIEW ddl_mv2 AS SELECT id FROM ddl_cust WITH NO DATA
REFRESH MATERIALIZED VIEW ddl_mv2
SELECT count(*) FROM ddl_mv2
REFRESH MATERIALIZED VIEW ddl_cust
DROP TABLE ddl_mv
DROP MATERIALIZED VIEW ddl_mv, ddl_mv2
DROP MATERIALIZED VIEW IF EXISTS ddl_mv
SELECT count(*) FROM pg_class WHERE relname = 'ddl_mv'
BEGIN
INSERT INTO ddl_cust VALUES (3, 'Cy', NULL)
SAVEPOINT s1
INSERT INTO ddl_cust VALUES (4, 'Di', NULL)
SAVEPOINT s2
INSERT INTO ddl_cust VALUES (1, 'dup', NULL)
SELECT 1
ROLLBACK TO SAVEPOINT s2
SELECT id FROM ddl_cust ORDER BY id
INSERT INTO ddl_cust VALUES (5, 'Ed', NULL) RETURNING id, name
ROLLBACK TO s1
SELECT id FROM ddl_cust ORDER BY id
RELEASE SAVEPOINT s1
ROLLBACK TO SAVEPOINT s1
ROLLBACK
SELECT id FROM ddl_cust ORDER BY id
SAVEPOINT s_outside
RELEASE SAVEPOINT s_outside
BEGIN
SAVEPOINT a
UPDATE ddl_orders SET total = 50 WHERE id = 10
SAVEPOINT a
UPDATE ddl_orders SET total = 500 WHERE id = 10
ROLLBACK TO a
SELECT total FROM ddl_orders WHERE id = 10
RELEASE a
ROLLBACK TO a
SELECT total FROM ddl_orders WHERE id = 10
COMMIT
SELECT total FROM ddl_orders WHERE id = 10
VACUUM
VACUUM ddl_cust
VACUUM FULL ddl_cust
VACUUM ANALYZE ddl_orders
ANALYZE
ANALYZE ddl_cust
ANALYZE ddl_no_such
BEGIN
VACUUM
ROLLBACK
CLUSTER ddl_cust
CLUSTER ddl_cust USING ddl_cust_pkey
REINDEX TABLE ddl_cust
REINDEX INDEX ddl_orders_placed
CHECKPOINT
LISTEN ddl_channel
UNLISTEN ddl_channel
UNLISTEN *
CREATE EXTENSION IF NOT EXISTS pgcrypto
CREATE EXTENSION IF NOT EXISTS "uuid-ossp"
CREATE EXTENSION IF NOT EXISTS plpgsql
CREATE TABLE ddl_like (LIKE ddl_orders INCLUDING ALL)
SELECT column_name::text, is_nullable::text FROM information_schema.columns WHERE table_name = 'ddl_like' ORDER BY ordinal_position
INSERT INTO ddl_like VALUES (1, 1, NULL, 2)
INSERT INTO ddl_like VALUES (1, 1, NULL, 2)
CREATE TABLE ddl_like2 (extra text, LIKE ddl_cust)
SELECT column_name::text FROM information_schema.columns WHERE table_name = 'ddl_like2' ORDER BY ordinal_position
DROP TABLE ddl_like, ddl_like2
CREATE TABLE ddl_part (a int, b text) PARTITION BY RANGE (a)
CREATE TABLE ddl_ser (id serial PRIMARY KEY, v text)
INSERT INTO ddl_ser (v) VALUES ('a'), ('b')
CREATE TABLE ddl_ref (id int PRIMARY KEY, ser_id int REFERENCES ddl_ser (id))
INSERT INTO ddl_ref VALUES (1, 1)
TRUNCATE ddl_ser
TRUNCATE ddl_ser RESTART IDENTITY CASCADE
SELECT count(*) FROM ddl_ref
INSERT INTO ddl_ser (v) VALUES ('c') RETURNING id
TRUNCATE ddl_ref, ddl_ser
CREATE VIEW ddl_v AS SELECT id, name FROM ddl_cust
CREATE VIEW ddl_vv AS SELECT id FROM ddl_v
DROP TABLE ddl_ref
DROP TABLE ddl_ser
CREATE TABLE ddl_solo (a int)
CREATE VIEW ddl_solo_v AS SELECT a FROM ddl_solo
DROP TABLE ddl_solo
DROP TABLE ddl_solo CASCADE
SELECT count(*) FROM pg_class WHERE relname IN ('ddl_solo', 'ddl_solo_v')
DROP TABLE IF EXISTS ddl_no_such
EXPLAIN SELECT 1
DROP VIEW ddl_vv
DROP VIEW ddl_v
DROP TABLE ddl_orders
DROP TABLE ddl_cust
DROP TABLE IF EXISTS ddl_part
CREATE TABLE ddl_sp (id serial PRIMARY KEY, v text, at timestamptz DEFAULT now())
BEGIN
INSERT INTO ddl_sp (v) VALUES ('a') RETURNING v
SAVEPOINT p1
INSERT INTO ddl_sp (v) VALUES ('b')
DROP MATERIALIZED VIEW ddl_sp
ROLLBACK TO SAVEPOINT p1
INSERT INTO ddl_sp (v) VALUES ('c') RETURNING v
SELECT v FROM ddl_sp ORDER BY v
COMMIT
SELECT v FROM ddl_sp ORDER BY v
BEGIN
SELECT count(*) FROM ddl_sp
SAVEPOINT p2
CREATE TABLE ddl_sp2 (a int)
CREATE INDEX ON ddl_sp2 (a)
ROLLBACK TO p2
SELECT count(*) FROM pg_class WHERE relname LIKE 'ddl_sp2%'
ROLLBACK
DROP TABLE ddl_sp
CREATE TABLE ddl_al (a int, b int, c text)
CREATE INDEX ddl_al_a ON ddl_al (a DESC)
CREATE INDEX ON ddl_al (b) WHERE b > 0
INSERT INTO ddl_al VALUES (1, 2, 'X')
ALTER TABLE ddl_al RENAME COLUMN b TO bb
ALTER TABLE ddl_al ALTER COLUMN a SET NOT NULL
ALTER TABLE ddl_al ALTER COLUMN bb TYPE bigint
SELECT indexname::text, indexdef FROM pg_indexes WHERE tablename = 'ddl_al' ORDER BY 1
BEGIN
ALTER TABLE ddl_al DROP COLUMN bb
ROLLBACK
ALTER TABLE ddl_al DROP COLUMN bb
ALTER TABLE ddl_al RENAME TO ddl_al2
SELECT indexname::text, indexdef FROM pg_indexes WHERE tablename = 'ddl_al2' ORDER BY 1
SELECT * FROM ddl_al2
DROP TABLE ddl_al2
CREATE TABLE ddl_fp (id int PRIMARY KEY, n text)
CREATE TABLE ddl_fc (id int, p int REFERENCES ddl_fp (id))
ALTER TABLE ddl_fp ADD COLUMN z int
ALTER TABLE ddl_fp RENAME COLUMN n TO nn
DROP TABLE ddl_fc
DROP TABLE ddl_fp
CREATE DOMAIN ddl_dom AS integer
CREATE TABLE ddl_domt (a ddl_dom, b text)
INSERT INTO ddl_domt VALUES (1, 'x')
SELECT a + 1 AS b FROM ddl_domt
DROP TABLE ddl_domt
DROP DOMAIN ddl_dom
DROP DOMAIN IF EXISTS ddl_dom
CREATE DOMAIN ddl_dom2 AS int CHECK (VALUE > 0)
DROP DOMAIN IF EXISTS ddl_dom2
CREATE FUNCTION ddl_f(a int) RETURNS int LANGUAGE sql AS 'SELECT a + 1'
DROP FUNCTION IF EXISTS ddl_f
CREATE EXTENSION IF NOT EXISTS ddl_no_such_ext
EXPLAIN (FORMAT JSON) SELECT 1
NOTIFY ddl_ch
-- Last: PostgreSQL's DISCARD ALL also deallocates the client's prepared statements.
DISCARD ALL
