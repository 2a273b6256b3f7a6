package pgsql

// missingMacros are the helper macros behind PostgreSQL's size functions
// (pg_relation_size & co., renamed to these by missing.go). DuckDB keeps no
// per-relation sizes: a relation's size is an estimate, its row count times 8 bytes
// per fixed-width column and 16 per string or blob column, in whole 8 kB pages (0 for
// an empty table); an index's the row count times 16 bytes per key column, in pages.
// pg_database_size is the real size of the database's files (the database and its
// write-ahead log, pg_database_file_size in platform/sandbox).
func missingMacros() []string {
	return []string{
		`CREATE OR REPLACE TEMP MACRO pg_table_size_est(o) AS (SELECT CAST(ceil(t.estimated_size *
			(SELECT sum(CASE WHEN c.data_type IN ('VARCHAR', 'BLOB') OR c.data_type LIKE '%[]' THEN 16 ELSE 8 END)
			 FROM duckdb_columns() c WHERE c.table_oid = t.table_oid) / 8192.0) * 8192 AS BIGINT)
			FROM duckdb_tables() t WHERE t.table_oid = o)`,
		`CREATE OR REPLACE TEMP MACRO pg_relation_size_est(o) AS pg_table_size_est(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_indexes_size_est(o) AS (SELECT CAST(ceil(t.estimated_size * 16.0 *
			((SELECT count(*) FROM duckdb_indexes() i WHERE i.table_oid = t.table_oid) +
			 (SELECT count(*) FROM duckdb_constraints() k WHERE k.table_oid = t.table_oid AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE')))
			/ 8192.0) * 8192 AS BIGINT) FROM duckdb_tables() t WHERE t.table_oid = o)`,
		`CREATE OR REPLACE TEMP MACRO pg_total_relation_size_est(o) AS pg_table_size_est(o) + pg_indexes_size_est(o)`,
		// Array functions DuckDB lacks (one-dimensional arrays).
		`CREATE OR REPLACE TEMP MACRO array_replace(a, o, n) AS list_transform(a, x -> CASE WHEN x IS NOT DISTINCT FROM o THEN n ELSE x END)`,
		`CREATE OR REPLACE TEMP MACRO array_positions(a, v) AS CAST(list_filter(range(1, len(a) + 1), i -> a[i] IS NOT DISTINCT FROM v) AS INTEGER[])`,
		`CREATE OR REPLACE TEMP MACRO array_fill(v, d) AS list_transform(range(d[1]), i -> v)`,
		`CREATE OR REPLACE TEMP MACRO pg_database_size_est(d) AS (SELECT pg_database_file_size(db.path)
			FROM duckdb_databases() db WHERE db.database_name = current_database())`,
	}
}
