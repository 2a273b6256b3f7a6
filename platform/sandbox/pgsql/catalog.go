package pgsql

import "strings"

// The live pg_catalog: temporary views, created on a connection the first time one of
// its statements reads the catalog, that describe DuckDB's catalog in PostgreSQL's
// shape. They read DuckDB's own pg_catalog views and duckdb_* table functions at query
// time, so tables, views and indexes appear as soon as they exist; OIDs are DuckDB's,
// stable while an object lives. The front end drops the pg_catalog qualification of
// table names, so the temporary views shadow DuckDB's built-in ones. DuckDB's schema
// main is shown as public.

// catalogViews are the relation names the views below define.
var catalogViews = map[string]bool{}

func init() {
	for _, v := range catalogSQL(Session{User: "u", Database: "d"}) {
		if rest, ok := strings.CutPrefix(v, "CREATE OR REPLACE TEMP VIEW "); ok {
			catalogViews[rest[:strings.IndexByte(rest, ' ')]] = true
		}
	}
}

// infoSchemaViews are the information_schema views shown in PostgreSQL's shape (the
// schema main as public, PostgreSQL's type names); the front end reads
// information_schema.X as the temporary view pg_information_schema_X.
var infoSchemaViews = map[string]bool{"tables": true, "columns": true, "schemata": true, "views": true}

// pgTypeOID maps a DuckDB type name (duckdb_columns().data_type) to a PostgreSQL type
// OID, as the wire protocol announces the same type.
const pgTypeOID = `CREATE OR REPLACE TEMP MACRO pg_type_oid(dt) AS CASE
	WHEN dt LIKE '%[]' THEN CASE regexp_replace(dt, '(\(.*\))?\[\]$', '')
		WHEN 'BOOLEAN' THEN 1000 WHEN 'SMALLINT' THEN 1005 WHEN 'TINYINT' THEN 1005 WHEN 'INTEGER' THEN 1007
		WHEN 'BIGINT' THEN 1016 WHEN 'FLOAT' THEN 1021 WHEN 'DOUBLE' THEN 1022 WHEN 'VARCHAR' THEN 1009
		WHEN 'DECIMAL' THEN 1231 WHEN 'DATE' THEN 1182 WHEN 'TIMESTAMP' THEN 1115
		WHEN 'TIMESTAMP WITH TIME ZONE' THEN 1185 WHEN 'UUID' THEN 2951 ELSE 114 END
	ELSE CASE regexp_replace(dt, '\(.*\)$', '')
		WHEN 'BOOLEAN' THEN 16 WHEN 'TINYINT' THEN 21 WHEN 'SMALLINT' THEN 21 WHEN 'UTINYINT' THEN 21
		WHEN 'INTEGER' THEN 23 WHEN 'USMALLINT' THEN 23 WHEN 'BIGINT' THEN 20 WHEN 'UINTEGER' THEN 20
		WHEN 'HUGEINT' THEN 1700 WHEN 'UBIGINT' THEN 1700 WHEN 'DECIMAL' THEN 1700 WHEN 'FLOAT' THEN 700
		WHEN 'DOUBLE' THEN 701 WHEN 'VARCHAR' THEN 25 WHEN 'BLOB' THEN 17 WHEN 'DATE' THEN 1082
		WHEN 'TIME' THEN 1083 WHEN 'TIMESTAMP' THEN 1114 WHEN 'TIMESTAMP_S' THEN 1114 WHEN 'TIMESTAMP_MS' THEN 1114
		WHEN 'TIMESTAMP_NS' THEN 1114 WHEN 'TIMESTAMP WITH TIME ZONE' THEN 1184 WHEN 'INTERVAL' THEN 1186
		WHEN 'UUID' THEN 2950 WHEN 'JSON' THEN 114 WHEN 'JSONB' THEN 114 WHEN 'STRUCT' THEN 114
		WHEN 'MAP' THEN 114 ELSE 25 END END`

// pgTypmod is PostgreSQL's atttypmod of a DuckDB type: numeric(p,s) is ((p<<16)|s)+4;
// DECIMAL(38,12), what numeric without a precision becomes (numeric.go), is numeric.
const pgTypmod = `CREATE OR REPLACE TEMP MACRO pg_typmod(dt) AS CASE
	WHEN dt = 'DECIMAL(38,12)' THEN -1
	WHEN regexp_matches(dt, '^DECIMAL\(\d+,\d+\)$')
	THEN ((CAST(regexp_extract(dt, '\((\d+),', 1) AS INTEGER) << 16) | CAST(regexp_extract(dt, ',(\d+)\)', 1) AS INTEGER)) + 4
	ELSE -1 END`

// formatType is format_type with PostgreSQL's type names.
const formatType = `CREATE OR REPLACE TEMP MACRO format_type(o, typmod) AS CASE o
	WHEN 16 THEN 'boolean' WHEN 17 THEN 'bytea' WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint'
	WHEN 23 THEN 'integer' WHEN 25 THEN 'text' WHEN 114 THEN 'json' WHEN 3802 THEN 'jsonb'
	WHEN 18 THEN '"char"' WHEN 19 THEN 'name' WHEN 26 THEN 'oid'
	WHEN 700 THEN 'real' WHEN 701 THEN 'double precision'
	WHEN 1043 THEN CASE WHEN typmod > 4 THEN 'character varying(' || (typmod - 4) || ')' ELSE 'character varying' END
	WHEN 1042 THEN CASE WHEN typmod > 4 THEN 'character(' || (typmod - 4) || ')' ELSE 'bpchar' END
	WHEN 1015 THEN CASE WHEN typmod > 4 THEN 'character varying(' || (typmod - 4) || ')[]' ELSE 'character varying[]' END
	WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone'
	WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone'
	WHEN 1186 THEN 'interval' WHEN 2950 THEN 'uuid'
	WHEN 1700 THEN CASE WHEN typmod > 4 THEN 'numeric(' || ((typmod - 4) >> 16) || ',' || ((typmod - 4) & 65535) || ')' ELSE 'numeric' END
	WHEN 1000 THEN 'boolean[]' WHEN 1005 THEN 'smallint[]' WHEN 1007 THEN 'integer[]' WHEN 1016 THEN 'bigint[]'
	WHEN 1021 THEN 'real[]' WHEN 1022 THEN 'double precision[]' WHEN 1009 THEN 'text[]' WHEN 1231 THEN 'numeric[]'
	WHEN 1182 THEN 'date[]' WHEN 1115 THEN 'timestamp without time zone[]'
	WHEN 1185 THEN 'timestamp with time zone[]' WHEN 2951 THEN 'uuid[]'
	ELSE (SELECT CASE WHEN t.schema_name <> 'main' THEN t.schema_name || '.'
			WHEN coalesce(getvariable('pg_search_path'), 'public') LIKE '%public%' THEN '' ELSE 'public.' END || t.type_name
		FROM duckdb_types() t WHERE t.type_oid = o AND t.logical_type = 'ENUM' AND NOT t.internal LIMIT 1) END`

// keyConstraints are the primary keys and unique constraints, which PostgreSQL backs
// with an index of the same OID as the constraint's in DuckDB's pg_constraint.
const keyConstraints = `CREATE OR REPLACE TEMP VIEW pg_key_constraints AS
	SELECT k.table_oid * 1000000 + k.constraint_index AS oid, k.table_oid, k.table_name, k.schema_oid,
		k.constraint_type = 'PRIMARY KEY' AS is_primary, n.name,
		array_to_string(k.constraint_column_names, ', ') AS columns,
		len(k.constraint_column_names) AS ncols
	FROM duckdb_constraints() k
	JOIN pg_constraint_names n ON n.table_oid = k.table_oid AND n.constraint_index = k.constraint_index
	WHERE k.constraint_type IN ('PRIMARY KEY', 'UNIQUE')`

// indexColumns lists the columns of every index, the indexes backing keys included.
const indexColumns = `CREATE OR REPLACE TEMP VIEW pg_index_columns AS
	SELECT x.index_oid, x.table_oid, generate_subscripts(x.cols, 1) AS attnum, unnest(x.cols) AS attname
	FROM (SELECT i.index_oid, i.table_oid,
			string_split(regexp_replace(CAST(i.expressions AS VARCHAR), '[\[\]''"]', '', 'g'), ', ') AS cols
		FROM duckdb_indexes() i
		UNION ALL
		SELECT k.table_oid * 1000000 + k.constraint_index, k.table_oid, k.constraint_column_names
		FROM duckdb_constraints() k WHERE k.constraint_type IN ('PRIMARY KEY', 'UNIQUE')) x`

// catalogSQL returns the statements that create the catalog views and functions.
func catalogSQL(s Session) []string {
	user, db := quote(s.User), quote(s.Database)
	roleName := user
	if s.NoOwnerNames {
		roleName = "''"
	}
	return append([]string{
		// The schema names need qualifying with: '' unless the client emptied its
		// search_path (pg_dump does, and restores with an empty one).
		`CREATE OR REPLACE TEMP MACRO pg_qualifier() AS CASE WHEN coalesce(getvariable('pg_search_path'), 'public') LIKE '%public%' THEN '' ELSE 'public.' END`,
		pgTypeOID, pgTypmod, constraintNames, keyConstraints, indexColumns,
		`CREATE OR REPLACE TEMP MACRO pg_schema_name(n) AS CASE n WHEN 'main' THEN 'public' ELSE n END`,
		`CREATE OR REPLACE TEMP MACRO current_schema() AS pg_schema_name(pg_catalog.current_schema())`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_tables AS
			SELECT t.* REPLACE (` + db + ` AS table_catalog, pg_schema_name(t.table_schema) AS table_schema)
			FROM information_schema.tables t WHERE t.table_schema <> 'pg_sluice'`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_views AS
			SELECT v.* REPLACE (` + db + ` AS table_catalog, pg_schema_name(v.table_schema) AS table_schema)
			FROM information_schema.views v WHERE v.table_schema <> 'pg_sluice'`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_schemata AS
			SELECT s.* REPLACE (` + db + ` AS catalog_name, pg_schema_name(s.schema_name) AS schema_name)
			FROM information_schema.schemata s WHERE s.catalog_name = current_database() AND s.schema_name <> 'pg_sluice'`,
		`CREATE OR REPLACE TEMP VIEW pg_namespace AS
			SELECT n.oid, pg_schema_name(n.nspname) AS nspname, 10 AS nspowner, n.nspacl, 2615 AS tableoid FROM pg_catalog.pg_namespace n
			WHERE n.nspname <> 'pg_sluice'
			UNION ALL SELECT 11, 'pg_catalog', 10, NULL, 2615 UNION ALL SELECT 12, 'information_schema', 10, NULL, 2615` + tempNamespaces,
		`CREATE OR REPLACE TEMP VIEW pg_database AS
			SELECT d.oid, ` + db + ` AS datname, 10 AS datdba, 6 AS encoding, 'c' AS datlocprovider,
				true AS datallowconn, -1 AS datconnlimit, 'C.UTF-8' AS datcollate, 'C.UTF-8' AS datctype,
				CAST(NULL AS VARCHAR) AS daticulocale, CAST(NULL AS VARCHAR) AS datcollversion,
				CAST(NULL AS VARCHAR[]) AS datacl, false AS datistemplate, 1663 AS dattablespace
			FROM pg_catalog.pg_database d WHERE d.datname = current_database()`,
		`CREATE OR REPLACE TEMP VIEW pg_class AS
			SELECT c.* REPLACE (
				10 AS relowner,
				CASE c.relkind WHEN 'r' THEN 2 WHEN 'i' THEN ` + adminIndexAm + ` ELSE 0 END AS relam,
				c.oid IN (SELECT i.table_oid FROM duckdb_indexes() i UNION ALL SELECT k.table_oid FROM pg_key_constraints k) AS relhasindex,
				CAST((SELECT count(*) FROM duckdb_constraints() k WHERE k.table_oid = c.oid AND k.constraint_type = 'CHECK') AS SMALLINT) AS relchecks,
				CAST(CASE WHEN c.relkind = 'i' THEN (SELECT count(*) FROM pg_index_columns x WHERE x.index_oid = c.oid)
					ELSE c.relnatts END AS SMALLINT) AS relnatts, -- DuckDB's is NULL for indexes
				CAST(NULL AS VARCHAR[]) AS reloptions,
				-- PostgreSQL's foreign keys are triggers on both tables; psql lists them only then.
				(c.oid IN (SELECT k.table_oid FROM duckdb_constraints() k WHERE k.constraint_type = 'FOREIGN KEY')
					OR c.relname IN (SELECT k.referenced_table FROM duckdb_constraints() k WHERE k.constraint_type = 'FOREIGN KEY')) AS relhastriggers,
				CASE c.relkind WHEN 'r' THEN 'd' ELSE 'n' END AS relreplident, ` + adminRelkind + ` AS relkind,
				` + tempPersistence("c.relnamespace") + ` AS relpersistence), -- DuckDB's says t for every index
				false AS relforcerowsecurity, 1259 AS tableoid
			FROM pg_catalog.pg_class c
			-- DuckDB's own views and the session's temporary ones live in schemas
			-- pg_namespace does not list.
			WHERE c.relnamespace IN (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname <> 'pg_sluice')
				OR ` + clientTempRel + ` -- the session's TEMP relations (tempcat.go)
			UNION ALL BY NAME
			SELECT k.oid, k.name AS relname, k.schema_oid AS relnamespace, 'i' AS relkind, 10 AS relowner,
				0 AS reltablespace, ` + tempPersistence("k.schema_oid") + ` AS relpersistence, 'n' AS relreplident, false AS relispartition,
				false AS relhasindex, CAST(0 AS SMALLINT) AS relchecks, false AS relhasrules, false AS relhastriggers,
				false AS relrowsecurity, false AS relforcerowsecurity, 0 AS reloftype, 403 AS relam, 0 AS reltoastrelid, CAST(k.ncols AS SMALLINT) AS relnatts,
				1259 AS tableoid
			FROM pg_key_constraints k`,
		`CREATE OR REPLACE TEMP VIEW pg_am AS
			SELECT 2 AS oid, 'heap' AS amname, 3 AS amhandler, 't' AS amtype, 2601 AS tableoid
			UNION ALL SELECT 403, 'btree', 330, 'i', 2601 UNION ALL SELECT 405, 'hash', 331, 'i', 2601`,
		`CREATE OR REPLACE TEMP VIEW pg_index_keys AS
			SELECT x.index_oid, list(CAST(c.column_index AS INTEGER) ORDER BY x.attnum) AS indkey
			FROM pg_index_columns x JOIN duckdb_columns() c ON c.table_oid = x.table_oid AND c.column_name = x.attname
			GROUP BY x.index_oid`,
		// indkey, indoption, indclass and indcollation are PostgreSQL's int2vector and
		// oidvector columns: lists here (the front end casts them to text as
		// PostgreSQL does, "1 2"). Expressions and predicates are not described.
		`CREATE OR REPLACE TEMP VIEW pg_index AS
			SELECT i.* REPLACE (
				CAST((SELECT count(*) FROM pg_index_columns x WHERE x.index_oid = i.indexrelid) AS SMALLINT) AS indnatts,
				CAST((SELECT count(*) FROM pg_index_columns x WHERE x.index_oid = i.indexrelid) AS SMALLINT) AS indnkeyatts,
				coalesce((SELECT k.indkey FROM pg_index_keys k WHERE k.index_oid = i.indexrelid), []) AS indkey,
				list_transform(coalesce((SELECT k.indkey FROM pg_index_keys k WHERE k.index_oid = i.indexrelid), []), x -> 0) AS indoption,
				list_transform(coalesce((SELECT k.indkey FROM pg_index_keys k WHERE k.index_oid = i.indexrelid), []), x -> CAST(0 AS BIGINT)) AS indclass,
				list_transform(coalesce((SELECT k.indkey FROM pg_index_keys k WHERE k.index_oid = i.indexrelid), []), x -> CAST(0 AS BIGINT)) AS indcollation,
				CAST(NULL AS VARCHAR) AS indexprs, CAST(NULL AS VARCHAR) AS indpred),
				false AS indnullsnotdistinct
			FROM pg_catalog.pg_index i
			UNION ALL BY NAME
			SELECT k.oid AS indexrelid, k.table_oid AS indrelid, CAST(k.ncols AS SMALLINT) AS indnatts, CAST(k.ncols AS SMALLINT) AS indnkeyatts,
				true AS indisunique, k.is_primary AS indisprimary, false AS indisexclusion, true AS indimmediate,
				false AS indisclustered, true AS indisvalid, false AS indcheckxmin, true AS indisready,
				true AS indislive, false AS indisreplident, false AS indnullsnotdistinct,
				coalesce(ik.indkey, []) AS indkey, list_transform(coalesce(ik.indkey, []), x -> 0) AS indoption,
				list_transform(coalesce(ik.indkey, []), x -> CAST(0 AS BIGINT)) AS indclass,
				list_transform(coalesce(ik.indkey, []), x -> CAST(0 AS BIGINT)) AS indcollation,
				CAST(NULL AS VARCHAR) AS indexprs, CAST(NULL AS VARCHAR) AS indpred
			FROM pg_key_constraints k LEFT JOIN pg_index_keys ik ON ik.index_oid = k.oid`,
		`CREATE OR REPLACE TEMP VIEW pg_constraint AS
			SELECT 2606 AS tableoid, k.table_oid * 1000000 + k.constraint_index AS oid,
				(SELECT n.name FROM pg_constraint_names n WHERE n.table_oid = k.table_oid
					AND n.constraint_index = k.constraint_index) AS conname,
				k.schema_oid AS connamespace,
				CASE k.constraint_type WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u' WHEN 'CHECK' THEN 'c'
					WHEN 'FOREIGN KEY' THEN 'f' ELSE 'x' END AS contype,
				false AS condeferrable, false AS condeferred, true AS convalidated, k.table_oid AS conrelid,
				0 AS contypid,
				CASE WHEN k.constraint_type IN ('PRIMARY KEY', 'UNIQUE') THEN k.table_oid * 1000000 + k.constraint_index ELSE 0 END AS conindid,
				0 AS conparentid,
				CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN coalesce((SELECT t.table_oid FROM duckdb_tables() t
					WHERE t.table_name = k.referenced_table AND t.schema_name = k.schema_name LIMIT 1), 0) ELSE 0 END AS confrelid,
				CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN 'a' ELSE ' ' END AS confupdtype,
				CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN 'a' ELSE ' ' END AS confdeltype,
				CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN 's' ELSE ' ' END AS confmatchtype, true AS conislocal, 0 AS coninhcount,
				true AS connoinherit, list_transform(k.constraint_column_indexes, i -> CAST(i + 1 AS SMALLINT)) AS conkey,
				CAST(NULL AS SMALLINT[]) AS confkey, CAST(NULL AS VARCHAR) AS conbin
			FROM duckdb_constraints() k WHERE k.constraint_type <> 'NOT NULL'`,
		// Enum types (CREATE TYPE … AS ENUM): a column of one has the type spelled out
		// (ENUM('a', 'b')) in duckdb_columns(); spelled finds its type by its labels.
		`CREATE OR REPLACE TEMP VIEW pg_enum_types AS
			SELECT t.type_oid, t.type_name, t.schema_oid, t.schema_name, t.labels,
				'ENUM(' || array_to_string(list_transform(t.labels, l -> '''' || replace(l, '''', '''''') || ''''), ', ') || ')' AS spelled
			FROM duckdb_types() t WHERE t.logical_type = 'ENUM' AND NOT t.internal AND t.database_name = current_database()`,
		declaredColumns,
		`CREATE OR REPLACE TEMP VIEW pg_attribute AS
			SELECT c.table_oid AS attrelid, c.column_name AS attname, c.atttypid,
				-1 AS attstattarget, CAST(-1 AS SMALLINT) AS attlen, CAST(c.column_index AS SMALLINT) AS attnum, 0 AS attndims, -1 AS attcacheoff,
				c.atttypmod, false AS attbyval, 'i' AS attalign,
				CASE WHEN c.data_type LIKE 'ENUM(%' THEN 'p'
					WHEN pg_type_oid(c.data_type) IN (17, 25, 114, 1043) OR c.data_type LIKE '%[]' THEN 'x'
					WHEN pg_type_oid(c.data_type) = 1700 THEN 'm' ELSE 'p' END AS attstorage,
				NOT c.is_nullable AS attnotnull, c.column_default IS NOT NULL AS atthasdef, false AS atthasmissing,
				'' AS attidentity, '' AS attgenerated, false AS attisdropped, true AS attislocal, 0 AS attinhcount,
				0 AS attcollation, '' AS attcompression, CAST(NULL AS VARCHAR[]) AS attacl,
				CAST(NULL AS VARCHAR[]) AS attoptions, CAST(NULL AS VARCHAR[]) AS attfdwoptions,
				CAST(NULL AS VARCHAR) AS attmissingval, 1249 AS tableoid
			FROM pg_declared_columns c
			UNION ALL BY NAME
			SELECT x.index_oid AS attrelid, x.attname, c.atttypid, CAST(x.attnum AS SMALLINT) AS attnum,
				c.atttypmod, false AS attnotnull, false AS atthasdef, '' AS attidentity,
				'' AS attgenerated, false AS attisdropped, 0 AS attcollation
			FROM pg_index_columns x JOIN pg_declared_columns c ON c.table_oid = x.table_oid AND c.column_name = x.attname`,
		`CREATE OR REPLACE TEMP VIEW pg_attrdef AS
			SELECT 2604 AS tableoid, c.table_oid * 1000 + c.column_index AS oid, c.table_oid AS adrelid, CAST(c.column_index AS SMALLINT) AS adnum,
				CASE WHEN c.column_default = 'CAST(''t'' AS BOOLEAN)' THEN 'true'
					WHEN c.column_default = 'CAST(''f'' AS BOOLEAN)' THEN 'false'
					WHEN c.atttypid IN (1042, 1043, 3802) AND c.column_default LIKE '''%''' THEN c.column_default || '::' || format_type(c.atttypid, -1)
					WHEN c.data_type LIKE 'ENUM(%' AND c.column_default LIKE '''%''' THEN c.column_default || '::' || format_type(c.atttypid, -1)
					WHEN c.data_type = 'VARCHAR' AND c.column_default LIKE '''%''' THEN c.column_default || '::text'
					WHEN c.column_default LIKE '''%''' AND pg_type_oid(c.data_type) IN (20, 21, 23, 700, 701, 1700)
						THEN replace(c.column_default[2:-2], '''''', '''')
					WHEN c.column_default LIKE '''%''' AND format_type(pg_type_oid(c.data_type), -1) IS NOT NULL
						THEN c.column_default || '::' || format_type(pg_type_oid(c.data_type), pg_typmod(c.data_type))
					WHEN c.column_default LIKE 'nextval(''%'')' THEN regexp_replace(c.column_default, '^nextval\(''(.*)''\)$', 'nextval(''' || pg_qualifier() || '\1''::regclass)')
					ELSE c.column_default END AS adbin
			FROM pg_declared_columns c WHERE c.column_default IS NOT NULL`,
		// The sequence a column's default takes values from (serial columns), schema-qualified.
		`CREATE OR REPLACE TEMP MACRO pg_get_serial_sequence(tbl, col) AS (
			SELECT pg_schema_name(c.schema_name) || '.' || regexp_extract(c.column_default, '^nextval\(''(?:[^''.]*\.)?([^'']*)''', 1)
			FROM duckdb_columns() c
			WHERE c.table_name = regexp_replace(regexp_replace(tbl, '^.*\.', ''), '"', '', 'g') AND c.column_name = col
				AND c.column_default LIKE 'nextval(%' LIMIT 1)`,
		`CREATE OR REPLACE TEMP VIEW pg_collation AS
			SELECT 100 AS oid, 'default' AS collname, 11 AS collnamespace, 10 AS collowner, 'd' AS collprovider,
				true AS collisdeterministic, -1 AS collencoding, CAST(NULL AS VARCHAR) AS collcollate,
				CAST(NULL AS VARCHAR) AS collctype, CAST(NULL AS VARCHAR) AS colliculocale, CAST(NULL AS VARCHAR) AS collversion, 3456 AS tableoid
			UNION ALL SELECT 950, 'C', 11, 10, 'c', true, -1, 'C', 'C', NULL, NULL, 3456`,
		`CREATE OR REPLACE TEMP MACRO pg_collation_is_visible(o) AS true`,
		`CREATE OR REPLACE TEMP VIEW pg_opclass AS
			SELECT 2616 AS tableoid, 0 AS oid, 403 AS opcmethod, '' AS opcname, 11 AS opcnamespace, 10 AS opcowner, 0 AS opcfamily,
				0 AS opcintype, true AS opcdefault, 0 AS opckeytype WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_roles AS
			SELECT 10 AS oid, ` + roleName + ` AS rolname, true AS rolsuper, true AS rolinherit, true AS rolcreaterole,
				true AS rolcreatedb, true AS rolcanlogin, true AS rolreplication, -1 AS rolconnlimit,
				'********' AS rolpassword, CAST(NULL AS TIMESTAMPTZ) AS rolvaliduntil, true AS rolbypassrls,
				CAST(NULL AS VARCHAR[]) AS rolconfig`,
		`CREATE OR REPLACE TEMP VIEW pg_user AS
			SELECT ` + user + ` AS usename, 10 AS usesysid, true AS usecreatedb, true AS usesuper, false AS userepl,
				false AS usebypassrls, '********' AS passwd, CAST(NULL AS TIMESTAMPTZ) AS valuntil, CAST(NULL AS VARCHAR[]) AS useconfig`,
		`CREATE OR REPLACE TEMP VIEW pg_auth_members AS
			SELECT 0 AS roleid, 0 AS member, 0 AS grantor, false AS admin_option WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_policy AS
			SELECT 3256 AS tableoid, 0 AS oid, '' AS polname, 0 AS polrelid, '' AS polcmd, true AS polpermissive,
				CAST([] AS BIGINT[]) AS polroles, CAST(NULL AS VARCHAR) AS polqual, CAST(NULL AS VARCHAR) AS polwithcheck WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_statistic_ext AS
			SELECT 3381 AS tableoid, 0 AS oid, 0 AS stxrelid, '' AS stxname, 0 AS stxnamespace, 10 AS stxowner, -1 AS stxstattarget,
				CAST([] AS VARCHAR[]) AS stxkind WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_publication AS
			SELECT 6104 AS tableoid, 0 AS oid, '' AS pubname, 10 AS pubowner, false AS puballtables, true AS pubinsert, true AS pubupdate,
				true AS pubdelete, true AS pubtruncate, false AS pubviaroot WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_publication_namespace AS SELECT 6237 AS tableoid, 0 AS oid, 0 AS pnpubid, 0 AS pnnspid WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_publication_rel AS
			SELECT 6106 AS tableoid, 0 AS oid, 0 AS prpubid, 0 AS prrelid, CAST(NULL AS VARCHAR) AS prqual, CAST([] AS SMALLINT[]) AS prattrs WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_inherits AS
			SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno, false AS inhdetachpending WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_trigger AS
			SELECT 2620 AS tableoid, 0 AS oid, 0 AS tgrelid, '' AS tgname, 0 AS tgfoid, false AS tgisinternal, 'O' AS tgenabled, 0 AS tgparentid WHERE false`,
		// A view's query is its _RETURN rule, as in PostgreSQL (pg_dump orders views
		// after the tables their rules depend on).
		`CREATE OR REPLACE TEMP VIEW pg_rewrite AS
			SELECT 2618 AS tableoid, v.view_oid * 10 + 1 AS oid, '_RETURN' AS rulename, v.view_oid AS ev_class, '1' AS ev_type,
				'O' AS ev_enabled, true AS is_instead, CAST(NULL AS VARCHAR) AS ev_qual, CAST(NULL AS VARCHAR) AS ev_action
			FROM duckdb_views() v WHERE NOT v.internal AND NOT v.temporary` + matViewRules,
		`CREATE OR REPLACE TEMP VIEW pg_foreign_table AS SELECT 0 AS ftrelid, 0 AS ftserver WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_stat_activity AS
			SELECT 0 AS datid, ` + db + ` AS datname, pg_backend_pid() AS pid, ` + user + ` AS usename,
				'' AS application_name, 'active' AS state, current_query() AS query, now() AS backend_start`,
		`CREATE OR REPLACE TEMP MACRO pg_get_expr(e, rel) AS e, (e, rel, pretty) AS e`,
		// Sizes: DuckDB does not keep them per table; these estimate from row counts.
		`CREATE OR REPLACE TEMP MACRO pg_table_size(o) AS coalesce((SELECT t.estimated_size * 8 * t.column_count FROM duckdb_tables() t WHERE t.table_oid = o), 0)`,
		`CREATE OR REPLACE TEMP MACRO pg_relation_size(o) AS pg_table_size(o), (o, fork) AS pg_table_size(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_total_relation_size(o) AS pg_table_size(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_indexes_size(o) AS 0`,
		`CREATE OR REPLACE TEMP MACRO pg_size_pretty(b) AS CASE WHEN b < 10240 THEN b || ' bytes' WHEN b < 10485760 THEN round(b / 1024) || ' kB' WHEN b < 10737418240 THEN round(b / 1048576) || ' MB' ELSE round(b / 1073741824) || ' GB' END`,
		`CREATE OR REPLACE TEMP MACRO pg_get_function_result(o) AS (
			SELECT coalesce(format_type(p.prorettype, -1), 'unknown') FROM pg_catalog.pg_proc p WHERE p.oid = o LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_get_function_arguments(o) AS (
			SELECT array_to_string(coalesce(p.proargnames, []), ', ') FROM pg_catalog.pg_proc p WHERE p.oid = o LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_get_function_identity_arguments(o) AS pg_get_function_arguments(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_function_is_visible(o) AS true`,
		`CREATE OR REPLACE TEMP MACRO pg_partition_ancestors(o) AS CAST(o AS BIGINT)`, // a table is its only ancestor
		`CREATE OR REPLACE TEMP MACRO pg_partition_ancestors(o) AS TABLE SELECT CAST(o AS BIGINT) AS relid, 1 AS depth`,
		`CREATE OR REPLACE TEMP MACRO pg_partition_root(o) AS CAST(o AS BIGINT)`,
		`CREATE OR REPLACE TEMP MACRO pg_get_triggerdef(o) AS CAST(NULL AS VARCHAR), (o, pretty) AS CAST(NULL AS VARCHAR)`,
		`CREATE OR REPLACE TEMP MACRO array_upper(a, d) AS CASE WHEN len(a) = 0 THEN NULL ELSE len(a) END`,
		`CREATE OR REPLACE TEMP MACRO pg_constraintdef(o) AS (
			SELECT CASE k.constraint_type
				WHEN 'PRIMARY KEY' THEN 'PRIMARY KEY (' || array_to_string(k.constraint_column_names, ', ') || ')'
				WHEN 'UNIQUE' THEN 'UNIQUE (' || array_to_string(k.constraint_column_names, ', ') || ')'
				WHEN 'CHECK' THEN CASE WHEN k.expression LIKE '(%)' THEN 'CHECK ' || k.expression ELSE 'CHECK (' || k.expression || ')' END
				WHEN 'FOREIGN KEY' THEN 'FOREIGN KEY (' || array_to_string(k.constraint_column_names, ', ') || ') REFERENCES ' ||
					pg_qualifier() || k.referenced_table || '(' || array_to_string(k.referenced_column_names, ', ') || ')'
				ELSE k.constraint_text END
			FROM duckdb_constraints() k WHERE k.table_oid * 1000000 + k.constraint_index = o)`,
		`CREATE OR REPLACE TEMP MACRO pg_get_constraintdef(o) AS pg_constraintdef(o), (o, pretty) AS pg_constraintdef(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_indexdef(o) AS coalesce(` + adminIndexDef + `
			(SELECT 'CREATE UNIQUE INDEX ' || k.name || ' ON ' || pg_schema_name(t.schema_name) || '.' || k.table_name ||
				' USING btree (' || k.columns || ')'
			 FROM pg_key_constraints k JOIN duckdb_tables() t ON t.table_oid = k.table_oid WHERE k.oid = o),
			(SELECT 'CREATE ' || CASE WHEN i.is_unique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || i.index_name || ' ON ' ||
				pg_schema_name(i.schema_name) || '.' || i.table_name || ' USING btree (' ||
				regexp_replace(CAST(i.expressions AS VARCHAR), '[\[\]''"]', '', 'g') || ')'
			 FROM duckdb_indexes() i WHERE i.index_oid = o))`,
		`CREATE OR REPLACE TEMP MACRO pg_get_indexdef(o) AS pg_indexdef(o),
			(o, col, pretty) AS CASE WHEN col = 0 THEN pg_indexdef(o)
				ELSE (SELECT CASE WHEN x.attname LIKE '%(%' THEN x.attname ELSE pg_quote_ident(x.attname) END
					FROM pg_index_columns x WHERE x.index_oid = o AND x.attnum = col) END`,
		settingsView(),
	}, append(append(tempCatalogSQL(), append(append(append(append(dumpCatalogSQL(), commentsSQL()...), adminCatalogSQL()...), catalogExtraSQL()...),
		// After pg_type and pg_declared_columns, which it reads.
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_columns AS
			SELECT c.* REPLACE (`+db+` AS table_catalog, pg_schema_name(c.table_schema) AS table_schema,
				CASE WHEN c.data_type LIKE '%[]' THEN 'ARRAY' WHEN d.atttypid = 1042 THEN 'character'
					WHEN c.data_type LIKE 'ENUM(%' THEN 'USER-DEFINED'
					ELSE coalesce(format_type(d.atttypid, -1), c.data_type) END AS data_type,
				CASE WHEN d.atttypid IN (1042, 1043) AND d.atttypmod > 4 THEN d.atttypmod - 4
					ELSE c.character_maximum_length END AS character_maximum_length,
				coalesce((SELECT t.typname FROM pg_type t WHERE t.oid = d.atttypid), c.udt_name) AS udt_name)
			FROM information_schema.columns c LEFT JOIN pg_declared_columns d ON d.schema_name = c.table_schema
				AND d.table_name = c.table_name AND d.column_name = c.column_name AND d.database_name = c.table_catalog
			WHERE c.table_schema <> 'pg_sluice'`,
	)...), infoSchemaSQL(s)...)...)
}
