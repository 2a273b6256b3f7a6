-- TEMP relations in the catalog (pgsql/tempcat.go): the session's schema pg_temp_N
-- (N differs between servers, so the scripts compare what does not name it; PostgreSQL
-- keeps a database's pg_temp_N once made, so their number is not compared).
CREATE TABLE ct_keep (a int PRIMARY KEY)
SELECT pg_my_temp_schema() = 0
CREATE TEMP TABLE ct_tmp (id int PRIMARY KEY, name text NOT NULL, v numeric(5,2) DEFAULT 1.5)
CREATE INDEX ct_tmp_name ON ct_tmp (name)
CREATE TEMP VIEW ct_tmpv AS SELECT id, name FROM ct_tmp
SELECT count(*) FROM pg_namespace WHERE oid = pg_my_temp_schema()
SELECT nspname ~ '^pg_temp_\d+$' FROM pg_namespace WHERE oid = pg_my_temp_schema()
SELECT c.relname, c.relkind, c.relpersistence, c.relnatts, c.relhasindex, n.oid = pg_my_temp_schema() AS mine FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname LIKE 'ct\_%' ORDER BY 1
SELECT a.attname, a.attnum, a.attnotnull, format_type(a.atttypid, a.atttypmod) AS type, a.atthasdef FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'ct_tmp' AND a.attnum > 0 ORDER BY a.attnum
SELECT pg_get_indexdef(i.indexrelid) ~ 'USING btree \(name\)' FROM pg_index i WHERE i.indexrelid = 'ct_tmp_name'::regclass
SELECT i.indisprimary, i.indkey::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'ct_tmp' ORDER BY 1
SELECT c.relname FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema() AND pg_table_is_visible(c.oid) ORDER BY 1
SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'ct\_%' ORDER BY 1
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'ct_tmp' ORDER BY ordinal_position
DROP VIEW ct_tmpv
DROP TABLE ct_tmp
SELECT count(*) FROM pg_class WHERE relname LIKE 'ct\_tmp%'
DROP TABLE ct_keep
