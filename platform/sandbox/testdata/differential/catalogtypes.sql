-- Declared column types DuckDB forgets (varchar(n), char(n), jsonb) and the catalog's
-- own column types ("char", smallint), as result columns and as the catalog shows them.
-- setup
CREATE TABLE ct_a (id integer PRIMARY KEY, v varchar(20) NOT NULL, w character varying, c char(5), b character, j jsonb, t text, n numeric(8,2))
INSERT INTO ct_a VALUES (1, 'hello', 'w', 'ab', 'x', '{"k": [1, 2]}', 't', 1.5), (2, 'hi', NULL, NULL, NULL, NULL, NULL, NULL)
CREATE TABLE ct_b (id integer, a_id integer REFERENCES ct_a (id), label varchar(8) DEFAULT 'none', CONSTRAINT ct_b_label CHECK (label <> ''))
INSERT INTO ct_b VALUES (1, 1, 'first')
CREATE VIEW ct_v AS SELECT a.id, a.v, a.c, a.j, b.label, a.v::varchar(10) AS v3, 'x'::char(2) AS k FROM ct_a a LEFT JOIN ct_b b ON b.a_id = a.id
CREATE TABLE ct_c AS SELECT v, c AS c2, j, t FROM ct_a
CREATE TABLE Mixed_Ct (Code varchar(6))
INSERT INTO mixed_ct VALUES ('abc')
-- compare
SELECT v, w, c, b, j, t FROM ct_a ORDER BY id
SELECT * FROM ct_a ORDER BY id
SELECT a.v, a.c, a.n FROM ct_a a WHERE a.id = 1
SELECT ct_a.j, ct_a.id FROM ct_a WHERE id = 1
SELECT v, label FROM ct_a JOIN ct_b ON ct_b.a_id = ct_a.id
SELECT * FROM ct_a, ct_b WHERE ct_b.a_id = ct_a.id
SELECT b.*, a.v FROM ct_b b JOIN ct_a a ON a.id = b.a_id
SELECT v || '!' AS e, upper(v) AS u FROM ct_a WHERE id = 1
SELECT v FROM (SELECT v FROM ct_a) s ORDER BY v
SELECT attname, attnum, atttypmod, format_type(atttypid, atttypmod) AS t, attnotnull, attidentity, attgenerated, attstorage FROM pg_attribute WHERE attrelid = 'ct_a'::regclass AND attnum > 0 ORDER BY attnum
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_catalog.pg_attribute WHERE attrelid = 'ct_b'::regclass AND attnum > 0 ORDER BY attnum
SELECT column_name, data_type, character_maximum_length, udt_name FROM information_schema.columns WHERE table_name = 'ct_a' ORDER BY ordinal_position
SELECT relname, relkind, relpersistence, relnatts, relchecks, relreplident FROM pg_class WHERE relname IN ('ct_a', 'ct_b', 'ct_a_pkey') ORDER BY relname
SELECT conname, contype, confupdtype, confdeltype, confmatchtype, conkey FROM pg_constraint WHERE conrelid IN ('ct_a'::regclass, 'ct_b'::regclass) ORDER BY conname
SELECT indnatts, indnkeyatts, indisprimary, indisunique FROM pg_index WHERE indrelid = 'ct_a'::regclass
SELECT typname, typtype, typlen, typcategory, typdelim FROM pg_type WHERE typname IN ('varchar', 'bpchar', 'int4', 'jsonb', 'text') ORDER BY typname
SELECT pg_get_expr(d.adbin, d.adrelid) AS def, d.adnum FROM pg_attrdef d WHERE d.adrelid = 'ct_b'::regclass
SELECT c.relkind, count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relname LIKE 'ct%' GROUP BY c.relkind ORDER BY c.relkind
SELECT 'r'::"char" AS k
SELECT * FROM ct_v ORDER BY id
SELECT v, label, k FROM ct_v WHERE id = 1
SELECT attname, atttypmod, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'ct_v'::regclass AND attnum > 0 ORDER BY attnum
SELECT * FROM ct_c ORDER BY v
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'ct_c'::regclass AND attnum > 0 ORDER BY attnum
WITH w AS (SELECT v, c FROM ct_a) SELECT w.v, c FROM w ORDER BY v
SELECT 'abc'::char(5) AS c, 'abc'::bpchar AS b, 'ab'::varchar(4) AS v
SELECT code FROM mixed_ct
SELECT code AS c FROM Mixed_Ct
COPY ct_a (id, v, c) TO STDOUT
COPY (SELECT c, b, relkind FROM ct_a, pg_class WHERE relname = 'ct_a' ORDER BY id) TO STDOUT WITH (FORMAT csv)
