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
		`CREATE OR REPLACE TEMP VIEW pg_depend AS SELECT 0 AS classid, 0 AS objid, 0 AS objsubid, 0 AS refclassid, 0 AS refobjid, 0 AS refobjsubid, '' AS deptype WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_cast AS SELECT 2605 AS tableoid, 0 AS oid, 0 AS castsource, 0 AS casttarget, 0 AS castfunc, '' AS castcontext, '' AS castmethod WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_transform AS SELECT 3576 AS tableoid, 0 AS oid, 0 AS trftype, 0 AS trflang, 0 AS trffromsql, 0 AS trftosql WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_proc AS SELECT 1255 AS tableoid, 0 AS oid, '' AS proname, 11 AS pronamespace, 10 AS proowner, 0 AS prolang, 0 AS procost,
				0 AS prorows, 0 AS provariadic, 0 AS prosupport, 'f' AS prokind, false AS prosecdef, false AS proleakproof,
				false AS proisstrict, false AS proretset, 'v' AS provolatile, 'u' AS proparallel, 0 AS pronargs,
				0 AS pronargdefaults, 0 AS prorettype, CAST([] AS BIGINT[]) AS proargtypes, CAST(NULL AS BIGINT[]) AS proallargtypes,
				CAST(NULL AS VARCHAR[]) AS proargmodes, CAST(NULL AS VARCHAR[]) AS proargnames, CAST(NULL AS VARCHAR) AS proargdefaults,
				CAST(NULL AS BIGINT[]) AS protrftypes, '' AS prosrc, CAST(NULL AS VARCHAR) AS probin, CAST(NULL AS VARCHAR) AS prosqlbody,
				CAST(NULL AS VARCHAR[]) AS proconfig, CAST(NULL AS VARCHAR[]) AS proacl WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_aggregate AS SELECT 0 AS aggfnoid, '' AS aggkind, 0 AS aggnumdirectargs, 0 AS aggtransfn, 0 AS aggfinalfn, 0 AS aggtranstype, CAST(NULL AS VARCHAR) AS agginitval WHERE false`,
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
		`CREATE OR REPLACE TEMP VIEW pg_amop AS SELECT 0 AS oid, 0 AS amopfamily, 0 AS amoplefttype, 0 AS amoprighttype, 0 AS amopstrategy, '' AS amoppurpose, 0 AS amopopr, 0 AS amopmethod, 0 AS amopsortfamily WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_amproc AS SELECT 0 AS oid, 0 AS amprocfamily, 0 AS amproclefttype, 0 AS amprocrighttype, 0 AS amprocnum, 0 AS amproc WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_enum AS SELECT 0 AS oid, 0 AS enumtypid, 0.0 AS enumsortorder, '' AS enumlabel WHERE false`,
		`CREATE OR REPLACE TEMP VIEW pg_range AS SELECT 0 AS rngtypid, 0 AS rngsubtype, 0 AS rngmultitypid, 0 AS rngcollation, 0 AS rngsubopc, 0 AS rngcanonical, 0 AS rngsubdiff WHERE false`,
		// Every type is a system type (DuckDB's types, and the sandbox's jsonb alias):
		// pg_dump dumps none.
		`CREATE OR REPLACE TEMP VIEW pg_type AS SELECT t.* REPLACE (11 AS typnamespace, 10 AS typowner), 1247 AS tableoid FROM pg_catalog.pg_type t`,
		`CREATE OR REPLACE TEMP MACRO pg_options_to_table(o) AS TABLE SELECT '' AS option_name, '' AS option_value WHERE false`,
		`CREATE OR REPLACE TEMP MACRO quote_ident(s) AS CASE WHEN regexp_matches(s, '^[a-z_][a-z0-9_$]*$') THEN s ELSE '"' || replace(s, '"', '""') || '"' END`,
		`CREATE OR REPLACE TEMP MACRO quote_literal(s) AS '''' || replace(CAST(s AS VARCHAR), '''', '''''') || ''''`,
		`CREATE OR REPLACE TEMP VIEW pg_seclabels AS SELECT 0 AS objoid, 0 AS classoid, 0 AS objsubid, '' AS objtype, 11 AS objnamespace, '' AS objname, '' AS provider, '' AS label WHERE false`,
		`CREATE OR REPLACE TEMP MACRO acldefault(kind, owner) AS CAST(NULL AS VARCHAR[])`,
		`CREATE OR REPLACE TEMP MACRO array_remove(a, x) AS list_filter(a, e -> e IS DISTINCT FROM x)`,
	}
}
