package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// session is one client connection: its DuckDB connection, transaction state, prepared
// statements and the cancel function of its running query.
type session struct {
	srv    *Server
	wc     *wireConn
	conn   *sql.Conn
	pid    int32
	secret int32

	mu     sync.Mutex
	inTx   bool
	failed bool
	// implicit says the open transaction is the implicit block of a query string
	// holding several statements (see beginImplicit).
	implicit bool
	cancel   context.CancelFunc
	plans    map[*wire.PreparedStatement]*plan
	closing  bool
	helpers  int // the front end's helper sets created on conn
	// txHelpers are the helper sets created in the open transaction.
	txHelpers int
	cursors   map[string]*cursor
	nCursor   int       // cursors declared, for their tables' names
	wide      wideCache // numeric.go
	upKeys    keysCache // upsert.go
	sp        *spLog    // the open transaction's log, for savepoints (savepoint.go)
	// quoted: the quoted names looked up (idquote.go).
	quoted quotedCache
	// decl: the declared column types and enum types (declared.go).
	decl     declaredCache
	ivGen    int64        // declGen+1 when the interval columns were last read (interval.go)
	dtMacros bool         // the date/time macros exist on conn (interval.go)
	zone     *sessionZone // TimeZone (timezone.go); nil: UTC
	ztx      *zoneTx      // the open transaction's changes of TimeZone
	// sqlPrep: the statements SQL PREPARE named (prepared.go).
	sqlPrep map[string]*sqlPrepared
	unpop   unpopulatedCache // materialized views WITH NO DATA (admin_tables.go)
}

// planKind says how a statement runs.
type planKind int

const (
	kindRows    planKind = iota // returns rows
	kindExec                    // returns a command tag only
	kindTx                      // BEGIN / COMMIT / ROLLBACK, handled by the session
	kindShow                    // SHOW of a server parameter
	kindNoop                    // accepted and ignored (SET of a PostgreSQL-only setting)
	kindCopyIn                  // COPY … FROM STDIN
	kindEmpty                   // nothing to run
	kindCopyOut                 // COPY … TO STDOUT
	kindDeclare                 // DECLARE … CURSOR
	kindFetch                   // FETCH or MOVE
	kindClose                   // CLOSE of a cursor
	kindAdmin                   // carried out by the session (admin.go)
	kindZone                    // SET or RESET of TimeZone (timezone.go)
)

// plan is one described statement.
type plan struct {
	sql     string // the statement as the client sent it
	duck    string // the statement DuckDB runs (sql translated by the front end)
	pgNames []string
	duckCol []string // DuckDB's names for the columns when described
	offset  int      // where it starts in the client's query string (characters)
	simple  bool     // sent with the simple query protocol
	kind    planKind
	tag     string
	stmt    *duckdb.Stmt
	cols    wire.Columns
	convs   []converter
	params  []uint32
	clientP []uint32 // parameter OIDs the client specified
	// listParams are the parameters (0-based) DuckDB types as lists, bound as list
	// text, with the array OID announced for each (0: text).
	listParams map[int]uint32
	// numParams are the parameters ($n) the statement only casts to unbounded
	// numeric: typed numeric unless the client typed them (pgsql.Statement).
	numParams map[int]bool
	// decParams say which parameters DuckDB types as DECIMAL (numparam.go).
	decParams []decimalParam
	// sqlNumParams are the parameters ($n) the statement checks itself
	// (numparam_conflict.go): announced as numeric, bound as text, unchecked.
	sqlNumParams map[int]bool
	// hints and typmodsAll say what PostgreSQL's types of the result columns tell
	// that DuckDB's do not (pgsql.Statement).
	hints      []pgsql.ColumnHint
	typmodsAll bool
	show       [2]string
	copy       *copySpec
	copyTo     *pgsql.CopyTo // COPY … TO STDOUT
	cursor     pgsql.Cursor  // DECLARE, FETCH, MOVE, CLOSE
	inner      *plan         // the query of a COPY TO or DECLARE
	admin      *pgsql.Admin  // an administrative statement (admin.go)
	zone       *sessionZone  // the zone a kindZone statement sets
	err        error         // describing failed (simple protocol, later statements)
	ps         *wire.PreparedStatement
	// duckKeys: DuckDB's types of the columns when described; execOf: the statement an
	// EXECUTE runs (prepared.go).
	duckKeys []string
	execOf   *sqlPrepared
}

func randomInt32() int32 {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return int32(binary.BigEndian.Uint32(b[:]) & 0x7fffffff)
}

// raw runs fn with the session's DuckDB connection.
func (ss *session) raw(fn func(c *duckdb.Conn) error) error {
	return ss.conn.Raw(func(dc any) error {
		c, ok := dc.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("sandbox: unexpected driver connection %T", dc)
		}
		return fn(c)
	})
}

// init prepares a new DuckDB connection for PostgreSQL clients.
func (ss *session) init(ctx context.Context) error {
	for _, q := range []string{
		"CREATE OR REPLACE TEMP MACRO version() AS 'PostgreSQL " + serverVersion + "'",
		// Clients are told TimeZone=UTC; make DuckDB's timestamptz casts agree.
		"SET TimeZone = 'UTC'",
	} {
		if _, err := ss.conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sandbox: initialise session: %w", err)
		}
	}
	if err := ss.startupZone(ctx); err != nil {
		return err
	}
	for _, q := range pgsql.ConstraintNamesDDL {
		// Where it is missing (a new database, or one from before); another session
		// creating it at the same moment makes this one fail, harmlessly.
		_, _ = ss.conn.ExecContext(ctx, q)
	}
	return nil
}

func (ss *session) close() {
	ss.mu.Lock()
	ss.closing = true
	plans := ss.plans
	ss.plans = map[*wire.PreparedStatement]*plan{}
	ss.mu.Unlock()
	if ss.conn == nil {
		return
	}
	_ = ss.raw(func(*duckdb.Conn) error {
		for _, p := range plans {
			p.closeStmt()
		}
		return nil
	})
	if ss.inTx {
		_, _ = ss.conn.ExecContext(context.Background(), "ROLLBACK")
	}
	ss.conn.Close()
}

func (p *plan) closeStmt() {
	if p.inner != nil {
		p.inner.closeStmt()
	}
	if p.stmt != nil {
		_ = p.stmt.Close()
		p.stmt = nil
	}
}

// cancelRunning cancels the query the session is running, if any.
func (ss *session) cancelRunning() {
	ss.mu.Lock()
	cancel := ss.cancel
	ss.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// parse splits a query string into statements and describes the first (in the
// extended protocol, the only) one; later statements of a simple query are described
// just before they run, once the earlier ones have taken effect.
func (s *Server) parse(ctx context.Context, q wire.Query) (wire.PreparedStatements, error) {
	ss := sessionFrom(ctx)
	if ss == nil {
		return nil, errors.New("sandbox: no session")
	}
	pieces := splitStatements(q.Query)
	if len(pieces) == 0 {
		p := &plan{kind: kindEmpty, simple: q.SimpleQuery}
		p.ps = wire.NewStatement(func(ctx context.Context, w wire.DataWriter, _ []wire.Parameter) error {
			return w.Empty()
		})
		return wire.Prepared(p.ps), nil
	}
	if !q.SimpleQuery && len(pieces) > 1 {
		return nil, ss.fail(&sqlError{code: codes.Syntax, msg: "cannot insert multiple commands into a prepared statement"})
	}
	if q.SimpleQuery && len(pieces) > 1 {
		if err := ss.beginImplicit(ctx); err != nil {
			return nil, ss.fail(err)
		}
	}
	plans := make([]*plan, len(pieces))
	stmts := make(wire.PreparedStatements, len(pieces))
	for i, pc := range pieces {
		p := &plan{sql: pc.sql, offset: pc.offset, simple: q.SimpleQuery}
		if i == 0 {
			p.clientP = q.ParameterOIDs
		}
		plans[i] = p
		i := i
		p.ps = wire.NewStatement(func(ctx context.Context, w wire.DataWriter, params []wire.Parameter) error {
			return ss.run(ctx, plans, i, w, params)
		})
		stmts[i] = p.ps
	}
	if err := ss.describe(ctx, plans[0]); err != nil {
		ss.endImplicit(ctx, false)
		return nil, ss.fail(err)
	}
	return stmts, nil
}

// abortedTx is the error (25P02) for a statement in a transaction an earlier error
// aborted, nil when there is none.
func (ss *session) abortedTx() error {
	ss.mu.Lock()
	failed := ss.failed
	ss.mu.Unlock()
	if failed {
		return &sqlError{code: codes.InFailedSQLTransaction,
			msg: "current transaction is aborted, commands ignored until end of transaction block"}
	}
	return nil
}

// fail records a statement error: it marks an open transaction failed, arranges for
// the error's position to reach the client and returns the error psql-wire writes.
func (ss *session) fail(err error) error {
	se, ok := err.(*sqlError)
	if !ok {
		se = translate(context.Background(), err, "", 0)
	}
	ss.mu.Lock()
	if ss.inTx {
		ss.failed = true
	}
	ss.mu.Unlock()
	ss.wc.setPosition(se.position)
	return se.wireError()
}

// describe works out how a statement runs and what it returns, preparing it in DuckDB,
// and hands the result to psql-wire.
func (ss *session) describe(ctx context.Context, p *plan) error {
	if err := ss.prepare(ctx, p); err != nil {
		return err
	}
	return ss.apply(p)
}

// prepare works out how a statement runs and what it returns, preparing it in DuckDB.
func (ss *session) prepare(ctx context.Context, p *plan) (err error) {
	defer recoverStatement(p.sql, &err) // errors_text.go
	p.tag = commandTag(p.sql)
	ss.catalogMayChange(p.tag)
	if !ss.srv.noFrontEnd {
		p.sql = pgsql.FoldIdentCase(p.sql) // names as PostgreSQL folds them (pgsql/identcase.go)
	}
	if !ss.srv.noFrontEnd {
		if done, err := ss.preparedCommand(ctx, p); done { // prepared.go
			return err
		}
	}
	if v := txVerb(p.sql); v != "" {
		p.kind = kindTx
		return nil
	}
	if a := pgsql.ParseAdmin(p.sql); a.Kind != pgsql.AdminNone && !ss.srv.noFrontEnd {
		return ss.prepareAdmin(ctx, p, a)
	}
	if m := searchPathRE.FindStringSubmatch(p.sql); m != nil {
		// pg_get_expr, pg_get_constraintdef and pg_get_viewdef qualify names when
		// the client's search_path leaves public out, as PostgreSQL's do.
		v := m[1] + m[2]
		_, _ = ss.conn.ExecContext(ctx, "SET VARIABLE pg_search_path = "+lit(v))
	}
	if kw := keywords(p.sql, 1); len(kw) == 1 && kw[0] == "LOCK" {
		// DuckDB has no table locks; its transactions see a snapshot, as pg_dump's
		// LOCK … IN ACCESS SHARE MODE wants.
		ss.mu.Lock()
		inTx := ss.inTx
		ss.mu.Unlock()
		if !inTx {
			return &sqlError{code: codes.NoActiveSQLTransaction, msg: "LOCK TABLE can only be used in transaction blocks"}
		}
		p.kind, p.tag = kindNoop, "LOCK TABLE"
		return nil
	}
	if z, ok, err := parseZoneSet(p.sql, ss.zoneName(ctx)); ok || err != nil {
		p.kind, p.zone, p.tag = kindZone, z, commandTag(p.sql)
		return err
	}
	if name, ok := showName(p.sql); ok {
		if name == "timezone" { // read when it runs: a prepared SHOW sees later SETs
			p.kind, p.tag = kindZone, "SHOW"
			p.cols = wire.Columns{{Name: "TimeZone", Oid: oidText, Width: -1}}
			return nil
		}
		value, err := ss.showValue(ctx, name)
		if err != nil {
			return err
		}
		p.kind, p.show = kindShow, [2]string{name, value}
		p.cols = wire.Columns{{Name: name, Oid: oidText, Width: -1}}
		return nil
	}
	if ct, ok, err := pgsql.ParseCopyTo(p.sql); ok || err != nil {
		if err != nil {
			return frontEndError(err)
		}
		return ss.prepareCopyOut(ctx, p, ct)
	}
	if cur, ok := pgsql.ParseCursor(p.sql); ok {
		return ss.prepareCursor(ctx, p, cur)
	}
	if spec, ok, err := parseCopyFrom(p.sql); ok || err != nil {
		if err != nil {
			return err
		}
		p.kind, p.copy = kindCopyIn, spec
		if err := ss.describeCopy(ctx, p); err != nil {
			return err
		}
		return nil
	}
	if !ss.srv.noFrontEnd && ss.prepareCTAS(ctx, p) { // admin_ctas.go
		return nil
	}
	if !ss.srv.noFrontEnd {
		if err := ss.refuseUnpopulated(ctx, p); err != nil { // admin_tables.go
			return err
		}
	}
	if err := ss.refuseConstraints(p); err != nil { // upsert.go
		return err
	}
	if err := ss.checkQuotedNames(ctx, p.sql, p.offset); err != nil { // idquote.go
		return err
	}
	tr := pgsql.Statement{SQL: p.sql}
	if !ss.srv.noFrontEnd {
		ss.knowIntervalColumns(ctx)                            // interval.go
		tr = pgsql.Translate(ss.castJSONBOperands(ctx, p.sql)) // jsonb.go: jsonb columns' operators
	}
	p.duck, p.pgNames, p.numParams = tr.SQL, tr.Names, tr.NumericParams
	p.hints, p.typmodsAll = tr.Hints, tr.TypmodsAll
	ss.nothingOnConflict(ctx, p, &tr) // numparam_conflict.go
	if tr.Wide != nil {
		if err := ss.refuseWideDecimals(ctx, tr.Wide); err != nil {
			return err
		}
	}
	if tr.Targets != nil {
		if err := ss.wrapNumericTargets(ctx, tr.Targets, p); err != nil {
			return err
		}
	}
	ss.wrapJSONBTargets(ctx, p) // jsonb.go: jsonb's normal text into jsonb columns
	if tr.Inputs != nil {
		ss.fixInputLiterals(ctx, tr.Inputs, p) // format_inputs.go
	}
	ss.checkFloatColumns(ctx, p) // floaterr.go
	if tr.Helpers != 0 {
		if err := ss.ensureHelpers(ctx, tr.Helpers); err != nil {
			return err
		}
	}
	if err := ss.varlen(ctx, p); err != nil { // varlen.go
		return err
	}
	// ON CONFLICT as PostgreSQL means it (upsert.go), after the numeric checks rewrote it
	if err := ss.upsert(ctx, p); err != nil {
		return err
	}
	for _, q := range tr.Before {
		// A sequence a serial column's default needs; when it cannot be (re)made,
		// the table exists already and the statement itself reports that.
		_, _ = ss.conn.ExecContext(ctx, q)
	}
	err = ss.raw(func(c *duckdb.Conn) error {
		if (strings.Contains(p.duck, `\x`) || strings.Contains(p.duck, "'{")) && strings.EqualFold(p.tag, "INSERT") {
			p.duck = ss.castByteaValues(ctx, c, p.duck)
		}
		ds, err := c.PrepareContext(ctx, p.duck)
		if err != nil && tr.ResultTypes && p.duck == tr.SQL {
			ds, err = ss.duckResultTypes(ctx, c, p) // resulttype.go
		}
		if err != nil && p.duck != p.sql {
			// A rewrite DuckDB cannot read is a front-end bug. The statement is not
			// run as the client sent it instead: most rewrites give PostgreSQL's
			// meaning where DuckDB's differs (LIKE escapes, upserts with NULL keys,
			// numeric checks…), so DuckDB's reading would be a silently different
			// result. The error reaches the client.
			ss.srv.log.Warn("sandbox: front end rewrite refused by DuckDB", "err", err, "sql", p.sql)
		}
		if err != nil && strings.Contains(err.Error(), "values were supplied") {
			// INSERT … VALUES with fewer values than columns: PostgreSQL gives the
			// rest their defaults; name the leading columns so DuckDB does too.
			if sql, ok := ss.namedInsert(ctx, c, p.duck); ok {
				if ds2, err2 := c.PrepareContext(ctx, sql); err2 == nil {
					ds, err, p.duck = ds2, nil, sql
				}
			}
		}
		if err != nil {
			return err
		}
		stmt := ds.(*duckdb.Stmt)
		p.stmt = stmt
		if typed := ss.typeAnyParams(ctx, c, p); typed != nil {
			stmt = typed
		}
		if typed := ss.typeOperandParams(ctx, c, p); typed != nil { // numparam.go
			stmt = typed
		}
		if typed := ss.typeParams(ctx, c, p); typed != nil {
			stmt = typed
		}
		n := stmt.NumInput()
		p.params, p.decParams = make([]uint32, n), decimalParams(stmt)
		jsonbPs := jsonbParams(p.duck) // jsonb.go
		for i := 0; i < n; i++ {
			t, err := stmt.ParamType(i + 1)
			if err != nil {
				return err
			}
			p.params[i] = paramOID(t)
			if oid := p.listParams[i]; oid != 0 {
				p.params[i] = oid
			}
			if p.sqlNumParams[i+1] {
				p.params[i] = oidNumeric // numparam_conflict.go
			}
			if jsonbPs[i+1] {
				p.params[i] = oidJSONB
			}
			if i < len(p.clientP) && p.clientP[i] != 0 {
				p.params[i] = p.clientP[i]
			}
		}
		st, err := stmt.StatementType()
		if err != nil {
			return err
		}
		p.kind = kindExec
		switch st {
		case duckdb.STATEMENT_TYPE_SELECT, duckdb.STATEMENT_TYPE_EXPLAIN, duckdb.STATEMENT_TYPE_PRAGMA,
			duckdb.STATEMENT_TYPE_CALL, duckdb.STATEMENT_TYPE_EXECUTE, duckdb.STATEMENT_TYPE_RELATION:
			p.kind = kindRows
		case duckdb.STATEMENT_TYPE_INSERT, duckdb.STATEMENT_TYPE_UPDATE, duckdb.STATEMENT_TYPE_DELETE:
			if strings.Contains(strings.ToUpper(stripComments(p.sql)), "RETURNING") {
				p.kind = kindRows
			}
		}
		if p.kind != kindRows {
			return nil
		}
		count, err := stmt.ColumnCount()
		if err != nil {
			return err
		}
		p.cols = make(wire.Columns, count)
		p.convs = make([]converter, count)
		p.duckCol = make([]string, count)
		for i := 0; i < count; i++ {
			if p.duckCol[i], err = stmt.ColumnName(i); err != nil {
				return err
			}
		}
		names := p.duckCol
		if p.pgNames != nil {
			names = pgsql.MergeNames(p.pgNames, p.duckCol) // PostgreSQL's names for the columns
		}
		for i := 0; i < count; i++ {
			info, err := stmt.ColumnTypeInfo(i)
			if err != nil {
				info = nil
			}
			oid, conv := columnType(info)
			p.cols[i] = wire.Column{Name: names[i], Oid: oid, Width: -1, AttrNo: int16(i + 1)}
			var hint pgsql.ColumnHint
			if i < len(p.hints) {
				hint = p.hints[i]
			}
			if p.typmodsAll || hint.Typmod {
				p.cols[i].Table = typmodMark(info)
			}
			switch {
			case (hint.OID == pgsql.NameOID || hint.OID == pgsql.VarcharOID) && oid == oidText, hint.OID == pgsql.JSONBOID && oid == oidJSON:
				p.cols[i].Oid = hint.OID
			case (hint.OID == pgsql.JSONOID || hint.OID == pgsql.JSONBOID) && oid == oidText:
				p.cols[i].Oid = hint.OID // sluice_json_out's text (jsontext.go)
			case hint.OID == pgsql.TextOID && oid == oidInt4:
				p.cols[i].Oid = oidText // a NULL literal: only NULLs
			}
			if hint.OID == pgsql.NumericOID && oid == oidText {
				p.cols[i].Oid, conv = oidNumeric, numericTextValue // resulttype.go
			}
			if hint.Mod > 0 && p.cols[i].Oid == pgsql.VarcharOID {
				p.cols[i].Table = -hint.Mod
			}
			p.convs[i] = ss.zoneConv(oid, conv)
		}
		vectorColumns(p.cols, p.convs)
		ss.pgResultTypes(ctx, c, p)       // declared.go
		ss.jsonColumnsAsText(ctx, c, p)   // jsontext.go: JSON columns as text
		ss.timeColumnsAsMicros(ctx, c, p) // dtinput_time24.go: 24:00:00
		p.duckKeys = columnKeys(p.stmt)   // prepared.go, after the re-preparations above
		return nil
	})
	if err != nil {
		p.closeStmt()
		if p.kind == kindExec || p.kind == kindRows || p.stmt == nil {
			if isUnknownSetting(p.sql, err) {
				p.kind = kindNoop
				return nil
			}
		}
		return translate(ctx, err, p.sql, p.offset)
	}
	return nil
}

// apply hands a described plan's columns and parameter types to psql-wire and records
// the plan so the statement cache can close it.
func (ss *session) apply(p *plan) error {
	wire.WithColumns(p.cols)(p.ps)
	wire.WithParameters(p.params)(p.ps)
	if p.kind == kindCopyIn && p.simple {
		// psql-wire announces the COPY's columns as a RowDescription before running
		// it in the simple protocol; clients expect only CopyInResponse.
		ss.wc.setDropRowDescription(true)
	}
	ss.mu.Lock()
	ss.plans[p.ps] = p
	ss.mu.Unlock()
	return nil
}
