-- What drivers and tools send when they connect (SQLAlchemy 1.4's psycopg2 dialect,
-- pandas through it, JDBC-style tools).
select pg_catalog.version() IS NOT NULL
select current_schema()
SELECT current_schema
show transaction isolation level
SELECT CAST('test plain returns' AS VARCHAR(60)) AS anon_1
SELECT CAST('test unicode returns' AS VARCHAR(60)) AS anon_1
show standard_conforming_strings
SELECT current_database() IS NOT NULL, current_user IS NOT NULL
SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'public'
SELECT set_config('search_path', 'public', false) IS NOT NULL
SELECT pg_backend_pid() > 0
SELECT 'x'::text COLLATE pg_catalog."default"
-- setup
CREATE TABLE diff_refl (id bigint PRIMARY KEY, label text NOT NULL, amount numeric(10,2) DEFAULT 0)
-- compare
SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind in ('r', 'p') AND c.relname LIKE 'diff_refl%'
SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'diff_refl'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid WHERE c.relname = 'diff_refl' AND a.attnum > 0 ORDER BY a.attnum
SELECT conname, contype, pg_catalog.pg_get_constraintdef(oid, true) FROM pg_catalog.pg_constraint WHERE conrelid = 'diff_refl'::regclass ORDER BY conname
SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique, ix.indisprimary FROM pg_catalog.pg_class t JOIN pg_catalog.pg_index ix ON t.oid = ix.indrelid JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid WHERE t.relname = 'diff_refl'
SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'diff_refl' ORDER BY ordinal_position
SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_name = 'diff_refl'
SELECT 'diff_refl'::regclass::text
SELECT count(*) > 0 FROM pg_catalog.pg_type WHERE typname = 'int4'
SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1
SELECT count(*) AS n FROM pg_settings WHERE name IN ('server_version', 'server_version_num', 'DateStyle', 'TimeZone', 'standard_conforming_strings', 'client_encoding')
SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN ('DateStyle', 'TimeZone', 'standard_conforming_strings', 'integer_datetimes') ORDER BY name
SELECT setting::int >= 150000 AS v15 FROM pg_settings WHERE name = 'server_version_num'
