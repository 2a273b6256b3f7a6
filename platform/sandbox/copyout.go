package sandbox

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// COPY … TO STDOUT: the statement's query (or SELECT of the table's columns) runs in
// DuckDB and its rows are written as CopyData messages in PostgreSQL's text, CSV or
// binary format, each value in the text (binary) form the sandbox sends in query
// results. psql-wire
// has no COPY OUT, so the session writes the CopyOutResponse, CopyData and CopyDone
// frames itself between psql-wire's frames (psql-wire writes each frame as it is made).

// frontEndError turns a statement the front end refuses into the client's error.
func frontEndError(err error) error {
	var fe *pgsql.Error
	if errors.As(err, &fe) {
		return &sqlError{code: codes.Code(fe.Code), msg: fe.Msg, hint: fe.Hint}
	}
	return err
}

// prepareInner describes the query of a COPY TO or a DECLARE, which must return rows.
func (ss *session) prepareInner(ctx context.Context, p *plan, query string) error {
	in := &plan{sql: query, simple: p.simple, clientP: p.clientP}
	if err := ss.prepare(ctx, in); err != nil {
		in.closeStmt()
		var se *sqlError
		if errors.As(err, &se) {
			c := *se
			c.position = 0 // positions in the rewritten query mean nothing to the client
			return &c
		}
		return err
	}
	if in.kind != kindRows || in.stmt == nil {
		in.closeStmt()
		return &sqlError{code: codes.Syntax, msg: "the query of " + p.tag + " must return rows"}
	}
	p.inner, p.params = in, in.params
	return nil
}

// prepareCopyOut describes a COPY … TO STDOUT. It announces no columns: PostgreSQL
// answers a COPY with CopyOutResponse, never RowDescription.
func (ss *session) prepareCopyOut(ctx context.Context, p *plan, ct pgsql.CopyTo) error {
	p.tag = "COPY"
	if err := ss.prepareInner(ctx, p, ct.Query); err != nil {
		return err
	}
	for _, name := range ct.ForceQuote {
		found := false
		for _, c := range p.inner.cols {
			found = found || c.Name == name
		}
		if !found {
			p.closeStmt()
			return &sqlError{code: codes.UndefinedColumn, msg: fmt.Sprintf("column %q does not exist", name)}
		}
	}
	p.kind, p.copyTo = kindCopyOut, &ct
	return nil
}

// copyOut runs a COPY … TO STDOUT.
func (ss *session) copyOut(ctx context.Context, p *plan, w wire.DataWriter, args []driver.NamedValue) error {
	in, ct := p.inner, p.copyTo
	if in.stmt == nil {
		return &sqlError{code: codes.InvalidSQLStatementName, msg: "prepared statement is closed"}
	}
	tm := wire.TypeMap(ctx)
	if tm == nil {
		tm = pgtype.NewMap()
		extendTypes(tm)
	}
	force := make([]bool, len(in.cols))
	for i, c := range in.cols {
		force[i] = ct.ForceQuoteAll
		for _, name := range ct.ForceQuote {
			force[i] = force[i] || c.Name == name
		}
	}
	var count int64
	err := ss.raw(func(*duckdb.Conn) error {
		rows, err := in.stmt.QueryContext(ctx, args)
		if err != nil {
			return err
		}
		defer rows.Close()
		if resultChanged(in, rows.Columns()) {
			return staleResult
		}
		cw := &copyWriter{conn: ss.wc, ct: ct, single: len(in.cols) == 1}
		cw.begin(len(in.cols))
		format := int16(pgtype.TextFormatCode)
		if ct.Binary {
			// The header goes in the first row's CopyData, as PostgreSQL sends it
			// (psycopg 3 reads a message as one row).
			format, cw.header = pgtype.BinaryFormatCode, true
		}
		if ct.Header {
			cw.startRow()
			for i, c := range in.cols {
				cw.field(i, []byte(c.Name), false)
			}
			if err := cw.endRow(); err != nil {
				return err
			}
		}
		dst := make([]driver.Value, len(in.cols))
		var buf []byte
		for {
			if err := rows.Next(dst); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return err
			}
			cw.startRow()
			if ct.Binary {
				cw.out = binary.BigEndian.AppendUint16(cw.out, uint16(len(dst)))
			}
			for i, v := range dst {
				if v == nil {
					cw.null(i)
					continue
				}
				if in.convs[i] != nil {
					v = in.convs[i](v)
				}
				buf, err = tm.Encode(in.cols[i].Oid, format, v, buf[:0])
				if err != nil {
					return fmt.Errorf("COPY: column %s: %w", in.cols[i].Name, err)
				}
				cw.field(i, buf, force[i])
			}
			if err := cw.endRow(); err != nil {
				return err
			}
			count++
			if count%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		return cw.end()
	})
	if err != nil {
		return err
	}
	return w.Complete(fmt.Sprintf("COPY %d", count))
}

// copyWriter writes COPY OUT frames: one CopyData message per row, sent in batches.
type copyWriter struct {
	conn   io.Writer
	ct     *pgsql.CopyTo
	single bool // one column: a lone \. is quoted in CSV
	header bool // the binary format's header is still to be written
	out    []byte
	row    int // where the current row's frame starts in out
}

func (cw *copyWriter) begin(ncols int) {
	var f byte // text format
	if cw.ct.Binary {
		f = 1
	}
	cw.out = append(cw.out, 'H', 0, 0, 0, 0, f)
	cw.out = binary.BigEndian.AppendUint16(cw.out, uint16(ncols))
	for range ncols {
		cw.out = append(cw.out, 0, f)
	}
	binary.BigEndian.PutUint32(cw.out[1:5], uint32(len(cw.out)-1))
}

func (cw *copyWriter) startRow() {
	cw.row = len(cw.out)
	cw.out = append(cw.out, 'd', 0, 0, 0, 0)
	if cw.header {
		cw.out = append(cw.out, copySignature...)
		cw.out = append(cw.out, 0, 0, 0, 0, 0, 0, 0, 0) // flags, no extension
		cw.header = false
	}
}

func (cw *copyWriter) sep(i int) {
	if i > 0 && !cw.ct.Binary {
		cw.out = append(cw.out, cw.ct.Delimiter)
	}
}

func (cw *copyWriter) null(i int) {
	if cw.ct.Binary {
		cw.out = append(cw.out, 0xff, 0xff, 0xff, 0xff)
		return
	}
	cw.sep(i)
	cw.out = append(cw.out, cw.ct.Null...)
}

// field appends one value in the COPY format.
func (cw *copyWriter) field(i int, v []byte, force bool) {
	if cw.ct.Binary {
		cw.out = binary.BigEndian.AppendUint32(cw.out, uint32(len(v)))
		cw.out = append(cw.out, v...)
		return
	}
	cw.sep(i)
	if cw.ct.CSV {
		cw.csvField(v, force)
		return
	}
	d := cw.ct.Delimiter
	for _, c := range v {
		if c < 0x20 {
			var e byte
			switch c {
			case '\b':
				e = 'b'
			case '\f':
				e = 'f'
			case '\n':
				e = 'n'
			case '\r':
				e = 'r'
			case '\t':
				e = 't'
			case '\v':
				e = 'v'
			default:
				if c == d {
					e = c
				}
			}
			if e != 0 {
				cw.out = append(cw.out, '\\', e)
				continue
			}
		} else if c == '\\' || c == d {
			cw.out = append(cw.out, '\\')
		}
		cw.out = append(cw.out, c)
	}
}

// csvField appends a CSV value, quoted where PostgreSQL quotes it: when forced, when
// it equals the NULL string, when it holds the delimiter, the quote or a line break,
// and when it is a lone \. in a one-column copy.
func (cw *copyWriter) csvField(v []byte, force bool) {
	q, esc, d := cw.ct.Quote, cw.ct.Escape, cw.ct.Delimiter
	quote := force || string(v) == cw.ct.Null || (cw.single && string(v) == `\.`)
	for _, c := range v {
		if quote {
			break
		}
		quote = c == d || c == q || c == '\n' || c == '\r'
	}
	if !quote {
		cw.out = append(cw.out, v...)
		return
	}
	cw.out = append(cw.out, q)
	for _, c := range v {
		if c == q || c == esc {
			cw.out = append(cw.out, esc)
		}
		cw.out = append(cw.out, c)
	}
	cw.out = append(cw.out, q)
}

// endRow finishes the row's frame and sends the batch once it is large.
func (cw *copyWriter) endRow() error {
	if !cw.ct.Binary {
		cw.out = append(cw.out, '\n')
	}
	cw.endFrame()
	if len(cw.out) >= 64<<10 {
		return cw.flush()
	}
	return nil
}

func (cw *copyWriter) flush() error {
	if len(cw.out) == 0 {
		return nil
	}
	_, err := cw.conn.Write(cw.out)
	cw.out = cw.out[:0]
	return err
}

// endFrame writes the length of the CopyData frame startRow began.
func (cw *copyWriter) endFrame() {
	binary.BigEndian.PutUint32(cw.out[cw.row+1:cw.row+5], uint32(len(cw.out)-cw.row-1))
}

// end sends the binary format's trailer and CopyDone after the last rows.
func (cw *copyWriter) end() error {
	if cw.ct.Binary {
		cw.startRow()
		cw.out = append(cw.out, 0xff, 0xff)
		cw.endFrame()
	}
	cw.out = append(cw.out, 'c', 0, 0, 0, 4)
	return cw.flush()
}
