package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/jeroenrinzema/psql-wire/pkg/types"
)

// copySpec is a parsed COPY … FROM STDIN statement.
type copySpec struct {
	table   string   // as written, possibly schema-qualified and quoted
	columns []string // as written (quoted when they were); empty means all
	csv     bool
	header  bool
	delim   string
	null    string
	quote   string
	escape  string
}

// copyToken is one token of a COPY statement.
type copyToken struct {
	text   string
	quoted bool // a '…' string literal
}

func tokenizeCopy(q string) ([]copyToken, error) {
	var out []copyToken
	q = stripComments(q)
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case unicode.IsSpace(rune(c)):
			i++
		case c == '(' || c == ')' || c == ',' || c == '.' || c == '=':
			out = append(out, copyToken{text: string(c)})
			i++
		case c == '\'':
			j := skipQuoted(q, i, '\'')
			out = append(out, copyToken{text: strings.ReplaceAll(q[i+1:j-1], "''", "'"), quoted: true})
			i = j
		case c == 'E' || c == 'e':
			if i+1 < len(q) && q[i+1] == '\'' {
				j := skipQuoted(q, i+1, '\'')
				out = append(out, copyToken{text: unescapeE(q[i+2 : j-1]), quoted: true})
				i = j
				continue
			}
			fallthrough
		default:
			if c == '"' {
				j := skipQuoted(q, i, '"')
				out = append(out, copyToken{text: q[i:j]})
				i = j
				continue
			}
			j := i
			for j < len(q) && (isIdent(rune(q[j])) || q[j] == '$') {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q in COPY statement", q[i:i+1])
			}
			out = append(out, copyToken{text: q[i:j]})
			i = j
		}
	}
	return out, nil
}

func unescapeE(s string) string {
	r := strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\r`, "\r", `\\`, `\`, `\'`, "'", "''", "'")
	return r.Replace(s)
}

// parseCopyFrom recognises COPY … FROM STDIN. ok is false for other statements
// (including COPY from or to files, which DuckDB runs itself).
func parseCopyFrom(q string) (spec *copySpec, ok bool, err error) {
	kw := keywords(q, 1)
	if len(kw) == 0 || kw[0] != "COPY" {
		return nil, false, nil
	}
	toks, err := tokenizeCopy(q)
	if err != nil {
		return nil, false, nil
	}
	upper := func(i int) string {
		if i < len(toks) && !toks[i].quoted {
			return strings.ToUpper(toks[i].text)
		}
		return ""
	}
	i := 1
	spec = &copySpec{delim: "\t", null: `\N`, quote: `"`}
	// table name
	if i >= len(toks) {
		return nil, false, nil
	}
	spec.table = toks[i].text
	i++
	for upper(i) == "." && i+1 < len(toks) {
		spec.table += "." + toks[i+1].text
		i += 2
	}
	if upper(i) == "(" {
		i++
		for i < len(toks) && upper(i) != ")" {
			if upper(i) != "," {
				spec.columns = append(spec.columns, toks[i].text)
			}
			i++
		}
		i++
	}
	if upper(i) != "FROM" || upper(i+1) != "STDIN" {
		return nil, false, nil
	}
	i += 2
	if upper(i) == "WITH" {
		i++
	}
	bad := func(what string) error {
		return &sqlError{code: codes.Syntax, msg: "COPY: " + what}
	}
	value := func() (string, error) {
		if upper(i) == "AS" {
			i++
		}
		if i >= len(toks) {
			return "", bad("option value missing")
		}
		v := toks[i].text
		i++
		return v, nil
	}
	// setText reads the value of a text option; ENCODING and the FORCE_ options are
	// read and ignored.
	setText := func(opt string) error {
		v, err := value()
		if err != nil {
			return err
		}
		switch opt {
		case "DELIMITER":
			spec.delim = v
		case "NULL":
			spec.null = v
		case "QUOTE":
			spec.quote = v
		case "ESCAPE":
			spec.escape = v
		}
		return nil
	}
	csvDefaults := func() {
		spec.csv = true
		if spec.delim == "\t" {
			spec.delim = ","
		}
		if spec.null == `\N` {
			spec.null = ""
		}
	}
	if upper(i) == "(" {
		i++
		for i < len(toks) && upper(i) != ")" {
			opt := upper(i)
			i++
			switch opt {
			case ",":
				continue
			case "FORMAT":
				f, err := value()
				if err != nil {
					return nil, true, err
				}
				switch strings.ToLower(f) {
				case "csv":
					csvDefaults()
				case "text":
				default:
					return nil, true, &sqlError{code: codes.FeatureNotSupported, msg: fmt.Sprintf("COPY FROM STDIN format %s is not supported by the sandbox (use text or csv)", f)}
				}
			case "HEADER":
				spec.header = true
				if v := upper(i); v == "FALSE" || v == "OFF" || v == "0" {
					spec.header = false
					i++
				} else if v == "TRUE" || v == "ON" || v == "1" || v == "MATCH" {
					i++
				}
			case "DELIMITER", "NULL", "QUOTE", "ESCAPE", "ENCODING", "FORCE_NOT_NULL", "FORCE_NULL":
				if err := setText(opt); err != nil {
					return nil, true, err
				}
			case "FREEZE":
			default:
				return nil, true, bad("unknown option " + opt)
			}
		}
		return spec, true, nil
	}
	// Pre-9.0 option syntax: [DELIMITER 'x'] [NULL 'x'] [CSV [HEADER] [QUOTE 'q'] [ESCAPE 'e']].
	for i < len(toks) {
		opt := upper(i)
		i++
		switch opt {
		case "BINARY":
			return nil, true, &sqlError{code: codes.FeatureNotSupported, msg: "COPY FROM STDIN format binary is not supported by the sandbox (use text or csv)"}
		case "CSV":
			csvDefaults()
		case "HEADER":
			spec.header = true
		case "DELIMITER", "NULL", "QUOTE", "ESCAPE":
			if err := setText(opt); err != nil {
				return nil, true, err
			}
		default:
			return nil, true, bad("unknown option " + opt)
		}
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
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", p.copy.table)}
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

// copyIn receives COPY data from the client into a temporary CSV file and loads it with
// DuckDB's CSV reader (parallel, typed by the target table), inside the session's
// transaction when one is open.
func (ss *session) copyIn(ctx context.Context, p *plan, w wire.DataWriter) error {
	cr, err := w.CopyIn(wire.TextFormat)
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
	conv := &textToCSV{w: bw, delim: p.copy.delim, null: p.copy.null}
	for {
		t, _, err := cr.ReadTypedMsg()
		if err != nil {
			return err
		}
		switch t {
		case types.ClientCopyData:
			if p.copy.csv {
				_, err = bw.Write(cr.Msg)
			} else {
				err = conv.write(cr.Msg)
			}
			if err != nil {
				drainCopy(cr)
				return &sqlError{code: codes.BadCopyFileFormat, msg: "COPY: " + err.Error()}
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
	if !p.copy.csv {
		if err := conv.flush(); err != nil {
			return &sqlError{code: codes.BadCopyFileFormat, msg: "COPY: " + err.Error()}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("COPY: temporary file: %w", err)
	}
	if err := ss.abortedTx(); err != nil {
		return err
	}
	target := p.copy.table
	if len(p.copy.columns) > 0 {
		target += " (" + strings.Join(p.copy.columns, ", ") + ")"
	}
	var opts []string
	if p.copy.csv {
		opts = append(opts, "FORMAT csv", "HEADER "+strconv.FormatBool(p.copy.header), "DELIMITER "+lit(p.copy.delim),
			"QUOTE "+lit(p.copy.quote), "NULL "+lit(p.copy.null))
		if p.copy.escape != "" {
			opts = append(opts, "ESCAPE "+lit(p.copy.escape))
		} else {
			opts = append(opts, "ESCAPE "+lit(p.copy.quote))
		}
	} else {
		opts = append(opts, "FORMAT csv", "HEADER false", "DELIMITER ','", `QUOTE '"'`, `ESCAPE '"'`, "NULL ''")
	}
	// The dialect is fully given, so DuckDB's sniffer (which reads and tries samples of
	// the file while the statement is prepared) has nothing to find.
	opts = append(opts, "allow_quoted_nulls false", "auto_detect false")
	q := fmt.Sprintf("COPY %s FROM %s (%s)", target, lit(f.Name()), strings.Join(opts, ", "))
	if nq, ok := ss.copyNumeric(ctx, p.copy, f.Name()); ok {
		q = nq // an unbounded numeric column: checked, not rounded
	}
	res, err := ss.conn.ExecContext(ctx, q)
	if err != nil {
		return translate(ctx, err, "", 0)
	}
	n, _ := res.RowsAffected()
	return w.Complete(fmt.Sprintf("COPY %d", n))
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

// textToCSV converts PostgreSQL's COPY text format (delimiter-separated, \N for NULL,
// backslash escapes) into CSV with every value quoted and NULL left empty.
type textToCSV struct {
	w     *bufio.Writer
	delim string
	null  string
	carry []byte
	done  bool
}

func (t *textToCSV) write(data []byte) error {
	if t.done {
		return nil
	}
	if len(t.carry) > 0 {
		data = append(t.carry, data...)
		t.carry = nil
	}
	for {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			t.carry = append([]byte(nil), data...)
			return nil
		}
		line := data[:nl]
		data = data[nl+1:]
		if err := t.line(line); err != nil {
			return err
		}
		if t.done {
			return nil
		}
	}
}

func (t *textToCSV) flush() error {
	if len(t.carry) > 0 && !t.done {
		line := t.carry
		t.carry = nil
		return t.line(line)
	}
	return nil
}

func (t *textToCSV) line(line []byte) error {
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if string(line) == `\.` {
		t.done = true
		return nil
	}
	fields := splitText(line, []byte(t.delim))
	for i, f := range fields {
		if i > 0 {
			t.w.WriteByte(',')
		}
		if string(f) == t.null {
			continue
		}
		t.w.WriteByte('"')
		for j := 0; j < len(f); j++ {
			c := f[j]
			if c == '\\' && j+1 < len(f) {
				j++
				switch e := f[j]; e {
				case 'n':
					c = '\n'
				case 't':
					c = '\t'
				case 'r':
					c = '\r'
				case 'b':
					c = '\b'
				case 'f':
					c = '\f'
				case 'v':
					c = '\v'
				case 'x':
					k := j + 1
					for k < len(f) && k < j+3 && isHex(f[k]) {
						k++
					}
					v, _ := strconv.ParseUint(string(f[j+1:k]), 16, 8)
					c, j = byte(v), k-1
				default:
					if e >= '0' && e <= '7' {
						k := j
						for k < len(f) && k < j+3 && f[k] >= '0' && f[k] <= '7' {
							k++
						}
						v, _ := strconv.ParseUint(string(f[j:k]), 8, 8)
						c, j = byte(v), k-1
					} else {
						c = e
					}
				}
			}
			if c == '"' {
				t.w.WriteByte('"')
			}
			t.w.WriteByte(c)
		}
		t.w.WriteByte('"')
	}
	return t.w.WriteByte('\n')
}

// splitText splits a COPY text-format line at delim, except where a backslash escapes
// it (PostgreSQL writes a delimiter inside a value as backslash + delimiter).
func splitText(line, delim []byte) [][]byte {
	if len(delim) == 0 {
		return [][]byte{line}
	}
	var fields [][]byte
	start := 0
	for j := 0; j < len(line); j++ {
		switch {
		case line[j] == '\\':
			j++ // the escaped byte is data
		case bytes.HasPrefix(line[j:], delim):
			fields = append(fields, line[start:j])
			start = j + len(delim)
			j = start - 1
		}
	}
	return append(fields, line[start:])
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
