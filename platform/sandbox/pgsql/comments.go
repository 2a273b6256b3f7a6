package pgsql

// commentsSQL makes the comments DuckDB keeps (COMMENT ON TABLE, VIEW, COLUMN,
// SEQUENCE, INDEX, SCHEMA) PostgreSQL's pg_description, and the functions psql and
// pg_dump read them with. The schema public says "standard public schema" unless
// commented otherwise, as in PostgreSQL.
func commentsSQL() []string {
	return []string{
		`CREATE OR REPLACE TEMP VIEW pg_description AS
			SELECT d.objoid, d.classoid, d.objsubid, d.description FROM (
				SELECT t.table_oid AS objoid, 1259 AS classoid, 0 AS objsubid, t.comment AS description
				FROM duckdb_tables() t WHERE NOT t.temporary AND t.schema_name <> 'pg_sluice'
				UNION ALL SELECT v.view_oid, 1259, 0, v.comment FROM duckdb_views() v WHERE NOT v.internal AND NOT v.temporary
				UNION ALL SELECT c.table_oid, 1259, c.column_index, c.comment FROM duckdb_columns() c WHERE c.database_name = current_database() AND c.schema_name <> 'pg_sluice'
				UNION ALL SELECT s.sequence_oid, 1259, 0, s.comment FROM duckdb_sequences() s WHERE NOT s.temporary
				UNION ALL SELECT i.index_oid, 1259, 0, i.comment FROM duckdb_indexes() i WHERE i.database_name = current_database()
				UNION ALL SELECT s.oid, 2615, 0, CASE WHEN s.schema_name = 'main' AND coalesce(s.comment, '') = ''
						THEN 'standard public schema' ELSE s.comment END
				FROM duckdb_schemas() s WHERE s.database_name = current_database() AND s.schema_name <> 'pg_sluice'
			) d WHERE coalesce(d.description, '') <> ''`,
		`CREATE OR REPLACE TEMP MACRO obj_description(o, c) AS (SELECT d.description FROM pg_description d
				WHERE d.objoid = o AND d.objsubid = 0
					AND d.classoid = CASE c WHEN 'pg_class' THEN 1259 WHEN 'pg_namespace' THEN 2615 ELSE -1 END LIMIT 1),
			(o) AS (SELECT d.description FROM pg_description d WHERE d.objoid = o AND d.objsubid = 0 LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO col_description(o, n) AS (SELECT d.description FROM pg_description d
				WHERE d.objoid = o AND d.classoid = 1259 AND d.objsubid = n LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO shobj_description(o, c) AS CAST(NULL AS VARCHAR)`,
	}
}
