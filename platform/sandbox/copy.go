package sandbox

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/jeroenrinzema/psql-wire/pkg/types"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// copySpec is a parsed COPY … FROM STDIN.
type copySpec struct {
	table   string   // as SQL names it, possibly schema-qualified and quoted
	columns []string // likewise; empty means all
	csv     bool
	header  bool
	delim   string
	null    string
	quote   string
	escape  string
	opts    pgsql.CopyFrom
}

// parseCopyFrom recognises COPY … FROM STDIN (parsed with PostgreSQL's grammar). ok
// is false for other statements (including COPY from or to files, which DuckDB runs
// itself).
func parseCopyFrom(q string) (spec *copySpec, ok bool, err error) {
	c, ok, err := pgsql.ParseCopyFrom(q)
	if !ok {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, frontEndError(err)
	}
	spec = &copySpec{table: quoteName(c.Table), csv: c.CSV, header: c.Header, delim: string(c.Delimiter),
		null: c.Null, opts: c}
	switch c.Schema {
	case "":
	case "public":
		spec.table = `"main".` + spec.table
	default:
		spec.table = quoteName(c.Schema) + "." + spec.table
	}
	if c.CSV {
		spec.quote, spec.escape = string(c.Quote), string(c.Escape)
	}
	for _, col := range c.Columns {
		spec.columns = append(spec.columns, quoteName(col))
	}
	return spec, true, nil
}

// describeCopy finds the COPY's target columns, which psql-wire needs for its
// CopyInResponse.
func (ss *session) describeCopy(ctx context.Context, p *plan) error {
	n := len(p.copy.columns)
	if n == 0 {
		schema, table := splitCopyTable(p.copy.table)
		q := `SELECT count(*) FROM information_schema.columns WHERE lower(table_name) = lower(?) AND (? = '' OR lower(table_schema) = lower(?))`
		if err := ss.conn.QueryRowContext(ctx, q, table, schema, schema).Scan(&n); err != nil {
			return translate(ctx, err, p.sql, p.offset)
		}
		if n == 0 {
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", p.copy.opts.Table)}
		}
	}
	p.cols = make(wire.Columns, n)
	for i := range p.cols {
		p.cols[i] = wire.Column{Name: fmt.Sprintf("column%d", i+1), Oid: oidText, Width: -1}
	}
	p.tag = "COPY"
	return nil
}

// splitCopyTable returns the schema ("" when not given) and table a COPY names,
// unquoted (a name written without quotes in lower case).
func splitCopyTable(name string) (schema, table string) {
	table = name
	if i := strings.LastIndex(table, "."); i >= 0 {
		schema, table = table[:i], table[i+1:]
	}
	return unquoteName(schema), unquoteName(table)
}

// unquoteName returns a name as written in SQL as the name it stands for.
func unquoteName(s string) string {
	if strings.HasPrefix(s, `"`) {
		return strings.ReplaceAll(strings.Trim(s, `"`), `""`, `"`)
	}
	return strings.ToLower(s)
}

// copyIn receives COPY data from the client and reads it as PostgreSQL reads its
// format (text, CSV or binary), each value as the column type's input function reads
// it; it writes the values in the text DuckDB casts to a temporary CSV file, which
// DuckDB's CSV reader loads (parallel, typed by the target table), inside the
// session's transaction when one is open.
func (ss *session) copyIn(ctx context.Context, p *plan, w wire.DataWriter) error {
	spec := p.copy
	load, oids, err := ss.copyTargets(ctx, spec)
	if err != nil {
		return err
	}
	format := wire.TextFormat
	if spec.opts.Binary {
		format = wire.BinaryFormat
	}
	cr, err := w.CopyIn(format)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(ss.srv.opts.Dir, ".copy-*.csv")
	if err != nil {
		drainCopy(cr)
		return fmt.Errorf("COPY: temporary file: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	load.w = bw
	parser, err := newCopyParser(ctx, spec, load, oids)
	if err != nil {
		drainCopy(cr)
		return err
	}
	for {
		t, _, err := cr.ReadTypedMsg()
		if err != nil {
			return err
		}
		switch t {
		case types.ClientCopyData:
			if err := parser.write(cr.Msg); err != nil {
				drainCopy(cr)
				return err
			}
			continue
		case types.ClientCopyDone:
		case types.ClientCopyFail:
			desc, _ := cr.GetString()
			return &sqlError{code: codes.QueryCanceled, msg: "COPY from stdin failed: " + desc}
		case types.ClientFlush, types.ClientSync:
			continue
		default:
			return &sqlError{code: codes.ProtocolViolation, msg: fmt.Sprintf("unexpected message type %q during COPY from stdin", byte(t))}
		}
		break
	}
	if err := parser.finish(); err != nil {
		return err
	}
	if err := load.flush(); err != nil {
		return fmt.Errorf("COPY: temporary file: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("COPY: temporary file: %w", err)
	}
	if err := ss.abortedTx(); err != nil {
		return err
	}
	q := copyInsert(spec, load, f.Name())
	canonical := *spec
	canonical.csv = false // what copyNumeric reads is the file's dialect
	if nq, ok := ss.copyNumeric(ctx, &canonical, f.Name()); ok {
		if spec.opts.Where != "" {
			return &sqlError{code: codes.FeatureNotSupported, msg: "COPY FROM … WHERE into numeric columns without precision is not supported by the sandbox"}
		}
		q = nq // an unbounded numeric column: checked, not rounded
	}
	q = ss.copyJSONB(ctx, spec.table, load.names, q) // jsonb.go
	res, err := ss.conn.ExecContext(ctx, q)
	if err != nil {
		return loadError(translate(ctx, err, "", 0), load)
	}
	n, _ := res.RowsAffected()
	return w.Complete(fmt.Sprintf("COPY %d", n))
}

var csvErrorRE = regexp.MustCompile(`(?s)CSV Error on Line: (\d+).*column "c(\d+)"\. Could not convert string "(.*?)" to '([^']+)'`)

// loadError shortens the error of a value DuckDB's CSV reader could not convert (a
// page naming the temporary file and the reader's options) to PostgreSQL's form:
// invalid input syntax for the type, the row and column in DETAIL.
func loadError(err *sqlError, load *copyLoad) error {
	m := csvErrorRE.FindStringSubmatch(err.msg)
	if m == nil {
		return err
	}
	row, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	e := &sqlError{code: codes.InvalidTextRepresentation,
		msg: fmt.Sprintf("invalid input syntax for type %s: %q", strings.ToLower(m[4]), m[3])}
	if col >= 1 && col <= len(load.names) {
		e.detail = fmt.Sprintf("COPY %s, row %d, column %s", load.table, row, load.names[col-1])
	}
	return e
}

// copyInsert writes the statement that loads the converted file: INSERT … SELECT …
// FROM read_csv(…) with the file's dialect and the target columns' types given, so
// DuckDB's sniffer (which reads and tries samples of the file while the statement is
// prepared) has nothing to find. It is several times faster than DuckDB's own COPY …
// FROM with the same options.
func copyInsert(spec *copySpec, load *copyLoad, file string) string {
	cols := make([]string, len(load.types))
	sel := make([]string, len(load.types))
	for i, t := range load.types {
		if t == "" {
			t = "VARCHAR"
		}
		sel[i] = fmt.Sprintf("c%d", i+1)
		if spec.opts.Where != "" {
			sel[i] += " AS " + quoteName(load.names[i]) // the names the condition uses
		}
		cols[i] = fmt.Sprintf("'c%d': %s", i+1, lit(t))
	}
	target := spec.table
	if len(spec.columns) > 0 {
		target += " (" + strings.Join(spec.columns, ", ") + ")"
	}
	rows := fmt.Sprintf(`SELECT %s FROM read_csv(%s, columns = {%s}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false)`,
		strings.Join(sel, ", "), lit(file), strings.Join(cols, ", "))
	if spec.opts.Where != "" {
		// The condition sees the table's other columns too, as NULL (PostgreSQL gives
		// them their defaults).
		var extra, names []string
		for i, n := range load.all {
			if !load.isTarget(n) {
				extra = append(extra, fmt.Sprintf("CAST(NULL AS %s) AS %s", load.allTypes[i], quoteName(n)))
			}
		}
		for _, n := range load.names {
			names = append(names, quoteName(n))
		}
		if len(extra) > 0 {
			rows = fmt.Sprintf("SELECT *, %s FROM (%s)", strings.Join(extra, ", "), rows)
		}
		rows = fmt.Sprintf("SELECT %s FROM (WITH %s AS (%s) %s)", strings.Join(names, ", "), pgsql.CopyWhereRelation, rows, spec.opts.Where)
	}
	return "INSERT INTO " + target + " " + rows
}

// copyTargets finds the COPY's target columns, the conversion of each and, for the
// binary format, the type OIDs the sandbox announces for them (those a client's binary
// values are encoded with).
func (ss *session) copyTargets(ctx context.Context, spec *copySpec) (*copyLoad, []uint32, error) {
	schema, table := splitCopyTable(spec.table)
	if schema == "public" {
		schema = "main"
	}
	cols := ss.tableColumns(ctx, schema, table)
	load := &copyLoad{table: spec.opts.Table, all: cols.names, allTypes: cols.types}
	names := spec.opts.Columns
	if len(names) == 0 {
		names = cols.names
	}
	for i, n := range names {
		for _, m := range names[:i] {
			if strings.EqualFold(m, n) {
				return nil, nil, &sqlError{code: codes.DuplicateColumn, msg: fmt.Sprintf("column %q specified more than once", n)}
			}
		}
		typ := cols.typeOf(n)
		if typ == "" && len(cols.names) > 0 {
			return nil, nil, &sqlError{code: codes.UndefinedColumn, msg: fmt.Sprintf("column %q of relation %q does not exist", n, spec.opts.Table)}
		}
		load.names, load.types = append(load.names, n), append(load.types, typ)
		load.convs = append(load.convs, convFor(typ))
	}
	ss.varlenCopy(ctx, schema, table, load) // varlen.go
	if len(load.names) == 0 {
		// The catalog lookup failed: the load itself reports what is wrong.
		n := len(spec.columns)
		for i := 0; i < n; i++ {
			load.names, load.convs = append(load.names, fmt.Sprintf("column%d", i+1)), append(load.convs, textConv)
			load.types = append(load.types, "")
		}
	}
	if !spec.opts.Binary {
		return load, nil, nil
	}
	list := make([]string, len(load.names))
	for i, n := range load.names {
		list[i] = quoteName(n)
	}
	tp := &plan{simple: true, tag: "COPY"}
	if err := ss.prepareInner(ctx, tp, fmt.Sprintf("SELECT %s FROM %s", strings.Join(list, ", "), spec.table)); err != nil {
		return nil, nil, err
	}
	defer tp.closeStmt()
	oids := make([]uint32, len(tp.inner.cols))
	for i, c := range tp.inner.cols {
		oids[i] = c.Oid
	}
	return load, oids, nil
}

// newCopyParser returns the reader of the COPY's format.
func newCopyParser(ctx context.Context, spec *copySpec, load *copyLoad, oids []uint32) (copyParser, error) {
	o := spec.opts
	switch {
	case o.Binary:
		tm := wire.TypeMap(ctx)
		if tm == nil {
			tm = pgtype.NewMap()
			extendTypes(tm)
		}
		return &binaryParser{l: load, oids: oids, tm: tm}, nil
	case o.CSV:
		c := &csvParser{l: load, delim: o.Delimiter, quote: o.Quote, esc: o.Escape, null: []byte(o.Null),
			header: o.Header, match: o.HeaderMatch}
		var err error
		if c.forceNull, err = load.flags("FORCE_NULL", o.ForceNull); err != nil {
			return nil, err
		}
		if c.forceNotNull, err = load.flags("FORCE_NOT_NULL", o.ForceNotNull); err != nil {
			return nil, err
		}
		return c, nil
	}
	return &textParser{l: load, delim: o.Delimiter, null: []byte(o.Null), header: o.Header, match: o.HeaderMatch}, nil
}

// isTarget reports whether n is one of the COPY's target columns.
func (l *copyLoad) isTarget(n string) bool {
	for _, c := range l.names {
		if strings.EqualFold(c, n) {
			return true
		}
	}
	return false
}

// hasColumn reports whether the table has a column n.
func (l *copyLoad) hasColumn(n string) bool {
	for _, c := range l.all {
		if strings.EqualFold(c, n) {
			return true
		}
	}
	return false
}

// flags marks the target columns an option names.
func (l *copyLoad) flags(option string, names []string) ([]bool, error) {
	if names == nil {
		return nil, nil
	}
	out := make([]bool, len(l.names))
	for _, n := range names {
		found := false
		for i, c := range l.names {
			if strings.EqualFold(c, n) {
				out[i], found = true, true
			}
		}
		if !found && !l.hasColumn(n) {
			return nil, &sqlError{code: codes.UndefinedColumn, msg: fmt.Sprintf("column %q does not exist", n)}
		}
		if !found {
			return nil, &sqlError{code: codes.InvalidColumnReference, msg: fmt.Sprintf("%s column %q not referenced by COPY", option, n)}
		}
	}
	return out, nil
}

// drainCopy reads and discards the rest of a COPY stream after an error.
func drainCopy(cr *wire.CopyReader) {
	for {
		t, _, err := cr.ReadTypedMsg()
		if err != nil || t == types.ClientCopyDone || t == types.ClientCopyFail {
			return
		}
	}
}

// lit quotes s as an SQL string literal.
func lit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// splitText splits a COPY text-format line at the one-byte delimiter d, except where a
// backslash escapes it (PostgreSQL writes a delimiter inside a value as backslash +
// delimiter), appending the fields to fields.
func splitText(fields [][]byte, line []byte, d byte) [][]byte {
	start := 0
	for j := 0; j < len(line); j++ {
		switch line[j] {
		case '\\':
			j++ // the escaped byte is data
		case d:
			fields = append(fields, line[start:j])
			start = j + 1
		}
	}
	return append(fields, line[start:])
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
