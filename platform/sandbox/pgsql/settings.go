package pgsql

import (
	"sort"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Settings are the PostgreSQL server parameters DuckDB does not have, with the values
// the sandbox reports for them (SHOW, current_setting); lower-case names.
var Settings = map[string]string{
	"server_version":                      "15.0",
	"server_version_num":                  "150000",
	"standard_conforming_strings":         "on",
	"client_encoding":                     "UTF8",
	"server_encoding":                     "UTF8",
	"datestyle":                           "ISO, MDY",
	"intervalstyle":                       "postgres",
	"integer_datetimes":                   "on",
	"max_identifier_length":               "63",
	"is_superuser":                        "off",
	"transaction_isolation":               "repeatable read",
	"default_transaction_isolation":       "repeatable read",
	"transaction_read_only":               "off",
	"default_transaction_read_only":       "off",
	"application_name":                    "",
	"lc_collate":                          "C.UTF-8",
	"lc_ctype":                            "C.UTF-8",
	"lc_messages":                         "C",
	"statement_timeout":                   "0",
	"lock_timeout":                        "0",
	"idle_in_transaction_session_timeout": "0",
	"extra_float_digits":                  "1",
	"default_table_access_method":         "heap",
	"default_tablespace":                  "",
	"bytea_output":                        "hex",
	"block_size":                          "8192",
	"max_connections":                     "100",
	"row_security":                        "on",
	"synchronous_commit":                  "on",
}

// settingValue rewrites current_setting('name'[, missing_ok]) of a setting DuckDB lacks
// as its value (NULL for an unknown one when missing_ok is true).
func settingValue(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || strName(fc.Funcname[len(fc.Funcname)-1]) != "current_setting" || len(fc.Args) == 0 || len(fc.Args) > 2 {
		return false
	}
	name := fc.Args[0].GetAConst().GetSval()
	if name == nil {
		return false
	}
	if v, ok := Settings[strings.ToLower(name.Sval)]; ok {
		n.Node = pg.MakeAConstStrNode(v, -1).Node
		return true
	}
	if len(fc.Args) == 2 {
		fc.Args = fc.Args[:1] // DuckDB's current_setting takes the name alone
		return true
	}
	return false
}

// settingNames are the names pg_settings gives the settings PostgreSQL spells in
// mixed case.
var settingNames = map[string]string{"datestyle": "DateStyle", "intervalstyle": "IntervalStyle"}

// settingsView is pg_settings: the PostgreSQL settings the sandbox reports (Settings)
// and DuckDB's own, in PostgreSQL's columns.
func settingsView() string {
	names := make([]string, 0, len(Settings))
	for n := range Settings {
		names = append(names, n)
	}
	sort.Strings(names)
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	var rows, low []string
	for _, n := range names {
		name := n
		if v, ok := settingNames[n]; ok {
			name = v
		}
		rows = append(rows, "("+q(name)+", "+q(Settings[n])+")")
		low = append(low, q(n))
	}
	cols := func(name, setting, desc, vartype string) string {
		return name + ` AS name, ` + setting + ` AS setting, CAST(NULL AS VARCHAR) AS unit, 'Sandbox' AS category,
			` + desc + ` AS short_desc, CAST(NULL AS VARCHAR) AS extra_desc, 'user' AS context, ` + vartype + ` AS vartype,
			'default' AS source, CAST(NULL AS VARCHAR) AS min_val, CAST(NULL AS VARCHAR) AS max_val,
			CAST(NULL AS VARCHAR[]) AS enumvals, ` + setting + ` AS boot_val, ` + setting + ` AS reset_val,
			CAST(NULL AS VARCHAR) AS sourcefile, CAST(NULL AS INTEGER) AS sourceline, false AS pending_restart`
	}
	return `CREATE OR REPLACE TEMP VIEW pg_settings AS
		SELECT ` + cols("s.name", "s.setting", "''", "'string'") + ` FROM (VALUES ` + strings.Join(rows, ", ") + `) AS s(name, setting)
		UNION ALL SELECT ` + cols("d.name", "d.setting", "d.short_desc", "d.vartype") + ` FROM pg_catalog.pg_settings d
		WHERE lower(d.name) NOT IN (` + strings.Join(low, ", ") + `)`
}
