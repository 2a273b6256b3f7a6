package pgsql

// The catalogs pg_dump reads besides those psql and the drivers read: most describe
// objects DuckDB has none of (extensions, languages, casts, operators…), so they are
// empty views with PostgreSQL's columns.
func dumpCatalogSQL() []string {
	return []string{
		`CREATE OR REPLACE TEMP VIEW pg_extension AS
			SELECT 3079 AS tableoid, 0 AS oid, '' AS extname, 10 AS extowner, 11 AS extnamespace, false AS extrelocatable,
				'' AS extversion, CAST(NULL AS BIGINT[]) AS extconfig, CAST(NULL AS VARCHAR[]) AS extcondition WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_init_privs AS SELECT 0 AS objoid, 0 AS classoid, 0 AS objsubid, '' AS privtype, CAST(NULL AS VARCHAR[]) AS initprivs WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_cast AS SELECT 2605 AS tableoid, 0 AS oid, 0 AS castsource, 0 AS casttarget, 0 AS castfunc, '' AS castcontext, '' AS castmethod WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_transform AS SELECT 3576 AS tableoid, 0 AS oid, 0 AS trftype, 0 AS trflang, 0 AS trffromsql, 0 AS trftosql WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_proc AS SELECT 1255 AS tableoid, 0 AS oid, '' AS proname, 11 AS pronamespace, 10 AS proowner, 0 AS prolang, 0 AS procost,
				0 AS prorows, 0 AS provariadic, 0 AS prosupport, 'f' AS prokind, false AS prosecdef, false AS proleakproof,
				false AS proisstrict, false AS proretset, 'v' AS provolatile, 'u' AS proparallel, CAST(0 AS SMALLINT) AS pronargs,
				CAST(0 AS SMALLINT) AS pronargdefaults, 0 AS prorettype, CAST([] AS BIGINT[]) AS proargtypes, CAST(NULL AS BIGINT[]) AS proallargtypes,
				CAST(NULL AS VARCHAR[]) AS proargmodes, CAST(NULL AS VARCHAR[]) AS proargnames, CAST(NULL AS VARCHAR) AS proargdefaults,
				CAST(NULL AS BIGINT[]) AS protrftypes, '' AS prosrc, CAST(NULL AS VARCHAR) AS probin, CAST(NULL AS VARCHAR) AS prosqlbody,
				CAST(NULL AS VARCHAR[]) AS proconfig, CAST(NULL AS VARCHAR[]) AS proacl WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_aggregate AS SELECT 0 AS aggfnoid, '' AS aggkind, CAST(0 AS SMALLINT) AS aggnumdirectargs, 0 AS aggtransfn, 0 AS aggfinalfn, 0 AS aggtranstype, CAST(NULL AS VARCHAR) AS agginitval WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_operator AS SELECT 2617 AS tableoid, 0 AS oid, '' AS oprname, 11 AS oprnamespace, 10 AS oprowner, 'b' AS oprkind, 0 AS oprleft, 0 AS oprright, 0 AS oprresult, 0 AS oprcode WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_opfamily AS SELECT 2753 AS tableoid, 0 AS oid, 403 AS opfmethod, '' AS opfname, 11 AS opfnamespace, 10 AS opfowner WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_conversion AS SELECT 2607 AS tableoid, 0 AS oid, '' AS conname, 11 AS connamespace, 10 AS conowner, 0 AS conforencoding, 0 AS contoencoding, 0 AS conproc, false AS condefault WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_language AS SELECT 2612 AS tableoid, 0 AS oid, '' AS lanname, 10 AS lanowner, false AS lanispl, false AS lanpltrusted, 0 AS lanplcallfoid, 0 AS laninline, 0 AS lanvalidator, CAST(NULL AS VARCHAR[]) AS lanacl WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_event_trigger AS SELECT 3466 AS tableoid, 0 AS oid, '' AS evtname, '' AS evtevent, 10 AS evtowner, 0 AS evtfoid, 'O' AS evtenabled, CAST(NULL AS VARCHAR[]) AS evttags WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_ts_parser AS SELECT 3601 AS tableoid, 0 AS oid, '' AS prsname, 11 AS prsnamespace, 0 AS prsstart, 0 AS prstoken, 0 AS prsend, 0 AS prsheadline, 0 AS prslextype WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_ts_template AS SELECT 3764 AS tableoid, 0 AS oid, '' AS tmplname, 11 AS tmplnamespace, 0 AS tmplinit, 0 AS tmpllexize WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_ts_dict AS SELECT 3600 AS tableoid, 0 AS oid, '' AS dictname, 11 AS dictnamespace, 10 AS dictowner, 0 AS dicttemplate, CAST(NULL AS VARCHAR) AS dictinitoption WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_ts_config AS SELECT 3602 AS tableoid, 0 AS oid, '' AS cfgname, 11 AS cfgnamespace, 10 AS cfgowner, 0 AS cfgparser WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_ts_config_map AS SELECT 0 AS mapcfg, 0 AS maptokentype, 0 AS mapseqno, 0 AS mapdict WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_foreign_data_wrapper AS SELECT 2328 AS tableoid, 0 AS oid, '' AS fdwname, 10 AS fdwowner, 0 AS fdwhandler, 0 AS fdwvalidator, CAST(NULL AS VARCHAR[]) AS fdwacl, CAST(NULL AS VARCHAR[]) AS fdwoptions WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_foreign_server AS SELECT 1417 AS tableoid, 0 AS oid, '' AS srvname, 10 AS srvowner, 0 AS srvfdw, CAST(NULL AS VARCHAR) AS srvtype, CAST(NULL AS VARCHAR) AS srvversion, CAST(NULL AS VARCHAR[]) AS srvacl, CAST(NULL AS VARCHAR[]) AS srvoptions WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_user_mapping AS SELECT 0 AS oid, 0 AS umuser, 0 AS umserver, CAST(NULL AS VARCHAR[]) AS umoptions WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_user_mappings AS SELECT 0 AS umid, 0 AS srvid, '' AS srvname, 0 AS umuser, '' AS usename, CAST(NULL AS VARCHAR[]) AS umoptions WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_default_acl AS SELECT 826 AS tableoid, 0 AS oid, 10 AS defaclrole, 0 AS defaclnamespace, '' AS defaclobjtype, CAST(NULL AS VARCHAR[]) AS defaclacl WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_subscription AS SELECT 6100 AS tableoid, 0 AS oid, 0 AS subdbid, '' AS subname, 10 AS subowner, false AS subenabled, '' AS subconninfo, '' AS subslotname, '' AS subsynccommit, CAST(NULL AS VARCHAR[]) AS subpublications WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_largeobject_metadata AS SELECT 2995 AS tableoid, 0 AS oid, 10 AS lomowner, CAST(NULL AS VARCHAR[]) AS lomacl WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_seclabel AS SELECT 0 AS objoid, 0 AS classoid, 0 AS objsubid, '' AS provider, '' AS label WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_shseclabel AS SELECT 0 AS objoid, 0 AS classoid, '' AS provider, '' AS label WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_shdescription AS SELECT 0 AS objoid, 0 AS classoid, '' AS description WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_partitioned_table AS SELECT 0 AS partrelid, '' AS partstrat, 0 AS partnatts, 0 AS partdefid WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_statistic_ext_data AS SELECT 0 AS stxoid, false AS stxdinherit WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_amop AS SELECT 0 AS oid, 0 AS amopfamily, 0 AS amoplefttype, 0 AS amoprighttype, CAST(0 AS SMALLINT) AS amopstrategy, '' AS amoppurpose, 0 AS amopopr, 0 AS amopmethod, 0 AS amopsortfamily WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_amproc AS SELECT 0 AS oid, 0 AS amprocfamily, 0 AS amproclefttype, 0 AS amprocrighttype, CAST(0 AS SMALLINT) AS amprocnum, 0 AS amproc WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_enum AS
			SELECT e.type_oid * 1000 + e.i AS oid, e.type_oid AS enumtypid, CAST(e.i AS REAL) AS enumsortorder, e.enumlabel
			FROM (SELECT type_oid, unnest(labels) AS enumlabel, generate_subscripts(labels, 1) AS i FROM pg_enum_types) e`,
		`CREATE OR REPLACE TEMP VIEW pg_range AS SELECT 0 AS rngtypid, 0 AS rngsubtype, 0 AS rngmultitypid, 0 AS rngcollation, 0 AS rngsubopc, 0 AS rngcanonical, 0 AS rngsubdiff WHERE false`,
		// pg_type lists the PostgreSQL types the sandbox announces, with PostgreSQL's OIDs
		// (the ones the wire protocol and pg_attribute use), as system types, and the
		// enum types created in the database.
		`CREATE OR REPLACE TEMP VIEW pg_type AS
			SELECT 1247 AS tableoid, t.oid, t.typname, 11 AS typnamespace, 10 AS typowner, CAST(t.typlen AS SMALLINT) AS typlen, t.typlen > 0 AND t.typlen <= 8 AS typbyval,
				'b' AS typtype, t.typcategory, false AS typispreferred, true AS typisdefined, ',' AS typdelim, 0 AS typrelid,
				0 AS typsubscript, t.typelem, t.typarray, 0 AS typinput, 0 AS typoutput, 0 AS typreceive, 0 AS typsend,
				0 AS typmodin, 0 AS typmodout, 0 AS typanalyze, CASE WHEN t.typlen = 8 THEN 'd' ELSE 'i' END AS typalign,
				t.typstorage, false AS typnotnull, 0 AS typbasetype, -1 AS typtypmod, 0 AS typndims, t.typcollation,
				CAST(NULL AS VARCHAR) AS typdefaultbin, CAST(NULL AS VARCHAR) AS typdefault, CAST(NULL AS VARCHAR[]) AS typacl
			FROM (VALUES
				(16, 'bool', 1, 'B', 0, 1000, 'p', 0),
				(17, 'bytea', -1, 'U', 0, 1001, 'x', 0),
				(18, 'char', 1, 'Z', 0, 1002, 'p', 0),
				(19, 'name', 64, 'S', 0, 1003, 'p', 950),
				(20, 'int8', 8, 'N', 0, 1016, 'p', 0),
				(21, 'int2', 2, 'N', 0, 1005, 'p', 0),
				(22, 'int2vector', -1, 'A', 21, 1006, 'p', 0),
				(23, 'int4', 4, 'N', 0, 1007, 'p', 0),
				(25, 'text', -1, 'S', 0, 1009, 'x', 100),
				(26, 'oid', 4, 'N', 0, 1028, 'p', 0),
				(30, 'oidvector', -1, 'A', 26, 1013, 'p', 0),
				(114, 'json', -1, 'U', 0, 199, 'x', 0),
				(700, 'float4', 4, 'N', 0, 1021, 'p', 0),
				(701, 'float8', 8, 'N', 0, 1022, 'p', 0),
				(1043, 'varchar', -1, 'S', 0, 1015, 'x', 100),
				(1042, 'bpchar', -1, 'S', 0, 1014, 'x', 100),
				(1082, 'date', 4, 'D', 0, 1182, 'p', 0),
				(1083, 'time', 8, 'D', 0, 1183, 'p', 0),
				(1114, 'timestamp', 8, 'D', 0, 1115, 'p', 0),
				(1184, 'timestamptz', 8, 'D', 0, 1185, 'p', 0),
				(1186, 'interval', 16, 'T', 0, 1187, 'p', 0),
				(1700, 'numeric', -1, 'N', 0, 1231, 'm', 0),
				(2950, 'uuid', 16, 'U', 0, 2951, 'p', 0),
				(3802, 'jsonb', -1, 'U', 0, 3807, 'x', 0),
				(1000, '_bool', -1, 'A', 16, 0, 'x', 0),
				(1001, '_bytea', -1, 'A', 17, 0, 'x', 0),
				(1002, '_char', -1, 'A', 18, 0, 'x', 0),
				(1003, '_name', -1, 'A', 19, 0, 'x', 950),
				(1016, '_int8', -1, 'A', 20, 0, 'x', 0),
				(1005, '_int2', -1, 'A', 21, 0, 'x', 0),
				(1006, '_int2vector', -1, 'A', 22, 0, 'x', 0),
				(1007, '_int4', -1, 'A', 23, 0, 'x', 0),
				(1009, '_text', -1, 'A', 25, 0, 'x', 100),
				(1028, '_oid', -1, 'A', 26, 0, 'x', 0),
				(1013, '_oidvector', -1, 'A', 30, 0, 'x', 0),
				(199, '_json', -1, 'A', 114, 0, 'x', 0),
				(1021, '_float4', -1, 'A', 700, 0, 'x', 0),
				(1022, '_float8', -1, 'A', 701, 0, 'x', 0),
				(1015, '_varchar', -1, 'A', 1043, 0, 'x', 100),
				(1014, '_bpchar', -1, 'A', 1042, 0, 'x', 100),
				(1182, '_date', -1, 'A', 1082, 0, 'x', 0),
				(1183, '_time', -1, 'A', 1083, 0, 'x', 0),
				(1115, '_timestamp', -1, 'A', 1114, 0, 'x', 0),
				(1185, '_timestamptz', -1, 'A', 1184, 0, 'x', 0),
				(1187, '_interval', -1, 'A', 1186, 0, 'x', 0),
				(1231, '_numeric', -1, 'A', 1700, 0, 'x', 0),
				(2951, '_uuid', -1, 'A', 2950, 0, 'x', 0),
				(3807, '_jsonb', -1, 'A', 3802, 0, 'x', 0)
			) AS t(oid, typname, typlen, typcategory, typelem, typarray, typstorage, typcollation)
			UNION ALL
			SELECT 1247, e.type_oid, e.type_name, e.schema_oid, 10, CAST(4 AS SMALLINT), true, 'e', 'E', false, true, ',', 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 'i', 'p', false, 0, -1, 0, 0, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR[])
			FROM pg_enum_types e`,
		// Sequences that serial columns' defaults take values from are owned by their
		// columns, and the defaults depend on them, as PostgreSQL records it.
		`CREATE OR REPLACE TEMP VIEW pg_serial_defaults AS
			SELECT c.table_oid, c.column_index, s.sequence_oid
			FROM duckdb_columns() c JOIN duckdb_sequences() s
				ON s.sequence_name = regexp_extract(c.column_default, '^nextval\(''(?:[^''.]*\.)?([^'']*)''', 1)
				AND s.schema_name = c.schema_name AND s.database_name = c.database_name
			WHERE c.column_default LIKE 'nextval(%'`,
		// A serial column's sequence has the column's type (AS integer), and that
		// type's bounds where DuckDB's are a bigint's.
		`CREATE OR REPLACE TEMP VIEW pg_sequence AS
			SELECT s.sequence_oid AS seqrelid, coalesce(t.typid, 20) AS seqtypid, s.start_value AS seqstart,
				s.increment_by AS seqincrement,
				CASE WHEN t.typid = 23 AND s.max_value = 9223372036854775807 THEN 2147483647
					WHEN t.typid = 21 AND s.max_value = 9223372036854775807 THEN 32767 ELSE s.max_value END AS seqmax,
				CASE WHEN t.typid = 23 AND s.min_value = -9223372036854775808 THEN -2147483648
					WHEN t.typid = 21 AND s.min_value = -9223372036854775808 THEN -32768 ELSE s.min_value END AS seqmin,
				1 AS seqcache, s.cycle AS seqcycle
			FROM duckdb_sequences() s LEFT JOIN (
				SELECT d.sequence_oid, min(CASE c.data_type WHEN 'INTEGER' THEN 23 WHEN 'SMALLINT' THEN 21 ELSE 20 END) AS typid
				FROM pg_serial_defaults d JOIN duckdb_columns() c ON c.table_oid = d.table_oid AND c.column_index = d.column_index
				GROUP BY d.sequence_oid) t ON t.sequence_oid = s.sequence_oid`,
		viewSourceMacro, // viewsrc.go
		`CREATE OR REPLACE TEMP VIEW pg_depend AS
			SELECT 1259 AS classid, d.sequence_oid AS objid, 0 AS objsubid, 1259 AS refclassid, d.table_oid AS refobjid,
				d.column_index AS refobjsubid, 'a' AS deptype FROM pg_serial_defaults d
			UNION ALL
			SELECT 2604, d.table_oid * 1000 + d.column_index, 0, 1259, d.sequence_oid, 0, 'n' FROM pg_serial_defaults d
			UNION ALL
			SELECT 2618, v.view_oid * 10 + 1, 0, 1259, coalesce(t.table_oid, w.view_oid), 0, 'n'
			FROM (SELECT view_oid, unnest(sluice_view_tables(pg_view_src(view_oid))) AS name FROM duckdb_views() WHERE NOT internal AND NOT temporary) v
			LEFT JOIN duckdb_tables() t ON t.table_name = v.name AND t.database_name = current_database()
			LEFT JOIN duckdb_views() w ON w.view_name = v.name AND w.database_name = current_database() AND NOT w.internal
			WHERE t.table_oid IS NOT NULL OR w.view_oid IS NOT NULL` + matViewDepends, // ddl_catalog.go
		// The schema names need qualifying with, '' unless the client emptied its
		// search_path (pg_dump does, and restores with an empty one).
		`CREATE OR REPLACE TEMP MACRO pg_get_viewdef(o) AS sluice_viewdef(pg_view_src(o), rtrim(pg_qualifier(), '.')),
			(o, pretty) AS sluice_viewdef(pg_view_src(o), rtrim(pg_qualifier(), '.'))`,
		`CREATE OR REPLACE TEMP MACRO pg_options_to_table(o) AS TABLE SELECT '' AS option_name, '' AS option_value WHERE false`,
		`CREATE OR REPLACE TEMP MACRO quote_ident(s) AS CASE WHEN regexp_matches(s, '^[a-z_][a-z0-9_$]*$') THEN s ELSE '"' || replace(s, '"', '""') || '"' END`,
		`CREATE OR REPLACE TEMP MACRO quote_literal(s) AS '''' || replace(CAST(s AS VARCHAR), '''', '''''') || ''''`,
		`CREATE OR REPLACE TEMP VIEW pg_seclabels AS SELECT 0 AS objoid, 0 AS classoid, 0 AS objsubid, '' AS objtype, 11 AS objnamespace, '' AS objname, '' AS provider, '' AS label WHERE false`,
		`CREATE OR REPLACE TEMP MACRO acldefault(kind, owner) AS CAST(NULL AS VARCHAR[])`,
		`CREATE OR REPLACE TEMP MACRO array_remove(a, x) AS list_filter(a, e -> e IS DISTINCT FROM x)`,
	}
}
