package pgsql

import (
	"fmt"
	"strings"
)

// Session describes the connection the macros answer for.
type Session struct {
	User     string // the user name current_user and the owners report
	Database string
	PID      int32 // pg_backend_pid()
	// NoOwnerNames lists the roles with empty names (pg_roles), which pg_dump takes
	// for owners it need not restore: its dump then carries no ALTER … OWNER TO for
	// the sandbox's user, who exists in no other PostgreSQL (as with --no-owner).
	NoOwnerNames bool
}

// Helper sets: a connection creates each once, before the first statement that needs
// it (Statement.Helpers).
const (
	MacroHelpers   = 1 << iota // macros rewritten statements call (reg* look-ups, pg_get_userbyid…)
	CatalogHelpers             // the catalog views and the functions over them
)

// Helpers returns the statements that create, on one DuckDB connection, the helper set
// named: the temporary macros translated statements call and the PostgreSQL functions
// clients call that DuckDB lacks, or the catalog views.
func Helpers(set int, s Session) []string {
	switch set {
	case MacroHelpers:
		return macros(s)
	case CatalogHelpers:
		return catalogSQL(s)
	}
	return nil
}

// helperFuncs are the function names the helpers define, with their set.
var helperFuncs = map[string]int{}

func init() {
	for _, set := range []int{MacroHelpers, CatalogHelpers} {
		for _, q := range Helpers(set, Session{User: "u", Database: "d"}) {
			if rest, ok := strings.CutPrefix(q, "CREATE OR REPLACE TEMP MACRO "); ok {
				helperFuncs[rest[:strings.IndexByte(rest, '(')]] = set
			}
		}
	}
}

func macros(s Session) []string {
	user := quote(s.User)
	return append([]string{
		formatType,
		// A name as PostgreSQL reads it: quoted as written, else in lower case.
		"CREATE OR REPLACE TEMP MACRO pg_fold_name(s) AS CASE WHEN trim(s) LIKE '\"%' THEN replace(trim(trim(s), '\"'), '\"\"', '\"') ELSE lower(trim(s)) END",
		// reg* casts: a name to its OID, an OID to its name.
		// A relation that does not exist is an error (42P01), as in PostgreSQL; the
		// system catalogs' names (pg_dump's 'pg_class'::regclass) give NULL, an OID
		// itself.
		`CREATE OR REPLACE TEMP MACRO pg_regclass_oid(n) AS coalesce(
			TRY_CAST(CASE WHEN regexp_full_match(trim(n), '[0-9]+') THEN trim(n) END AS BIGINT), -- an OID written out (psql's '16384'::regclass)
			(SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname = pg_fold_name(split_part(n, '.', -1)) LIMIT 1),
			CASE WHEN lower(trim(split_part(n, '.', -1), '"')) LIKE 'pg\_%' ESCAPE '\' OR lower(n) LIKE 'information\_schema.%' ESCAPE '\' THEN NULL
				ELSE error('relation "' || n || '" does not exist') END)`,
		// DuckDB's pg_table_is_visible ignores its argument: a failing 'x'::regclass
		// in it must still fail.
		`CREATE OR REPLACE TEMP MACRO pg_table_is_visible(o) AS CASE WHEN o IS NULL THEN NULL ELSE true END`,
		`CREATE OR REPLACE TEMP MACRO pg_regclass_name(o) AS coalesce((SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = o LIMIT 1), CAST(o AS VARCHAR))`,
		`CREATE OR REPLACE TEMP MACRO pg_regtype_oid(n) AS (SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typname = pg_fold_name(split_part(n, '.', -1)) LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_regtype_name(o) AS coalesce(format_type(o, -1), CAST(o AS VARCHAR))`,
		`CREATE OR REPLACE TEMP MACRO pg_regnamespace_oid(n) AS (SELECT s.oid FROM pg_catalog.pg_namespace s WHERE s.nspname = trim(n, '"') LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_regnamespace_name(o) AS coalesce((SELECT s.nspname FROM pg_catalog.pg_namespace s WHERE s.oid = o LIMIT 1), CAST(o AS VARCHAR))`,
		`CREATE OR REPLACE TEMP MACRO pg_regproc_oid(n) AS (SELECT p.oid FROM pg_catalog.pg_proc p WHERE p.proname = trim(split_part(n, '.', -1), '"') LIMIT 1)`,
		`CREATE OR REPLACE TEMP MACRO pg_regproc_name(o) AS coalesce((SELECT p.proname FROM pg_catalog.pg_proc p WHERE p.oid = o LIMIT 1), CAST(o AS VARCHAR))`,
		`CREATE OR REPLACE TEMP MACRO pg_regprocedure_oid(n) AS pg_regproc_oid(split_part(n, '(', 1))`,
		`CREATE OR REPLACE TEMP MACRO pg_regprocedure_name(o) AS pg_regproc_name(o)`,
		`CREATE OR REPLACE TEMP MACRO pg_regrole_oid(n) AS 10`,
		`CREATE OR REPLACE TEMP MACRO pg_regrole_name(o) AS ` + user,
		// Functions psql and drivers call.
		`CREATE OR REPLACE TEMP MACRO pg_get_userbyid(o) AS ` + user,
		`CREATE OR REPLACE TEMP MACRO pg_encoding_to_char(e) AS 'UTF8'`,
		fmt.Sprintf(`CREATE OR REPLACE TEMP MACRO pg_backend_pid() AS %d`, s.PID),
		`CREATE OR REPLACE TEMP MACRO set_config(name, value, is_local) AS value`,
		`CREATE OR REPLACE TEMP MACRO pg_relation_is_publishable(o) AS false`,
		`CREATE OR REPLACE TEMP MACRO pg_is_in_recovery() AS false`,
		`CREATE OR REPLACE TEMP MACRO pg_get_statisticsobjdef_columns(o) AS CAST(NULL AS VARCHAR)`,
	}, append(append(intervalMacros, tzMinusMacro), dateFuncMacros...)...) // interval.go, dtinput_funcs.go
}

// quote writes s as a SQL string literal.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
