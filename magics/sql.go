package magics

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/qs"
)

func init() {
	mustRegister(Magic{Name: "sql", Line: true, Cell: true, Run: sqlMagic, Complete: sqlComplete,
		Summary: "run SQL on the query service (bound {{parameters}}, saved CTEs, connections)",
		Help:    sqlHelp()})
}

var dsnURLRE = regexp.MustCompile(`^postgres(ql)?://\S+$`)

// DefaultDisplayLimit is how many rows a %sql result shows unless --limit or
// %sql --config displaylimit=N says otherwise.
const DefaultDisplayLimit = 20

// sqlState is what %sql remembers for one session: its display defaults and the queries
// saved with --save.
type sqlState struct {
	mu           sync.Mutex
	displayLimit int
	timeout      time.Duration
	snippets     map[string]snippet
}

var (
	statesMu sync.Mutex
	states   = map[any]*sqlState{}
)

// stateFor returns the %sql state of env's session (one shared state when the session
// cannot be told apart).
func stateFor(env *Env) *sqlState {
	var key any = "shared"
	if env != nil && env.Session != nil && reflect.TypeOf(env.Session).Comparable() {
		key = env.Session
	}
	statesMu.Lock()
	defer statesMu.Unlock()
	st, ok := states[key]
	if !ok {
		st = &sqlState{displayLimit: DefaultDisplayLimit, snippets: map[string]snippet{}}
		states[key] = st
	}
	return st
}

func sqlMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	o, err := parseSQLArgs(inv.Args, inv.Body)
	if err != nil {
		return nil, err
	}
	st := stateFor(env)
	did := false // whether an administrative option did something
	if o.file != "" {
		data, err := os.ReadFile(expandHome(o.file))
		if err != nil {
			return nil, &Error{Name: "IOError", Value: "--file: " + err.Error(), Err: err}
		}
		if strings.TrimSpace(o.sql) != "" {
			o.sql += ";\n"
		}
		o.sql += string(data)
	}
	if w := strings.TrimSpace(o.sql); o.connect == "" && dsnURLRE.MatchString(w) {
		o.connect, o.sql = w, "" // %sql postgres://… connects, as in jupysql
	}

	if len(o.config) > 0 {
		did = true
		if err := st.configure(o.config); err != nil {
			return nil, err
		}
	}
	if o.close != "" {
		did = true
		if err := qs.CloseAlias(o.close); err != nil {
			return nil, &Error{Name: "UsageError", Value: "--close: " + aliasError(o.close, err), Err: err}
		}
		say(env, "Closed connection %s.", o.close)
	}
	if o.connect != "" {
		did = true
		dsn, err := expandDSN(ctx, env, o.connect)
		if err != nil {
			return nil, err
		}
		c, err := qs.Connect(ctx, dsn, o.alias, qs.Options{SimpleProtocol: o.simple})
		if err != nil {
			return nil, &Error{Name: "ConnectionError", Value: RedactSecrets(err.Error()), Err: err}
		}
		name := o.alias
		if name == "" {
			name = c.Redacted()
		}
		proto := ""
		if o.simple {
			proto = ", simple protocol"
		}
		say(env, "Connected to %s (%s%s) as %s.", c.Redacted(), c.Dialect(), proto, name)
	}
	if o.use != "" {
		did = true
		if err := qs.Use(o.use); err != nil {
			return nil, &Error{Name: "UsageError", Value: "--use: " + aliasError(o.use, err), Err: err}
		}
		say(env, "Using connection %s.", o.use)
	}
	if o.snippets {
		return st.snippetTable(), nil
	}
	if o.connections {
		return connectionsTable(), nil
	}
	if len(o.config) > 0 && strings.TrimSpace(o.sql) == "" {
		return st.configText(), nil
	}

	sqlText := strings.TrimSpace(o.sql)
	if sqlText == "" && !o.tables && o.columns == "" {
		if did {
			return nil, nil
		}
		if o.save != "" || o.dryRun || o.out != "" || o.scalar {
			return nil, usageErrorf("no SQL to run: write it after the options or in the cell body")
		}
		c, alias, err := client(ctx, o.conn)
		if err != nil {
			return nil, err
		}
		return textResult(describeConnection(c, alias)), nil
	}

	if o.tables || o.columns != "" {
		c, _, err := client(ctx, o.conn)
		if err != nil {
			return nil, err
		}
		// Listed as the session sees them: its TEMP tables and search_path count.
		sctx := withNotices(ctx, env)
		var t *display.Table
		if o.tables {
			t, err = c.Session().Tables(sctx)
		} else {
			t, err = c.Session().Columns(sctx, o.columns)
		}
		if err != nil {
			return nil, sqlError(ctx, err, 0, 0, nil, 0)
		}
		t.Limit = -1
		if o.out != "" {
			if err := store(env, o.out, t); err != nil {
				return nil, err
			}
		}
		return t, nil
	}

	return st.runSQL(ctx, env, o, sqlText)
}

// prepared is one statement ready to run: CTEs added and templates bound.
type prepared struct {
	statement
	bound
	skipped []string // saved CTEs left out because the statement defines them
}

// runSQL runs the SQL of a %sql call and returns what the cell shows.
func (st *sqlState) runSQL(ctx context.Context, env *Env, o sqlOptions, sqlText string) (any, error) {
	stmts, err := splitStatements(sqlText)
	if err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return nil, usageErrorf("the cell holds only comments; no SQL to run")
	}
	for i := range stmts {
		stmts[i].line += o.line - 1
	}
	if o.save != "" {
		if len(stmts) != 1 {
			return nil, usageErrorf("--save %s: a saved query must be one statement, not %d", o.save, len(stmts))
		}
		toks, _ := lexSQL(stmts[0].text)
		switch firstWord(toks) {
		case "SELECT", "WITH", "VALUES", "TABLE", "FROM":
		default:
			return nil, usageErrorf("--save %s: only a query (SELECT, WITH, VALUES…) can be saved for --with", o.save)
		}
	}
	st.mu.Lock()
	ctes, err := snippetOrder(st.snippets, o.with)
	st.mu.Unlock()
	if err != nil {
		return nil, err
	}
	var preps []prepared
	for _, s := range stmts {
		text, skipped, err := injectCTEs(s.text, ctes)
		if err != nil {
			return nil, err
		}
		b, err := bindTemplates(ctx, env, text)
		if err != nil {
			return nil, err
		}
		for _, w := range b.warnings {
			warn(env, "warning: line %d: %s", s.line, w)
		}
		for _, n := range skipped {
			warn(env, "note: line %d: the statement defines its own CTE %s; the saved query %s is not added", s.line, n, n)
		}
		preps = append(preps, prepared{statement: s, bound: b, skipped: skipped})
	}
	if o.dryRun {
		return dryRunText(preps), nil
	}
	if o.save != "" && o.noExecute {
		st.save(o.save, stmts[0].text, o.with)
		say(env, "Saved query %s (use it with --with %s).", o.save, o.save)
		return nil, nil
	}

	c, _, err := client(ctx, o.conn)
	if err != nil {
		return nil, err
	}
	timeout := o.timeout
	if timeout == 0 {
		st.mu.Lock()
		timeout = st.timeout
		st.mu.Unlock()
	}
	runCtx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	limit := o.limit
	if limit < 0 {
		st.mu.Lock()
		limit = st.displayLimit
		st.mu.Unlock()
	}
	fetch := limit
	if o.out != "" || o.scalar {
		fetch = 0 // keep every row
	}
	if o.scalar {
		fetch = 2 // enough to tell one row from many
	}
	results, err := execute(withNotices(runCtx, env), c.Session(), preps, fetch, env)
	ddl := false
	for _, p := range preps[:len(results)] {
		if isDDL(p.text) {
			ddl = true
		}
	}
	if ddl {
		catalogs.invalidate(c)
	}
	if err != nil {
		i := len(results)
		return nil, sqlError(ctx, err, i, len(preps), &preps[i], timeout)
	}
	if o.save != "" {
		st.save(o.save, stmts[0].text, o.with)
		say(env, "Saved query %s (use it with --with %s).", o.save, o.save)
	}
	last := results[len(results)-1]
	if o.scalar {
		v, err := scalarOf(last)
		if err != nil {
			return nil, err
		}
		if o.out != "" {
			if err := store(env, o.out, v); err != nil {
				return nil, err
			}
		}
		if v == nil {
			return textResult("NULL"), nil
		}
		return v, nil
	}
	if !last.HasRows() {
		status := statusText(last)
		if o.out != "" {
			if err := store(env, o.out, last.RowsAffected); err != nil {
				return nil, err
			}
		}
		return textResult(status), nil
	}
	t := last.Table
	total := t.Total()
	t.Note = fmt.Sprintf("%s row%s · %s", display.FormatInt(total), plural(total), formatDuration(last.Elapsed))
	if limit == 0 {
		t.Limit = -1
	} else {
		t.Limit = limit
	}
	if o.out != "" {
		if err := store(env, o.out, t); err != nil {
			return nil, err
		}
		t.Note += " · stored in " + o.out
	}
	return t, nil
}

// execute runs the statements in order on the connection's session and returns the
// results of those that ran. The session keeps SET values, TEMP tables and an open
// transaction from one cell to the next, as one psql session does. Several statements
// run in one transaction (all or nothing) unless they manage transactions themselves,
// include a statement that cannot run inside one, or a transaction the user began is
// already open, in which case each runs on its own (in the user's transaction, if any).
// Results of all but the last statement are summarised on env.Stdout as they finish.
func execute(ctx context.Context, sess *qs.Session, preps []prepared, fetch int, env *Env) ([]*qs.Result, error) {
	var results []*qs.Result
	lim := func(i int) int {
		if i == len(preps)-1 {
			return fetch
		}
		return 1
	}
	report := func(i int, r *qs.Result) {
		if i < len(preps)-1 && len(preps) > 1 {
			say(env, "[%d/%d] %s", i+1, len(preps), statusText(r))
		}
	}
	if len(preps) == 1 || !transactional(preps) || sess.InTransaction() {
		for i, p := range preps {
			r, err := sess.Run(ctx, lim(i), p.sql, p.args...)
			if err != nil {
				return results, err
			}
			results = append(results, r)
			report(i, r)
		}
		return results, nil
	}
	tx, err := sess.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for i, p := range preps {
		r, err := tx.Run(ctx, lim(i), p.sql, p.args...)
		if err != nil {
			return results, err
		}
		results = append(results, r)
		report(i, r)
	}
	if err := tx.Commit(ctx); err != nil {
		// Blame the last statement: the commit is part of the cell's work.
		return results[:len(results)-1], err
	}
	return results, nil
}

// transactional reports whether a multi-statement cell can run in one transaction: none
// of its statements controls transactions or refuses to run inside one.
func transactional(preps []prepared) bool {
	for _, p := range preps {
		toks, _ := lexSQL(p.sql)
		switch firstWord(toks) {
		case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE",
			"VACUUM", "CHECKPOINT", "ATTACH", "DETACH", "USE", "INSTALL", "LOAD", "PREPARE", "COPY":
			return false
		}
		for _, t := range toks {
			if t.isWord("CONCURRENTLY") || t.isWord("DATABASE") || t.isWord("SYSTEM") {
				return false
			}
		}
	}
	return true
}

// isDDL reports whether a statement may change the catalog.
func isDDL(sql string) bool {
	toks, _ := lexSQL(sql)
	switch firstWord(toks) {
	case "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "COMMENT", "IMPORT", "USE":
		return true
	}
	return false
}

// statusText summarises a result: "3 rows affected · 12 ms", "CREATE TABLE · 4 ms" or
// "20 rows · 8 ms".
func statusText(r *qs.Result) string {
	el := formatDuration(r.Elapsed)
	if r.HasRows() {
		n := r.Table.Total()
		return fmt.Sprintf("%s row%s · %s", display.FormatInt(n), plural(n), el)
	}
	verb := strings.ToUpper(strings.Fields(r.Command + " OK")[0])
	switch verb {
	case "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "SELECT":
		return fmt.Sprintf("%s row%s affected · %s", display.FormatInt(r.RowsAffected), plural(r.RowsAffected), el)
	}
	cmd := strings.TrimRight(r.Command, " 0123456789")
	if cmd == "" {
		cmd = "OK"
	}
	return cmd + " · " + el
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// scalarOf returns the single value of a one-row, one-column result.
func scalarOf(r *qs.Result) (any, error) {
	if !r.HasRows() {
		return nil, usageErrorf("--scalar: the statement returned no rows (%s)", statusText(r))
	}
	t := r.Table
	if t.NumCols() != 1 || t.Total() != 1 {
		return nil, &Error{Name: "UsageError", Value: fmt.Sprintf("--scalar needs exactly one row and one column; the query returned %s row%s × %d column%s",
			display.FormatInt(t.Total()), plural(t.Total()), t.NumCols(), plural(int64(t.NumCols())))}
	}
	return t.Columns[0].Value(0), nil
}

// store binds name to v in the session.
func store(env *Env, name string, v any) error {
	if env == nil || env.Session == nil {
		return usageErrorf("no session to store %s in", name)
	}
	if err := env.Session.Set(name, v); err != nil {
		return &Error{Name: "UsageError", Value: fmt.Sprintf("store the result in %s: %v", name, err), Err: err}
	}
	return nil
}

// client returns the connection a cell runs on: alias when given, else the current one
// (opening the default on first use).
func client(ctx context.Context, alias string) (*qs.Client, string, error) {
	if alias != "" {
		c, err := qs.Get(alias)
		if err != nil {
			return nil, "", &Error{Name: "UsageError", Value: "-c " + aliasError(alias, err), Err: err}
		}
		return c, alias, nil
	}
	c, err := qs.Current(ctx)
	if err != nil {
		return nil, "", &Error{Name: "ConnectionError", Value: RedactSecrets(err.Error()) +
			" (set SLUICE_DSN or run %sql --connect DSN)", Err: err}
	}
	for _, ci := range qs.List() {
		if ci.Current {
			return c, ci.Alias, nil
		}
	}
	return c, qs.DefaultAlias, nil
}

// aliasError explains an unknown connection alias, suggesting near ones.
func aliasError(alias string, err error) string {
	var names []string
	for _, ci := range qs.List() {
		names = append(names, ci.Alias)
	}
	msg := fmt.Sprintf("no connection called %q", alias)
	if near := nearest(alias, names, 2); len(near) > 0 {
		msg += "; did you mean " + orList(near) + "?"
	} else if len(names) > 0 {
		msg += " (connections: " + strings.Join(names, ", ") + ")"
	} else {
		msg += " (no connections are open; %sql --connect DSN --alias NAME opens one)"
	}
	return msg
}

// describeConnection says which service a connection reaches, without secrets.
func describeConnection(c *qs.Client, alias string) string {
	source := ""
	for _, ci := range qs.List() {
		if ci.Alias == alias {
			source = ci.Source
		}
	}
	s := fmt.Sprintf("Connected to %s (%s) as %s", c.Redacted(), c.Dialect(), alias)
	if source != "" {
		s += " · from " + source
	}
	if c.Options().SimpleProtocol {
		s += " · simple protocol"
	}
	if c.Session().InTransaction() {
		s += " · transaction open (COMMIT or ROLLBACK ends it)"
	}
	return s
}

// connectionsTable lists the registered connections.
func connectionsTable() any {
	list := qs.List()
	if len(list) == 0 {
		return textResult("No connections are open. %sql connects to the default one; %sql --connect DSN opens another.")
	}
	var cur []bool
	var alias, dsn, dialect, source []string
	for _, ci := range list {
		cur = append(cur, ci.Current)
		alias = append(alias, ci.Alias)
		dsn = append(dsn, RedactSecrets(ci.DSN))
		dialect = append(dialect, ci.Dialect)
		src := ci.Source
		if ci.Simple {
			src += " (simple protocol)"
		}
		source = append(source, src)
	}
	t := display.NewTable(display.BoolColumn("current", cur), display.StringColumn("alias", alias),
		display.StringColumn("dsn", dsn), display.StringColumn("dialect", dialect), display.StringColumn("source", source))
	t.Limit = -1
	return t
}

// expandDSN resolves --connect's value: {{expr}} evaluates a Go expression, $NAME reads
// an environment variable, anything else is the DSN itself.
func expandDSN(ctx context.Context, env *Env, v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}"):
		x, err := evalParam(ctx, env, v[2:len(v)-2], v)
		if err != nil {
			return "", err
		}
		s, ok := x.(string)
		if !ok {
			return "", usageErrorf("--connect %s: want a string DSN, got %T", v, x)
		}
		return s, nil
	case strings.HasPrefix(v, "$") && isGoIdent(strings.Trim(v[1:], "{}")):
		name := strings.Trim(v[1:], "{}")
		s, ok := os.LookupEnv(name)
		if !ok || s == "" {
			return "", usageErrorf("--connect %s: environment variable %s is not set", v, name)
		}
		return s, nil
	}
	return v, nil
}

// configure applies --config KEY=VALUE settings.
func (st *sqlState) configure(kvs []string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok {
			return usageErrorf("--config %s: write KEY=VALUE (keys: displaylimit, timeout)", kv)
		}
		switch k {
		case "displaylimit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 {
				return usageErrorf("--config displaylimit=%s: want a number of rows (0 shows all)", v)
			}
			st.displayLimit = n
		case "timeout":
			if v = strings.TrimSpace(v); v == "0" || v == "" {
				st.timeout = 0
				continue
			}
			d, err := parseTimeout(v)
			if err != nil {
				return usageErrorf("--config timeout=%s: %v", v, err)
			}
			st.timeout = d
		default:
			msg := fmt.Sprintf("--config: unknown setting %q (settings: displaylimit, timeout)", k)
			return usageErrorf("%s", msg)
		}
	}
	return nil
}

// configText shows the current settings.
func (st *sqlState) configText() textResult {
	st.mu.Lock()
	defer st.mu.Unlock()
	to := "none"
	if st.timeout > 0 {
		to = st.timeout.String()
	}
	return textResult(fmt.Sprintf("displaylimit=%d\ntimeout=%s", st.displayLimit, to))
}

// save remembers a query for --with.
func (st *sqlState) save(name, sql string, with []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.snippets[name] = snippet{name: name, sql: strings.TrimSpace(sql), with: append([]string(nil), with...)}
}

// snippetTable lists the saved queries.
func (st *sqlState) snippetTable() any {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.snippets) == 0 {
		return textResult("No saved queries. %%sql --save NAME saves one.")
	}
	var names []string
	for n := range st.snippets {
		names = append(names, n)
	}
	sort.Strings(names)
	var with, sqls []string
	for _, n := range names {
		with = append(with, strings.Join(st.snippets[n].with, ", "))
		sqls = append(sqls, st.snippets[n].sql)
	}
	t := display.NewTable(display.StringColumn("name", names), display.StringColumn("with", with), display.StringColumn("sql", sqls))
	t.Limit = -1
	return t
}

// dryRunText shows each statement as it would be sent with its bound values.
func dryRunText(preps []prepared) textResult {
	var b strings.Builder
	for i, p := range preps {
		if len(preps) > 1 {
			fmt.Fprintf(&b, "-- statement %d of %d (line %d)\n", i+1, len(preps), p.line)
		}
		b.WriteString(p.sql)
		b.WriteString(";\n")
		for _, pr := range p.params {
			fmt.Fprintf(&b, "--   $%d = %s   ← {{%s}}\n", pr.n, formatParam(pr.value), pr.expr)
		}
		if i < len(preps)-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteString("-- dry run: nothing was sent to the server")
	return textResult(b.String())
}

// sqlError turns a failure of statement i (0-based) of n into the cell's error:
// SQLSTATE, the server's message and the failing line with a caret.
func sqlError(ctx context.Context, err error, i, n int, p *prepared, timeout time.Duration) error {
	var qe *qs.Error
	where := ""
	if n > 1 && p != nil {
		where = fmt.Sprintf("statement %d of %d (cell line %d)", i+1, n, p.line)
	}
	if errors.Is(err, qs.ErrSessionLost) {
		e := &Error{Name: "ConnectionError", Value: RedactSecrets(err.Error()), Err: err}
		if where != "" {
			e.Traceback = []string{"in " + where}
		}
		return e
	}
	if errors.As(err, &qe) {
		if qe.Code == "57014" && ctx.Err() != nil {
			e := &Error{Name: "Interrupted", Value: "query cancelled by interrupt", Err: err}
			if where != "" {
				e.Traceback = []string{"in " + where}
			}
			return e
		}
		if qe.Code == "57014" && timeout > 0 && errors.Is(err, context.DeadlineExceeded) {
			e := &Error{Name: "SQLError", Value: fmt.Sprintf("query cancelled after the %s timeout (SQLSTATE 57014)", timeout), Err: err}
			if where != "" {
				e.Traceback = []string{"in " + where}
			}
			return e
		}
		val := fmt.Sprintf("%s (SQLSTATE %s)", qe.Message, qe.Code)
		if len(qe.Suggestions) > 0 {
			val += "; did you mean " + orList(qe.Suggestions) + "?"
		}
		if qe.Code == "25P02" {
			val += "; run ROLLBACK to end the failed transaction"
		}
		tb := strings.Split(RedactSecrets(qe.Pretty()), "\n")
		if where != "" {
			tb = append(tb, "in "+where)
		}
		return &Error{Name: "SQLError", Value: RedactSecrets(val), Traceback: tb, Err: err}
	}
	if ctx.Err() != nil {
		return &Error{Name: "Interrupted", Value: "query cancelled by interrupt", Err: err}
	}
	msg := RedactSecrets(err.Error())
	if where != "" {
		msg += " (" + where + ")"
	}
	return &Error{Name: "SQLError", Value: msg, Err: err}
}

// withNotices sends the session's notices (server warnings such as "there is no
// transaction in progress", a reopened session) to the cell's stderr.
func withNotices(ctx context.Context, env *Env) context.Context {
	return qs.WithNotices(ctx, func(msg string) { warn(env, "%s", RedactSecrets(msg)) })
}

// say writes a line to the cell's stdout.
func say(env *Env, format string, args ...any) {
	if env != nil && env.Stdout != nil {
		fmt.Fprintf(env.Stdout, format+"\n", args...)
	}
}

// warn writes a line to the cell's stderr.
func warn(env *Env, format string, args ...any) {
	if env != nil && env.Stderr != nil {
		fmt.Fprintf(env.Stderr, format+"\n", args...)
	}
}
