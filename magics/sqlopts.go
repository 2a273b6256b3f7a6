package magics

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// sqlOptions are the parsed options of a %sql or %%sql call.
type sqlOptions struct {
	connect     string
	alias       string
	connections bool
	close       string
	conn        string
	use         string
	simple      bool
	out         string
	scalar      bool
	limit       int // -1: not given
	config      []string
	dryRun      bool
	save        string
	noExecute   bool
	with        []string
	tables      bool
	columns     string
	timeout     time.Duration
	snippets    bool
	file        string
	local       bool   // --go: run in the kernel's DuckDB over Go tables
	sql         string // the SQL: what follows the options on the magic line, then the body
	line        int    // the cell line the SQL starts on
}

// sqlFlag describes one option: its names and whether it takes a value.
type sqlFlag struct {
	names []string
	value string // "" for a flag without a value, else the value's name for usage text
	help  string
}

var sqlFlags = []sqlFlag{
	{[]string{"--connect"}, "DSN", "connect to DSN (a postgres:// URL, key=value DSN, $ENVVAR or {{expr}}) and make it current"},
	{[]string{"--alias", "-A"}, "NAME", "with --connect: the connection's name"},
	{[]string{"--simple"}, "", "with --connect: use the simple query protocol (for services that need it)"},
	{[]string{"--connections", "-l"}, "", "list the connections (passwords redacted)"},
	{[]string{"--use"}, "NAME", "make connection NAME current"},
	{[]string{"--close", "-x"}, "NAME", "close connection NAME"},
	{[]string{"--conn", "-c"}, "NAME", "run this cell on connection NAME (the current one stays current)"},
	{[]string{"--out", "-o"}, "VAR", "store the full result (*table.Table) in Go variable VAR; also written VAR << before the SQL"},
	{[]string{"--scalar"}, "", "the result is the single value of a one-row, one-column query (storable with -o)"},
	{[]string{"--limit"}, "N", "show at most N rows (0: all); the default is displaylimit"},
	{[]string{"--config"}, "KEY=VALUE", "set a default: displaylimit=N, timeout=DURATION, maxrows=N and maxbytes=SIZE (what -o or --limit 0 may fetch; 0: no bound) (no value: show them)"},
	{[]string{"--file", "-f"}, "PATH", "run the SQL in file PATH (after any SQL in the cell)"},
	{[]string{"--dry-run"}, "", "show the SQL that would run and its bound parameters; run nothing"},
	{[]string{"--save"}, "NAME", "save the query for --with NAME (it still runs unless --no-execute)"},
	{[]string{"--no-execute"}, "", "with --save: save without running"},
	{[]string{"--with", "-w"}, "NAME[,NAME]", "add saved queries as CTEs (WITH NAME AS (…)) to the statements that use them"},
	{[]string{"--snippets"}, "", "list the saved queries"},
	{[]string{"--tables"}, "", "list the tables and views"},
	{[]string{"--columns"}, "TABLE", "list the columns of TABLE"},
	{[]string{"--go", "--local"}, "", "run the SQL in the kernel's own DuckDB over Go tables: a table named in the query is the *table.Table variable of that name"},
	{[]string{"--timeout"}, "DURATION", "cancel the statements when they run longer (e.g. 30s, 5m)"},
}

var outArrowRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*<<`)

// lookupFlag finds the option called name.
func lookupFlag(name string) (sqlFlag, bool) {
	for _, f := range sqlFlags {
		for _, n := range f.names {
			if n == name {
				return f, true
			}
		}
	}
	return sqlFlag{}, false
}

// nextWord reads one shell-like word of s starting at i (after spaces) and returns it
// and the index after it; ok is false at the end of s.
func nextWord(s string, i int) (word string, end int, ok bool, err error) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) || s[i] == '\n' || s[i] == '\r' {
		return "", i, false, nil
	}
	j := i
	inQ := byte(0)
	for j < len(s) {
		c := s[j]
		if inQ != 0 {
			if c == inQ {
				inQ = 0
			}
			j++
			continue
		}
		if c == '\'' || c == '"' {
			inQ = c
		} else if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		j++
	}
	words, err := splitArgs(s[i:j])
	if err != nil {
		return "", j, false, err
	}
	if len(words) == 0 {
		return "", j, true, nil
	}
	return words[0], j, true, nil
}

// parseSQLArgs parses the options at the start of the magic line; the rest of the line
// and the cell body are the SQL.
func parseSQLArgs(args, body string) (sqlOptions, error) {
	o := sqlOptions{limit: -1}
	i := 0
	for {
		start := i
		for start < len(args) && (args[start] == ' ' || args[start] == '\t') {
			start++
		}
		if m := outArrowRE.FindStringSubmatch(args[start:]); m != nil {
			if o.out != "" && o.out != m[1] {
				return o, usageErrorf("both -o %s and %s << given; use one", o.out, m[1])
			}
			o.out = m[1]
			i = start + len(m[0])
			continue
		}
		if start >= len(args) || args[start] != '-' {
			i = start
			break
		}
		w, end, ok, err := nextWord(args, start)
		if err != nil {
			return o, usageErrorf("%v", err)
		}
		if !ok {
			i = start
			break
		}
		if w == "--" {
			i = end
			break
		}
		name, val, hasVal := strings.Cut(w, "=")
		f, known := lookupFlag(name)
		if !known {
			if strings.HasPrefix(w, "--") || len(w) == 2 {
				msg := fmt.Sprintf("unknown option %s", name)
				var all []string
				for _, f := range sqlFlags {
					all = append(all, f.names...)
				}
				if near := nearest(name, all, 2); len(near) > 0 {
					msg += "; did you mean " + orList(near) + "?"
				}
				return o, usageErrorf("%s (%%sql? lists the options)", msg)
			}
			i = start // SQL that starts with a minus sign
			break
		}
		i = end
		if f.value != "" && !hasVal {
			v, vend, ok, err := nextWord(args, i)
			if err != nil {
				return o, usageErrorf("%s: %v", name, err)
			}
			if !ok {
				return o, usageErrorf("%s needs a value: %s %s", name, name, f.value)
			}
			val, i = v, vend
		} else if f.value == "" && hasVal {
			return o, usageErrorf("%s takes no value", name)
		}
		switch f.names[0] {
		case "--connect":
			o.connect = val
		case "--alias":
			o.alias = val
		case "--simple":
			o.simple = true
		case "--go":
			o.local = true
		case "--connections":
			o.connections = true
		case "--use":
			o.use = val
		case "--close":
			o.close = val
		case "--conn":
			o.conn = val
		case "--out":
			if !isGoIdent(val) {
				return o, usageErrorf("-o %s: not a Go variable name", val)
			}
			if o.out != "" && o.out != val {
				return o, usageErrorf("both -o %s and %s << given; use one", val, o.out)
			}
			o.out = val
		case "--scalar":
			o.scalar = true
		case "--limit":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return o, usageErrorf("--limit %s: want a number of rows (0 shows all)", val)
			}
			o.limit = n
		case "--config":
			o.config = append(o.config, val)
		case "--dry-run":
			o.dryRun = true
		case "--save":
			if !isSQLIdent(val) {
				return o, usageErrorf("--save %s: a saved query's name must be a plain identifier (letters, digits, _)", val)
			}
			o.save = val
		case "--no-execute":
			o.noExecute = true
		case "--with":
			for _, n := range strings.Split(val, ",") {
				if n = strings.TrimSpace(n); n != "" {
					o.with = append(o.with, n)
				}
			}
		case "--snippets":
			o.snippets = true
		case "--file":
			o.file = val
		case "--tables":
			o.tables = true
		case "--columns":
			o.columns = val
		case "--timeout":
			d, err := parseTimeout(val)
			if err != nil {
				return o, usageErrorf("--timeout %s: %v", val, err)
			}
			o.timeout = d
		}
	}
	rest := strings.TrimSpace(args[i:])
	switch {
	case rest != "" && strings.TrimSpace(body) != "":
		o.sql, o.line = rest+"\n"+body, 1
	case rest != "":
		o.sql, o.line = rest, 1
	default:
		o.sql, o.line = body, 2
	}
	if o.noExecute && o.save == "" {
		return o, usageErrorf("--no-execute only goes with --save NAME")
	}
	if o.local && (o.conn != "" || o.tables || o.columns != "") {
		return o, usageErrorf("--go runs over Go tables in the kernel; it does not go with --conn, --tables or --columns")
	}
	if (o.alias != "" || o.simple) && o.connect == "" {
		return o, usageErrorf("--alias and --simple go with --connect DSN")
	}
	return o, nil
}

// parseTimeout reads a duration ("30s", "5m", "1h30m"); a bare number is seconds.
func parseTimeout(s string) (time.Duration, error) {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n <= 0 {
			return 0, fmt.Errorf("want a positive duration")
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("want a duration such as 30s or 5m")
	}
	if d <= 0 {
		return 0, fmt.Errorf("want a positive duration")
	}
	return d, nil
}

func isGoIdent(s string) bool {
	return s != "" && isWord(s) && !(s[0] >= '0' && s[0] <= '9')
}

func isSQLIdent(s string) bool { return isGoIdent(s) }

// sqlHelp is the help text of %sql, built from the option table.
func sqlHelp() string {
	var b strings.Builder
	b.WriteString(`%sql [OPTIONS] [SQL]
%%sql [OPTIONS]
SQL…

Runs SQL on the query service. The result shows as a table (displaylimit rows, with the
total row count and the time taken); statements that change data show "N rows affected".
Several statements separated by ; run in order (in one transaction, unless they manage
transactions themselves) and the last one's result shows. Errors fail the cell with the
SQLSTATE, the server's message and a caret under the failing position.

Parameters: {{expr}} evaluates a Go expression in the session and sends its value as a
bound parameter ($1, $2…), never spliced into the text; {{expr|in}} expands a slice into
($1, $2, …); a slice without |in is one array parameter, as in = ANY({{ids}});
{{expr|ident}} inserts a quoted identifier (table or column name). Text in quotes,
comments and dollar quotes is left alone.

Connections: by default the current one (SLUICE_DSN, %sql --connect, the [default] section
of ~/.jupysql/connections.ini, DATABASE_URL, PG* variables, else the local sandbox).
%sql alone shows which service is current. Each connection is one server session from
cell to cell, as in psql: SET (search_path, time zone…), TEMP tables, prepared statements
and a transaction begun with BEGIN in one cell and ended with COMMIT or ROLLBACK in a later
one all carry over. Platform helpers called from Go cells use their own connections and
see only committed data. If the session is lost (the service restarted) the next cell
opens a new one and says so; a transaction that was open then is gone and the cell fails.

Options:
`)
	for _, f := range sqlFlags {
		n := strings.Join(f.names, ", ")
		if f.value != "" {
			n += " " + f.value
		}
		fmt.Fprintf(&b, "  %-26s %s\n", n, f.help)
	}
	b.WriteString(`
Examples:
  %sql SELECT count(*) FROM events
  %%sql top << --limit 5
  SELECT "eventType", count(*) AS n FROM events WHERE ts > {{since}} GROUP BY 1 ORDER BY n DESC
  %sql --connect postgres://me@db.example/analytics --alias prod
  n := %sql --scalar SELECT count(*) FROM events WHERE "eventType" IN {{kinds|in}}`)
	return b.String()
}
