package pgsql

// The session's temporary schema in the catalog. DuckDB keeps a connection's TEMP
// tables, views and sequences in the schema main of its database temp, which DuckDB's
// pg_namespace leaves out (it lists the current database's schemas). PostgreSQL lists
// them in the session's schema pg_temp_N (and its pg_toast_temp_N), in pg_class,
// pg_namespace and psql's \dt and \d, so the catalog shows them as TempSchema. The
// sandbox's own temporary relations there (the catalog's views, pg_…, and the
// cursors' tables, sluice_…) stay out.

// tempSchemaOID is the OID of DuckDB's temp.main, as a scalar subquery.
const tempSchemaOID = `(SELECT s.oid FROM duckdb_schemas() s WHERE s.database_name = 'temp' AND s.schema_name = 'main')`

// clientTempRel says a relation c of DuckDB's pg_class in temp.main is the client's.
const clientTempRel = `(c.relnamespace = ` + tempSchemaOID + ` AND NOT starts_with(c.relname, 'sluice_')
	AND NOT (c.relkind = 'v' AND starts_with(c.relname, 'pg_')))`

// tempNamespaces are pg_namespace's rows for the temporary schema and its toast
// schema, once the session has a temporary relation (PostgreSQL creates them then).
const tempNamespaces = `
	UNION ALL SELECT o.oid + x.i, CASE x.i WHEN 0 THEN '` + TempSchema + `' ELSE 'pg_toast_temp_` + tempSchemaNumber + `' END,
		10, NULL, 2615
	FROM (SELECT ` + tempSchemaOID + ` AS oid) o, (VALUES (0), (1)) x(i)
	WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE ` + clientTempRel + `)`

// tempSchemaNumber is the N of TempSchema's pg_temp_N.
const tempSchemaNumber = "3"

// tempPersistence is relpersistence for a relation of namespace oid ns.
func tempPersistence(ns string) string {
	return `CASE WHEN ` + ns + ` = ` + tempSchemaOID + ` THEN 't' ELSE 'p' END`
}

// tempCatalogSQL defines the functions about temporary schemas: the session's own
// (pg_my_temp_schema, 0 before it has one, as in PostgreSQL) is never another
// session's.
func tempCatalogSQL() []string {
	return []string{
		`CREATE OR REPLACE TEMP MACRO pg_my_temp_schema() AS coalesce((SELECT n.oid FROM pg_namespace n WHERE n.nspname = '` + TempSchema + `'), 0)`,
		`CREATE OR REPLACE TEMP MACRO pg_is_other_temp_schema(o) AS false`,
	}
}
