package pgsql

// catalogExtraSQL creates what psql's \db and \drds read: pg_tablespace with
// PostgreSQL's two tablespaces (the sandbox's tables live in DuckDB's one file, shown
// as pg_default), pg_tablespace_location and pg_tablespace_size, and
// pg_db_role_setting, empty (no ALTER ROLE … SET).
func catalogExtraSQL() []string {
	return []string{
		`CREATE OR REPLACE TEMP VIEW pg_tablespace AS
			SELECT * FROM (VALUES (1663, 'pg_default', 10, CAST(NULL AS VARCHAR[]), CAST(NULL AS VARCHAR[])),
				(1664, 'pg_global', 10, CAST(NULL AS VARCHAR[]), CAST(NULL AS VARCHAR[])))
				AS t(oid, spcname, spcowner, spcacl, spcoptions)`,
		`CREATE OR REPLACE TEMP MACRO pg_tablespace_location(o) AS ''`,
		`CREATE OR REPLACE TEMP MACRO pg_tablespace_size(o) AS CASE WHEN o = 1663 THEN
			coalesce((SELECT sum(t.estimated_size * 8 * t.column_count) FROM duckdb_tables() t), 0) ELSE 0 END`,
		`CREATE OR REPLACE TEMP VIEW pg_db_role_setting AS
			SELECT 0 AS setdatabase, 0 AS setrole, CAST(NULL AS VARCHAR[]) AS setconfig WHERE false`,
	}
}
