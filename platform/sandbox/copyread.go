package sandbox

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"

	"github.com/jeroenrinzema/psql-wire/codes"
)

// copyLoad receives the rows of a COPY … FROM STDIN, one field at a time, converts each
// value for its column (fieldConv) and writes them as the CSV the load reads: every
// value quoted, NULL an empty unquoted field.
type copyLoad struct {
	w        *bufio.Writer
	table    string
	names    []string    // the target columns
	types    []string    // their DuckDB types ("" where unknown)
	all      []string    // the table's columns
	allTypes []string    // and their DuckDB types
	convs    []fieldConv // one per target column
	line     int         // the current line (text, CSV) or row (binary), from 1
	col      int         // fields of the current row so far
	out      []byte
	val      []byte // a value's conversion
	done     bool   // the end marker (\. or the binary trailer) was read
}

// fail wraps a value's error with the place PostgreSQL names in its CONTEXT.
func (l *copyLoad) fail(err error) error {
	se, ok := err.(*sqlError)
	if !ok {
		se = &sqlError{code: codes.BadCopyFileFormat, msg: err.Error()}
	}
	c := *se
	where := fmt.Sprintf("COPY %s, line %d", l.table, l.line)
	if l.col < len(l.names) {
		where += ", column " + l.names[l.col]
	}
	c.detail = where
	return &c
}

func (l *copyLoad) formatError(format string, args ...any) error {
	return l.fail(&sqlError{code: codes.BadCopyFileFormat, msg: fmt.Sprintf(format, args...)})
}

// field adds the next value of the row (nil with null for NULL).
func (l *copyLoad) field(v []byte, null bool) error {
	if l.col >= len(l.convs) {
		return l.formatError("extra data after last expected column")
	}
	if l.col > 0 {
		l.out = append(l.out, ',')
	}
	if !null {
		conv, err := l.convs[l.col](l.val[:0], v)
		if err != nil {
			return l.fail(err)
		}
		l.val = conv
		l.out = append(l.out, '"')
		if bytes.IndexByte(conv, '"') < 0 {
			l.out = append(l.out, conv...)
		} else {
			for _, c := range conv {
				if c == '"' {
					l.out = append(l.out, '"')
				}
				l.out = append(l.out, c)
			}
		}
		l.out = append(l.out, '"')
	}
	l.col++
	return nil
}

// endRow ends the row, which must have a value for every column.
func (l *copyLoad) endRow() error {
	if l.col < len(l.convs) {
		return l.formatError("missing data for column %q", l.names[l.col])
	}
	l.out = append(l.out, '\n')
	l.col = 0
	if len(l.out) >= 64<<10 {
		return l.flush()
	}
	return nil
}

func (l *copyLoad) flush() error {
	_, err := l.w.Write(l.out)
	l.out = l.out[:0]
	return err
}

// copyParser reads one COPY format from the stream of CopyData payloads.
type copyParser interface {
	write(data []byte) error
	finish() error
}

// lineSplitter cuts a stream into lines, keeping what follows the last newline.
type lineSplitter struct {
	carry []byte
}

func (s *lineSplitter) lines(data []byte, each func([]byte) error) error {
	if len(s.carry) > 0 {
		// The carried part holds no newline: look for one in the new data only, so
		// that a long line costs one pass.
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			s.carry = append(s.carry, data...)
			return nil
		}
		s.carry = append(s.carry, data[:nl]...)
		if err := each(s.carry); err != nil {
			return err
		}
		s.carry = s.carry[:0]
		data = data[nl+1:]
	}
	for {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			s.carry = append(s.carry[:0], data...)
			return nil
		}
		if err := each(data[:nl]); err != nil {
			return err
		}
		data = data[nl+1:]
	}
}

// textParser reads PostgreSQL's COPY text format: delimiter-separated fields, the NULL
// string compared before escapes are read, backslash escapes (\t, \n, \\, \x41, \101…).
type textParser struct {
	l      *copyLoad
	delim  byte
	null   []byte
	header bool // a header line is still to be skipped
	match  bool // HEADER MATCH: the header must name the columns
	split  lineSplitter
	val    []byte
	fields [][]byte
}

func (t *textParser) write(data []byte) error {
	return t.split.lines(data, t.line)
}

func (t *textParser) finish() error {
	if len(t.split.carry) > 0 && !t.l.done {
		line := t.split.carry
		t.split.carry = nil
		return t.line(line)
	}
	return nil
}

func (t *textParser) line(line []byte) error {
	l := t.l
	if l.done {
		return nil
	}
	l.line++
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if string(line) == `\.` {
		l.done = true
		return nil
	}
	if t.header {
		t.header = false
		if t.match {
			return l.matchHeader(splitText(nil, line, t.delim), nil)
		}
		return nil
	}
	t.fields = splitText(t.fields[:0], line, t.delim)
	for _, f := range t.fields {
		if bytes.Equal(f, t.null) {
			if err := l.field(nil, true); err != nil {
				return err
			}
			continue
		}
		v := f
		if bytes.IndexByte(f, '\\') >= 0 {
			t.val = unescapeText(t.val[:0], f)
			v = t.val
		}
		if err := l.field(v, false); err != nil {
			return err
		}
	}
	return l.endRow()
}

// matchHeader checks HEADER MATCH's header line against the target columns.
func (l *copyLoad) matchHeader(fields [][]byte, unquote func([]byte) []byte) error {
	if len(fields) != len(l.names) {
		return l.formatError("wrong number of fields in header line: got %d, expected %d", len(fields), len(l.names))
	}
	for i, f := range fields {
		if unquote != nil {
			f = unquote(f)
		}
		if string(f) != l.names[i] {
			return l.formatError("column name mismatch in header line field %d: got %q, expected %q", i+1, f, l.names[i])
		}
	}
	return nil
}

// unescapeText reads a text-format field's backslash escapes.
func unescapeText(dst, f []byte) []byte {
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
				if k == j+1 {
					c = 'x' // \x without digits is an x
					break
				}
				v, _ := strconv.ParseUint(string(f[j+1:k]), 16, 8)
				c, j = byte(v), k-1
			default:
				if e >= '0' && e <= '7' {
					k := j
					for k < len(f) && k < j+3 && f[k] >= '0' && f[k] <= '7' {
						k++
					}
					v, _ := strconv.ParseUint(string(f[j:k]), 8, 16)
					c, j = byte(v), k-1
				} else {
					c = e
				}
			}
		}
		dst = append(dst, c)
	}
	return dst
}

// csvParser reads PostgreSQL's CSV format: quoted sections anywhere in a field (a
// quote inside one doubled, or preceded by the escape character), line breaks inside
// quotes, the NULL string only unquoted (FORCE_NULL: quoted too; FORCE_NOT_NULL:
// never).
type csvParser struct {
	l            *copyLoad
	delim        byte
	quote, esc   byte
	null         []byte
	header       bool
	match        bool
	forceNull    []bool
	forceNotNull []bool
	pend         []byte // the record being read
	scan         int    // how far pend was scanned for its end
	inQuote      bool
	val          []byte
}

func (c *csvParser) write(data []byte) error {
	c.pend = append(c.pend, data...)
	start := 0
	for i := c.scan; i < len(c.pend); i++ {
		if !c.inQuote {
			// Fast path: the rest of a line without quotes is one record's end.
			nl := bytes.IndexByte(c.pend[i:], '\n')
			if nl < 0 {
				nl = len(c.pend) - i
			}
			if q := bytes.IndexByte(c.pend[i:i+nl], c.quote); q >= 0 {
				i += q
			} else {
				i += nl
				if i == len(c.pend) {
					break
				}
			}
		}
		b := c.pend[i]
		switch {
		case c.inQuote && b == c.esc && c.esc != c.quote:
			if i+1 >= len(c.pend) {
				c.scan = i
				c.compact(start)
				return nil
			}
			if n := c.pend[i+1]; n == c.quote || n == c.esc {
				i++
			}
		case b == c.quote:
			c.inQuote = !c.inQuote
		case b == '\n' && !c.inQuote:
			if err := c.record(c.pend[start:i]); err != nil {
				return err
			}
			start = i + 1
		}
	}
	c.scan = len(c.pend)
	c.compact(start)
	return nil
}

// compact drops the records already read from pend.
func (c *csvParser) compact(start int) {
	if start == 0 {
		return
	}
	n := copy(c.pend, c.pend[start:])
	c.pend = c.pend[:n]
	c.scan -= start
}

func (c *csvParser) finish() error {
	if c.inQuote && !c.l.done {
		c.l.line++
		return c.l.formatError("unterminated CSV quoted field")
	}
	if len(c.pend) > 0 {
		rec := c.pend
		c.pend = nil
		return c.record(rec)
	}
	return nil
}

func (c *csvParser) record(rec []byte) error {
	l := c.l
	if l.done {
		return nil
	}
	l.line += 1 + bytes.Count(rec, []byte{'\n'})
	rec = bytes.TrimSuffix(rec, []byte{'\r'})
	if string(rec) == `\.` {
		l.done = true
		return nil
	}
	if c.header {
		c.header = false
		if c.match {
			var fields [][]byte
			err := c.fields(rec, func(v []byte, quoted bool) error {
				fields = append(fields, append([]byte(nil), v...))
				return nil
			})
			if err != nil {
				return err
			}
			return l.matchHeader(fields, nil)
		}
		return nil
	}
	err := c.fields(rec, func(v []byte, quoted bool) error {
		i := l.col
		null := false
		if bytes.Equal(v, c.null) {
			if quoted {
				null = i < len(c.forceNull) && c.forceNull[i]
			} else {
				null = i >= len(c.forceNotNull) || !c.forceNotNull[i]
			}
		}
		return l.field(v, null)
	})
	if err != nil {
		return err
	}
	return l.endRow()
}

// fields calls each with every field of rec, its quotes and escapes read.
func (c *csvParser) fields(rec []byte, each func(v []byte, quoted bool) error) error {
	for {
		end := bytes.IndexByte(rec, c.delim)
		if end < 0 {
			end = len(rec)
		}
		if bytes.IndexByte(rec[:end], c.quote) < 0 {
			// No quote: the field is the bytes as they are.
			if err := each(rec[:end], false); err != nil {
				return err
			}
		} else {
			n, err := c.quotedField(rec)
			if err != nil {
				return err
			}
			if err := each(c.val, true); err != nil {
				return err
			}
			end = n
		}
		if end >= len(rec) {
			return nil
		}
		rec = rec[end+1:] // the delimiter
	}
}

// quotedField reads a field holding quoted sections into c.val and returns where it
// ends in rec.
func (c *csvParser) quotedField(rec []byte) (int, error) {
	c.val = c.val[:0]
	i := 0
	for i < len(rec) && rec[i] != c.delim {
		b := rec[i]
		if b != c.quote {
			c.val = append(c.val, b)
			i++
			continue
		}
		i++
		for {
			if i >= len(rec) {
				return 0, c.l.formatError("unterminated CSV quoted field")
			}
			b = rec[i]
			if b == c.esc && i+1 < len(rec) && (rec[i+1] == c.quote || rec[i+1] == c.esc) && (c.esc != c.quote || rec[i+1] == c.quote) {
				c.val = append(c.val, rec[i+1])
				i += 2
				continue
			}
			i++
			if b == c.quote {
				break
			}
			c.val = append(c.val, b)
		}
	}
	return i, nil
}
