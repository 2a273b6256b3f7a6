package qs

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/table"
)

// ColumnInfo describes one column of a result: its name, PostgreSQL type name and the
// kind its values are stored as.
type ColumnInfo struct {
	Name string
	Type string
	Kind table.Kind
}

// RowStream iterates over a result row by row or batch by batch without holding it all,
// for exporters. Use it as: for s.Next() { s.Values() }; then check s.Err() and Close.
type RowStream struct {
	ctx  context.Context
	rows pgx.Rows
	c    *Client
	sql  string
	decs []*decoder
	vals []any
	err  error
	n    int64
}

func openStream(ctx context.Context, q querier, c *Client, sql string, args []any) (*RowStream, error) {
	qargs := c.queryArgs(args)
	if !c.opts.SimpleProtocol {
		// Describe afresh rather than use a cached statement: a stale one would only
		// fail at the first row, where running it again is no longer transparent.
		qargs = append([]any{pgx.QueryExecModeDescribeExec}, qargs...)
	}
	rows, err := q.Query(ctx, sql, qargs...)
	if err != nil {
		return nil, c.wrapCtx(ctx, err, sql)
	}
	return &RowStream{ctx: ctx, rows: rows, c: c, sql: sql,
		decs: newDecoders(rows.FieldDescriptions(), rows.Conn().TypeMap())}, nil
}

// Columns describes the result's columns.
func (s *RowStream) Columns() []ColumnInfo {
	out := make([]ColumnInfo, len(s.decs))
	for i, d := range s.decs {
		out[i] = ColumnInfo{Name: d.name, Type: d.typName, Kind: d.kind}
	}
	return out
}

// Next advances to the next row and reports whether there is one.
func (s *RowStream) Next() bool {
	if s.err != nil {
		return false
	}
	if !s.rows.Next() {
		return false
	}
	s.n++
	raw := s.rows.RawValues()
	if s.vals == nil {
		s.vals = make([]any, len(s.decs))
	}
	for i, d := range s.decs {
		v, err := d.decode(raw[i])
		if err != nil {
			s.err = err
			return false
		}
		s.vals[i] = v
	}
	return true
}

// Values returns the current row: int64, float64, string, bool, time.Time, a decoded
// JSON or array value, or nil for NULL. The slice is reused by the next call to Next.
func (s *RowStream) Values() []any { return s.vals }

// NextBatch reads up to n rows into a new table; it returns a table with zero rows at
// the end of the result (check Err).
func (s *RowStream) NextBatch(n int) (*table.Table, error) {
	if s.err != nil {
		return nil, s.err
	}
	for i := 0; i < n && s.rows.Next(); i++ {
		s.n++
		raw := s.rows.RawValues()
		for j, d := range s.decs {
			if err := d.append(raw[j]); err != nil {
				s.err = err
				return nil, err
			}
		}
	}
	t := &table.Table{}
	for _, d := range s.decs {
		t.Columns = append(t.Columns, d.finish())
	}
	if t.NumRows() < n {
		if err := s.Err(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// RowsRead returns how many rows have been read so far.
func (s *RowStream) RowsRead() int64 { return s.n }

// Err returns the error that ended the iteration, if any.
func (s *RowStream) Err() error {
	if s.err != nil {
		return s.err
	}
	if err := s.rows.Err(); err != nil {
		s.err = s.c.wrapCtx(s.ctx, err, s.sql)
	}
	return s.err
}

// Close releases the stream's connection; it is safe to call more than once.
func (s *RowStream) Close() { s.rows.Close() }
