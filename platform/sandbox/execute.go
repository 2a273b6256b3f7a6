package sandbox

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
)

// run executes statement i of a query string.
func (ss *session) run(ctx context.Context, plans []*plan, i int, w wire.DataWriter, params []wire.Parameter) error {
	err := ss.runStatement(ctx, plans, i, w, params)
	if len(plans) > 1 && plans[i].simple {
		if err != nil {
			ss.endImplicit(ctx, false)
		} else if i == len(plans)-1 {
			if err := ss.endImplicit(ctx, true); err != nil {
				return ss.fail(err)
			}
		}
	}
	return err
}

// runStatement runs statement i of a query string and describes the next one.
func (ss *session) runStatement(ctx context.Context, plans []*plan, i int, w wire.DataWriter, params []wire.Parameter) error {
	p := plans[i]
	if p.err != nil {
		return ss.fail(p.err)
	}
	qctx, cancel := context.WithCancel(ctx)
	ss.mu.Lock()
	ss.cancel = cancel
	ss.mu.Unlock()
	w, dw := ss.spWatch(p, w) // savepoint.go
	err := ss.execute(qctx, p, w, params)
	ss.spRecord(dw, p, params, err)
	ss.countWrite(p, err) // savepoint.go
	if err == nil && p.kind == kindExec {
		ss.keepConstraintNames(qctx, p.sql)
		ss.keepDeclaredTypes(qctx, p.sql) // declared.go
	}
	var se *sqlError
	if err != nil && !errors.Is(err, wire.ErrSuspendedHandlerClosed) {
		se = translate(qctx, err, p.sql, p.offset) // before cancel(): a cancelled ctx means a cancelled query
	}
	ss.mu.Lock()
	ss.cancel = nil
	ss.mu.Unlock()
	cancel()
	if p.simple {
		ss.forget(p)
	}
	if err != nil {
		if se == nil {
			return err
		}
		return ss.fail(se)
	}
	if i+1 < len(plans) {
		if err := ss.beginImplicit(ctx); err != nil { // after a COMMIT, a new block
			plans[i+1].err = err
		} else if err := ss.describe(ctx, plans[i+1]); err != nil {
			plans[i+1].err = err
		}
	}
	return nil
}

// forget closes a plan's DuckDB statement and drops it.
func (ss *session) forget(p *plan) {
	ss.mu.Lock()
	delete(ss.plans, p.ps)
	ss.mu.Unlock()
	if p.stmt != nil || p.inner != nil {
		_ = ss.raw(func(*duckdb.Conn) error { p.closeStmt(); return nil })
	}
}

func (ss *session) execute(ctx context.Context, p *plan, w wire.DataWriter, params []wire.Parameter) error {
	defer ss.catalogMayChange(p.tag)
	switch p.kind {
	case kindEmpty:
		return w.Empty()
	case kindTx:
		return ss.transaction(ctx, p, w)
	case kindShow:
		if err := w.Row([]any{p.show[1]}); err != nil {
			return err
		}
		return w.Complete("SHOW")
	case kindNoop:
		return w.Complete(p.tag)
	case kindCopyIn:
		return ss.copyIn(ctx, p, w)
	case kindAdmin:
		return ss.runAdmin(ctx, p, w)
	case kindZone:
		return ss.runZone(ctx, p, w)
	}
	if err := ss.abortedTx(); err != nil {
		return err
	}
	if err := ss.checkExecute(p); err != nil { // prepared.go
		return err
	}
	args, err := bindArgs(p, params)
	if err != nil {
		return err
	}
	switch p.kind {
	case kindCopyOut:
		return ss.copyOut(ctx, p, w, args)
	case kindDeclare:
		return ss.declare(ctx, p, w, args)
	case kindFetch:
		return ss.fetch(ctx, p, w)
	case kindClose:
		return ss.closeCursor(ctx, p, w)
	}
	if p.stmt == nil {
		return &sqlError{code: codes.InvalidSQLStatementName, msg: "prepared statement is closed"}
	}
	return ss.raw(func(c *duckdb.Conn) error {
		if p.kind == kindExec {
			res, err := p.stmt.ExecContext(ctx, args)
			if err != nil {
				if isUnknownSetting(p.sql, err) {
					return w.Complete(p.tag)
				}
				return err
			}
			n, _ := res.RowsAffected()
			if p.tag == ctasTag {
				n = ss.ctasRows(ctx, c, p) // admin_ctas.go
			}
			return w.Complete(execTag(p.tag, n))
		}
		rows, err := p.stmt.QueryContext(ctx, args)
		if err != nil {
			return err
		}
		defer rows.Close()
		if resultChanged(p, rows.Columns()) || typesChanged(p, rows) {
			// The tables changed since the client described this statement (for
			// example CREATE OR REPLACE TABLE); answer as PostgreSQL does, so the
			// client drops its cached description and prepares again.
			return staleResult
		}
		return writeRows(ctx, p, rows, w)
	})
}

// writeRows streams a DuckDB result to the client in batches.
func writeRows(ctx context.Context, p *plan, rows driver.Rows, w wire.DataWriter) error {
	n := len(p.cols)
	dst := make([]driver.Value, n)
	const batchSize = 512
	batch := make([][]any, 0, batchSize)
	backing := make([]any, n*batchSize)
	var count int64
	for {
		if err := rows.Next(dst); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		row := backing[len(batch)*n : (len(batch)+1)*n]
		for i, v := range dst {
			if v != nil && p.convs[i] != nil {
				v = p.convs[i](v)
				if e, ok := v.(*sqlError); ok {
					return e // a value with no PostgreSQL form (nestedList)
				}
			}
			row[i] = v
		}
		if count == 0 && !rowFits(p.cols, row) {
			return staleResult
		}
		batch = append(batch, row)
		count++
		if len(batch) == batchSize {
			if err := wire.WriteRows(w, batch); err != nil {
				return err
			}
			batch = batch[:0]
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		if err := wire.WriteRows(w, batch); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tag := p.tag
	switch tag {
	case "INSERT":
		return w.Complete(fmt.Sprintf("INSERT 0 %d", count))
	case "UPDATE", "DELETE", "FETCH":
		return w.Complete(fmt.Sprintf("%s %d", tag, count))
	}
	return w.Complete(fmt.Sprintf("SELECT %d", count))
}

func execTag(tag string, n int64) string {
	switch tag {
	case "INSERT":
		return fmt.Sprintf("INSERT 0 %d", n)
	case "UPDATE", "DELETE", "COPY", "MERGE":
		return fmt.Sprintf("%s %d", tag, n)
	case "CREATE TABLE":
		return "CREATE TABLE"
	case ctasTag: // CREATE TABLE … AS, SELECT … INTO (admin_ctas.go)
		return fmt.Sprintf("SELECT %d", n)
	}
	return tag
}

// bindArgs decodes the client's parameters by their format codes into DuckDB values.
func bindArgs(p *plan, params []wire.Parameter) ([]driver.NamedValue, error) {
	if len(params) != len(p.params) {
		return nil, &sqlError{code: codes.ProtocolViolation,
			msg: fmt.Sprintf("bind message supplies %d parameters, but prepared statement requires %d", len(params), len(p.params))}
	}
	args := make([]driver.NamedValue, len(params))
	for i, prm := range params {
		args[i].Ordinal = i + 1
		if prm.Value() == nil {
			continue
		}
		oid := p.params[i]
		if _, ok := p.listParams[i]; ok {
			text, err := listParamText(prm, oid)
			if err != nil {
				return nil, &sqlError{code: codes.InvalidParameterValue,
					msg: fmt.Sprintf("parameter $%d: cannot decode as %s: %v", i+1, oidName(oid), err)}
			}
			args[i].Value = text
			continue
		}
		if oid == oidJSONB { // jsonb.go: the text, which DuckDB reads as json
			s, err := jsonbParamValue(prm.Value(), prm.Format() == wire.BinaryFormat)
			if err != nil {
				return nil, err
			}
			args[i].Value = s
			continue
		}
		if err := floatParamRange(oid, prm); err != nil { // numcast.go
			return nil, err
		}
		v, err := prm.Scan(oid)
		if err != nil && prm.Format() == wire.TextFormat && oid != oidBytea {
			// pgx's text decoders are stricter than PostgreSQL's input functions
			// (2024-02-29T13:14:15Z, yes/no, NaN…): DuckDB casts the text itself.
			v, err = inputParamText(oid, string(prm.Value())), nil // format_inputs.go
		}
		if err != nil {
			return nil, &sqlError{code: codes.InvalidParameterValue,
				msg: fmt.Sprintf("parameter $%d: cannot decode as %s: %v", i+1, oidName(oid), err)}
		}
		if v, err = bindNumber(p, i, oid, v); err != nil { // numparam.go
			return nil, err
		}
		args[i].Value = bindValue(v)
	}
	return args, nil
}

func oidName(oid uint32) string {
	switch oid {
	case oidText:
		return "text"
	case oidInt8:
		return "bigint"
	case oidInt4:
		return "integer"
	case oidFloat8:
		return "double precision"
	}
	return fmt.Sprintf("type %d", oid)
}
