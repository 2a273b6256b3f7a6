package pgsql

import "strings"

// information_schema in PostgreSQL 15's shape: the views' columns in PostgreSQL's order
// and types (sql_identifier as name, character_data and yes_or_no as varchar,
// cardinal_number as integer, time_stamp as timestamptz), defined over the live
// pg_catalog views as PostgreSQL defines them over its catalog, so declared types,
// constraint names and materialized views show as pg_catalog shows them. The front
// end reads information_schema.X as the temporary view pg_information_schema_X
// (infoSchemaViews). Only the sandbox's own objects are listed (PostgreSQL also lists
// its system catalogs); NOT NULL constraints are CHECK constraints named
// <schema oid>_<table oid>_<attnum>_not_null, as in PostgreSQL 15.

func init() {
	for _, v := range []string{"tables", "columns", "views", "schemata", "table_constraints", "key_column_usage",
		"referential_constraints", "constraint_column_usage", "check_constraints", "routines", "sequences"} {
		infoSchemaViews[v] = true
	}
}

// TempSchema is the name the catalog gives the session's temporary schema (PostgreSQL
// numbers them per backend slot; a fresh server's first is pg_temp_3).
const TempSchema = "pg_temp_" + tempSchemaNumber

// infoSchemaSQL creates the information_schema views; it runs after the pg_catalog
// views it reads.
func infoSchemaSQL(s Session) []string {
	db := quote(s.Database)
	owner := quote(s.User)
	return []string{
		`CREATE OR REPLACE TEMP MACRO pg_info_yes(b) AS CASE WHEN b THEN 'YES' ELSE 'NO' END`,
		// The relations information_schema describes: tables, views (and, where
		// PostgreSQL lists them, materialized views) with their schema's name.
		// The session's TEMP tables (not the sandbox's cursors) are listed in its
		// temporary schema, as PostgreSQL lists them (tempcat.go).
		`CREATE OR REPLACE TEMP VIEW pg_info_rels AS
			SELECT c.oid, c.relname, c.relkind, n.nspname, n.oid AS nspoid, n.nspname = '` + TempSchema + `' AS temp FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_tables AS
			SELECT ` + db + ` AS table_catalog, r.nspname AS table_schema, r.relname AS table_name,
				CASE WHEN r.temp THEN 'LOCAL TEMPORARY' WHEN r.relkind = 'v' THEN 'VIEW' WHEN r.relkind = 'f' THEN 'FOREIGN'
					ELSE 'BASE TABLE' END AS table_type,
				CAST(NULL AS VARCHAR) AS self_referencing_column_name, CAST(NULL AS VARCHAR) AS reference_generation,
				CAST(NULL AS VARCHAR) AS user_defined_type_catalog, CAST(NULL AS VARCHAR) AS user_defined_type_schema,
				CAST(NULL AS VARCHAR) AS user_defined_type_name,
				pg_info_yes(r.relkind IN ('r', 'p')) AS is_insertable_into, 'NO' AS is_typed,
				CAST(NULL AS VARCHAR) AS commit_action
			FROM pg_info_rels r WHERE r.relkind IN ('r', 'v', 'p', 'f')`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_views AS
			SELECT ` + db + ` AS table_catalog, r.nspname AS table_schema, r.relname AS table_name,
				pg_get_viewdef(r.oid) AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable,
				'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable,
				'NO' AS is_trigger_insertable_into
			FROM pg_info_rels r WHERE r.relkind = 'v'`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_schemata AS
			SELECT ` + db + ` AS catalog_name, n.nspname AS schema_name, ` + owner + ` AS schema_owner,
				CAST(NULL AS VARCHAR) AS default_character_set_catalog, CAST(NULL AS VARCHAR) AS default_character_set_schema,
				CAST(NULL AS VARCHAR) AS default_character_set_name, CAST(NULL AS VARCHAR) AS sql_path
			FROM pg_namespace n`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_columns AS
			SELECT ` + db + ` AS table_catalog, r.nspname AS table_schema, r.relname AS table_name,
				a.attname AS column_name, CAST(a.attnum AS INTEGER) AS ordinal_position,
				(SELECT d.adbin FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum LIMIT 1) AS column_default,
				pg_info_yes(NOT a.attnotnull) AS is_nullable,
				CASE WHEN t.typcategory = 'A' OR t.typname LIKE '\_%' ESCAPE '\' THEN 'ARRAY'
					WHEN t.typtype = 'e' THEN 'USER-DEFINED'
					WHEN a.atttypid = 1042 THEN 'character'
					ELSE coalesce(format_type(a.atttypid, -1), t.typname) END AS data_type,
				CAST(CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 4 THEN a.atttypmod - 4 END AS INTEGER) AS character_maximum_length,
				CAST(CASE WHEN a.atttypid IN (25, 1042, 1043) THEN
					CASE WHEN a.atttypmod > 4 THEN (a.atttypmod - 4) * 4 ELSE 1073741824 END END AS INTEGER) AS character_octet_length,
				CAST(CASE a.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64 WHEN 700 THEN 24 WHEN 701 THEN 53
					WHEN 1700 THEN CASE WHEN a.atttypmod > 4 THEN ((a.atttypmod - 4) >> 16) & 65535 END END AS INTEGER) AS numeric_precision,
				CAST(CASE WHEN a.atttypid IN (21, 23, 20, 700, 701) THEN 2 WHEN a.atttypid = 1700 THEN 10 END AS INTEGER) AS numeric_precision_radix,
				CAST(CASE WHEN a.atttypid IN (21, 23, 20) THEN 0
					WHEN a.atttypid = 1700 AND a.atttypmod > 4 THEN (a.atttypmod - 4) & 65535 END AS INTEGER) AS numeric_scale,
				CAST(CASE WHEN a.atttypid = 1082 THEN 0 WHEN a.atttypid IN (1083, 1114, 1184, 1186, 1266) THEN 6 END AS INTEGER) AS datetime_precision,
				CAST(NULL AS VARCHAR) AS interval_type, CAST(NULL AS INTEGER) AS interval_precision,
				CAST(NULL AS VARCHAR) AS character_set_catalog, CAST(NULL AS VARCHAR) AS character_set_schema,
				CAST(NULL AS VARCHAR) AS character_set_name, CAST(NULL AS VARCHAR) AS collation_catalog,
				CAST(NULL AS VARCHAR) AS collation_schema, CAST(NULL AS VARCHAR) AS collation_name,
				CAST(NULL AS VARCHAR) AS domain_catalog, CAST(NULL AS VARCHAR) AS domain_schema, CAST(NULL AS VARCHAR) AS domain_name,
				` + db + ` AS udt_catalog, CASE WHEN t.typtype = 'e' THEN 'public' ELSE 'pg_catalog' END AS udt_schema,
				t.typname AS udt_name,
				CAST(NULL AS VARCHAR) AS scope_catalog, CAST(NULL AS VARCHAR) AS scope_schema, CAST(NULL AS VARCHAR) AS scope_name,
				CAST(NULL AS INTEGER) AS maximum_cardinality, CAST(a.attnum AS VARCHAR) AS dtd_identifier,
				'NO' AS is_self_referencing, 'NO' AS is_identity, CAST(NULL AS VARCHAR) AS identity_generation,
				CAST(NULL AS VARCHAR) AS identity_start, CAST(NULL AS VARCHAR) AS identity_increment,
				CAST(NULL AS VARCHAR) AS identity_maximum, CAST(NULL AS VARCHAR) AS identity_minimum, 'NO' AS identity_cycle,
				'NEVER' AS is_generated, CAST(NULL AS VARCHAR) AS generation_expression,
				pg_info_yes(r.relkind IN ('r', 'p')) AS is_updatable
			FROM pg_attribute a JOIN pg_info_rels r ON r.oid = a.attrelid LEFT JOIN pg_type t ON t.oid = a.atttypid
			WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'v', 'p', 'f')`,
		// Constraints: pg_constraint's, and the NOT NULL columns as CHECK constraints.
		`CREATE OR REPLACE TEMP VIEW pg_info_constraints AS
			SELECT k.oid, k.conname, k.contype, k.conrelid, k.confrelid, k.conkey, r.relname, r.nspname, r.nspoid
			FROM pg_constraint k JOIN pg_info_rels r ON r.oid = k.conrelid WHERE k.contype IN ('c', 'f', 'p', 'u')`,
		`CREATE OR REPLACE TEMP VIEW pg_info_not_null AS
			SELECT r.nspoid || '_' || r.oid || '_' || a.attnum || '_not_null' AS conname, r.relname, r.nspname,
				a.attname, a.attnum
			FROM pg_attribute a JOIN pg_info_rels r ON r.oid = a.attrelid
			WHERE a.attnum > 0 AND a.attnotnull AND r.relkind IN ('r', 'p', 'f')`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_table_constraints AS
			SELECT ` + db + ` AS constraint_catalog, k.nspname AS constraint_schema, k.conname AS constraint_name,
				` + db + ` AS table_catalog, k.nspname AS table_schema, k.relname AS table_name,
				CASE k.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END AS constraint_type,
				'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,
				CASE WHEN k.contype = 'u' THEN 'YES' END AS nulls_distinct
			FROM pg_info_constraints k
			UNION ALL
			SELECT ` + db + `, n.nspname, n.conname, ` + db + `, n.nspname, n.relname, 'CHECK', 'NO', 'NO', 'YES', NULL
			FROM pg_info_not_null n`,
		`CREATE OR REPLACE TEMP VIEW pg_info_key_columns AS
			SELECT k.*, CAST(generate_subscripts(k.conkey, 1) AS INTEGER) AS ordinal, unnest(k.conkey) AS attnum
			FROM pg_info_constraints k WHERE k.contype IN ('p', 'u', 'f')`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_key_column_usage AS
			SELECT ` + db + ` AS constraint_catalog, x.nspname AS constraint_schema, x.conname AS constraint_name,
				` + db + ` AS table_catalog, x.nspname AS table_schema, x.relname AS table_name, a.attname AS column_name,
				x.ordinal AS ordinal_position, CASE WHEN x.contype = 'f' THEN x.ordinal END AS position_in_unique_constraint
			FROM pg_info_key_columns x JOIN pg_attribute a ON a.attrelid = x.conrelid AND a.attnum = x.attnum`,
		// A foreign key's unique constraint: the referenced table's primary key or
		// unique constraint on the referenced columns.
		`CREATE OR REPLACE TEMP VIEW pg_info_fk_targets AS
			SELECT f.oid, (SELECT u.oid FROM pg_info_constraints u JOIN duckdb_constraints() du
					ON du.table_oid * 1000000 + du.constraint_index = u.oid
					WHERE u.conrelid = f.confrelid AND u.contype IN ('p', 'u')
						AND list_sort(du.constraint_column_names) = list_sort(d.referenced_column_names)
					ORDER BY u.contype LIMIT 1) AS uoid
			FROM pg_info_constraints f JOIN duckdb_constraints() d
				ON d.table_oid * 1000000 + d.constraint_index = f.oid
			WHERE f.contype = 'f'`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_referential_constraints AS
			SELECT ` + db + ` AS constraint_catalog, f.nspname AS constraint_schema, f.conname AS constraint_name,
				CASE WHEN u.oid IS NOT NULL THEN ` + db + ` END AS unique_constraint_catalog,
				u.nspname AS unique_constraint_schema, u.conname AS unique_constraint_name,
				'NONE' AS match_option, 'NO ACTION' AS update_rule, 'NO ACTION' AS delete_rule
			FROM pg_info_constraints f JOIN pg_info_fk_targets g ON g.oid = f.oid
				LEFT JOIN pg_info_constraints u ON u.oid = g.uoid`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_constraint_column_usage AS
			SELECT DISTINCT ` + db + ` AS table_catalog, r.nspname AS table_schema, r.relname AS table_name,
				c.column_name, ` + db + ` AS constraint_catalog, k.nspname AS constraint_schema, k.conname AS constraint_name
			FROM pg_info_constraints k JOIN duckdb_constraints() d ON d.table_oid * 1000000 + d.constraint_index = k.oid
				JOIN pg_info_rels r ON r.oid = CASE WHEN k.contype = 'f' THEN k.confrelid ELSE k.conrelid END
				JOIN (SELECT d2.table_oid, d2.constraint_index, unnest(CASE WHEN d2.constraint_type = 'FOREIGN KEY'
						THEN d2.referenced_column_names ELSE d2.constraint_column_names END) AS column_name
					FROM duckdb_constraints() d2) c ON c.table_oid = d.table_oid AND c.constraint_index = d.constraint_index`,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_check_constraints AS
			SELECT ` + db + ` AS constraint_catalog, k.nspname AS constraint_schema, k.conname AS constraint_name,
				regexp_replace(pg_get_constraintdef(k.oid), '^CHECK ', '') AS check_clause
			FROM pg_info_constraints k WHERE k.contype = 'c'
			UNION ALL
			SELECT ` + db + `, n.nspname, n.conname, n.attname || ' IS NOT NULL' FROM pg_info_not_null n`,
		routinesView,
		`CREATE OR REPLACE TEMP VIEW pg_information_schema_sequences AS
			SELECT ` + db + ` AS sequence_catalog, pg_schema_name(s.schema_name) AS sequence_schema, s.sequence_name,
				format_type(q.seqtypid, -1) AS data_type,
				CAST(CASE q.seqtypid WHEN 21 THEN 16 WHEN 23 THEN 32 ELSE 64 END AS INTEGER) AS numeric_precision,
				2 AS numeric_precision_radix, 0 AS numeric_scale,
				CAST(q.seqstart AS VARCHAR) AS start_value, CAST(q.seqmin AS VARCHAR) AS minimum_value,
				CAST(q.seqmax AS VARCHAR) AS maximum_value, CAST(q.seqincrement AS VARCHAR) AS increment,
				pg_info_yes(q.seqcycle) AS cycle_option
			FROM duckdb_sequences() s JOIN pg_sequence q ON q.seqrelid = s.sequence_oid
			WHERE NOT s.temporary AND s.schema_name <> 'pg_sluice'`,
	}
}

// routinesView is information_schema.routines: empty (the sandbox has no user
// functions), with PostgreSQL's columns.
var routinesView = func() string {
	cols := []struct{ names, typ string }{
		{"specific_catalog specific_schema specific_name routine_catalog routine_schema routine_name", "VARCHAR"},
		{"routine_type", "VARCHAR"},
		{"module_catalog module_schema module_name udt_catalog udt_schema udt_name", "VARCHAR"},
		{"data_type", "VARCHAR"},
		{"character_maximum_length character_octet_length", "INTEGER"},
		{"character_set_catalog character_set_schema character_set_name collation_catalog collation_schema collation_name", "VARCHAR"},
		{"numeric_precision numeric_precision_radix numeric_scale datetime_precision", "INTEGER"},
		{"interval_type", "VARCHAR"},
		{"interval_precision", "INTEGER"},
		{"type_udt_catalog type_udt_schema type_udt_name scope_catalog scope_schema scope_name", "VARCHAR"},
		{"maximum_cardinality", "INTEGER"},
		{"dtd_identifier routine_body routine_definition external_name external_language parameter_style is_deterministic sql_data_access is_null_call sql_path schema_level_routine", "VARCHAR"},
		{"max_dynamic_result_sets", "INTEGER"},
		{"is_user_defined_cast is_implicitly_invocable security_type to_sql_specific_catalog to_sql_specific_schema to_sql_specific_name as_locator", "VARCHAR"},
		{"created last_altered", "TIMESTAMPTZ"},
		{"new_savepoint_level is_udt_dependent result_cast_from_data_type result_cast_as_locator", "VARCHAR"},
		{"result_cast_char_max_length result_cast_char_octet_length", "INTEGER"},
		{"result_cast_char_set_catalog result_cast_char_set_schema result_cast_char_set_name result_cast_collation_catalog result_cast_collation_schema result_cast_collation_name", "VARCHAR"},
		{"result_cast_numeric_precision result_cast_numeric_precision_radix result_cast_numeric_scale result_cast_datetime_precision", "INTEGER"},
		{"result_cast_interval_type", "VARCHAR"},
		{"result_cast_interval_precision", "INTEGER"},
		{"result_cast_type_udt_catalog result_cast_type_udt_schema result_cast_type_udt_name result_cast_scope_catalog result_cast_scope_schema result_cast_scope_name", "VARCHAR"},
		{"result_cast_maximum_cardinality", "INTEGER"},
		{"result_cast_dtd_identifier", "VARCHAR"},
	}
	q := "CREATE OR REPLACE TEMP VIEW pg_information_schema_routines AS SELECT "
	first := true
	for _, c := range cols {
		for _, n := range strings.Fields(c.names) {
			if !first {
				q += ", "
			}
			first = false
			q += "CAST(NULL AS " + c.typ + ") AS " + n
		}
	}
	return q + " WHERE false"
}()
