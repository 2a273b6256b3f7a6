package pgsql

// The catalog's view of what the sandbox carries out itself (ddl_admin.go): the
// definitions of indexes created with PostgreSQL's options, materialized views.

// adminIndexDef is the first arm of pg_indexdef: PostgreSQL's definition of an index
// created through the front end (its method, key order, INCLUDE and WHERE).
const adminIndexDef = `(SELECT d.definition FROM pg_sluice.index_defs d JOIN duckdb_indexes() i
				ON i.schema_name = d.schema_name AND i.index_name = d.index_name AND i.table_name = d.table_name
			 WHERE i.index_oid = o AND i.database_name = current_database() LIMIT 1),`

// adminIndexAm is pg_class.relam of an index: hash (405) for one created USING hash,
// else btree (403).
const adminIndexAm = `coalesce((SELECT CASE d.method WHEN 'hash' THEN 405 ELSE 403 END FROM pg_sluice.index_defs d
					JOIN duckdb_indexes() i ON i.schema_name = d.schema_name AND i.index_name = d.index_name AND i.table_name = d.table_name
					WHERE i.index_oid = c.oid AND i.database_name = current_database() LIMIT 1), 403)`

// adminRelkind is pg_class.relkind: 'm' for the tables that are materialized views.
const adminRelkind = `CASE WHEN c.relkind = 'r' AND c.oid IN (SELECT t.table_oid FROM duckdb_tables() t
					JOIN pg_sluice.matviews m ON m.schema_name = t.schema_name AND m.name = t.table_name
					WHERE t.database_name = current_database()) THEN 'm' ELSE c.relkind END`

// matViewRules are pg_rewrite's _RETURN rules of materialized views, and matViewDepends
// pg_depend's rows saying which tables and views their rules read: pg_dump orders a
// materialized view after them.
const (
	matViewRules = `
			UNION ALL SELECT 2618, t.table_oid * 10 + 1, '_RETURN', t.table_oid, '1', 'O', true, NULL, NULL
			FROM pg_sluice.matviews m JOIN duckdb_tables() t ON t.schema_name = m.schema_name AND t.table_name = m.name
				AND t.database_name = current_database()`
	matViewDepends = `
			UNION ALL
			SELECT 2618, v.table_oid * 10 + 1, 0, 1259, coalesce(t.table_oid, w.view_oid), 0, 'n'
			FROM (SELECT t.table_oid, unnest(sluice_view_tables('CREATE VIEW v AS ' || m.definition)) AS name
				FROM pg_sluice.matviews m JOIN duckdb_tables() t ON t.schema_name = m.schema_name AND t.table_name = m.name
					AND t.database_name = current_database()) v
			LEFT JOIN duckdb_tables() t ON t.table_name = v.name AND t.database_name = current_database()
			LEFT JOIN duckdb_views() w ON w.view_name = v.name AND w.database_name = current_database() AND NOT w.internal
			WHERE t.table_oid IS NOT NULL OR w.view_oid IS NOT NULL`
)

// adminCatalogSQL creates pg_indexes and pg_matviews, and lets pg_get_viewdef read a
// materialized view's query.
func adminCatalogSQL() []string {
	return []string{
		`CREATE OR REPLACE TEMP VIEW pg_indexes AS
			SELECT n.nspname AS schemaname, t.relname AS tablename, c.relname AS indexname,
				CAST(NULL AS VARCHAR) AS tablespace, pg_get_indexdef(c.oid) AS indexdef
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
				JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'm')`,
		`CREATE OR REPLACE TEMP VIEW pg_matviews AS
			SELECT pg_schema_name(m.schema_name) AS schemaname, m.name AS matviewname, pg_get_userbyid(c.relowner) AS matviewowner,
				CAST(NULL AS VARCHAR) AS tablespace, c.relhasindex AS hasindexes, m.populated AS ispopulated,
				sluice_viewdef('CREATE VIEW v AS ' || m.definition, rtrim(pg_qualifier(), '.')) AS definition
			FROM pg_sluice.matviews m JOIN duckdb_tables() t ON t.schema_name = m.schema_name AND t.table_name = m.name
				JOIN pg_class c ON c.oid = t.table_oid`,
		`CREATE OR REPLACE TEMP MACRO pg_matview_def(o) AS (SELECT sluice_viewdef('CREATE VIEW v AS ' || m.definition, rtrim(pg_qualifier(), '.'))
			FROM pg_sluice.matviews m JOIN duckdb_tables() t ON t.schema_name = m.schema_name AND t.table_name = m.name
			WHERE t.table_oid = o LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_get_viewdef(o) AS coalesce(pg_matview_def(o),
				sluice_viewdef(pg_view_src(o), rtrim(pg_qualifier(), '.'))),
			(o, pretty) AS coalesce(pg_matview_def(o),
				sluice_viewdef(pg_view_src(o), rtrim(pg_qualifier(), '.')))`,
		viewsCatalog, // viewsrc.go
	}
}
