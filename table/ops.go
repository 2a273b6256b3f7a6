package table

import "fmt"

// Concat stacks tables with the same columns (names and kinds, in order) into one; an
// integer column also stacks onto a float one. The result takes the first table's
// column types and display settings.
func Concat(tables ...*Table) (*Table, error) {
	if len(tables) == 0 {
		return &Table{}, nil
	}
	first := tables[0]
	bs := make([]*Builder, first.NumCols())
	rows := 0
	for _, t := range tables {
		rows += t.NumRows()
	}
	for j, c := range first.Columns {
		k := c.kind
		for _, t := range tables[1:] {
			if j < t.NumCols() && k == KindInt && t.Columns[j].kind == KindFloat {
				k = KindFloat
			}
		}
		bs[j] = NewBuilder(c.Name, c.Type, k)
		bs[j].Grow(rows)
	}
	for i, t := range tables {
		if t.NumCols() != len(bs) {
			return nil, fmt.Errorf("concat: table %d has %d columns, the first has %d", i+1, t.NumCols(), len(bs))
		}
		for j, c := range t.Columns {
			b := bs[j]
			if c.Name != b.name || (c.kind != b.kind && !(b.kind == KindFloat && c.kind == KindInt)) {
				return nil, fmt.Errorf("concat: column %d of table %d is %s %s, the first table has %s %s",
					j+1, i+1, c.Name, c.kind, b.name, b.kind)
			}
			b.AppendColumn(c)
		}
	}
	out := &Table{Title: first.Title, Limit: first.Limit, Note: first.Note, Columns: make([]*Column, len(bs))}
	for j, b := range bs {
		out.Columns[j] = b.Finish()
	}
	return out, nil
}

// Select returns a table with only the named columns, in the order given; the columns
// are shared, not copied. A missing column fails the cell (see Col).
func (t *Table) Select(names ...string) *Table {
	out := &Table{Title: t.Title, Limit: t.Limit, Note: t.Note, TotalRows: t.TotalRows}
	for _, name := range names {
		out.Columns = append(out.Columns, t.Col(name))
	}
	return out
}

// Drop returns a table without the named columns; the others are shared, not copied.
// A missing column fails the cell (see Col).
func (t *Table) Drop(names ...string) *Table {
	drop := map[string]bool{}
	for _, name := range names {
		t.Col(name)
		drop[name] = true
	}
	out := &Table{Title: t.Title, Limit: t.Limit, Note: t.Note, TotalRows: t.TotalRows}
	for _, c := range t.Columns {
		if !drop[c.Name] {
			out.Columns = append(out.Columns, c)
		}
	}
	return out
}

// Rename returns a table whose column from is called to; the values are shared. A
// missing column fails the cell (see Col).
func (t *Table) Rename(from, to string) *Table {
	i := t.Index(from)
	if i < 0 {
		t.Col(from)
	}
	out := *t
	out.Columns = append([]*Column(nil), t.Columns...)
	out.Columns[i] = t.Columns[i].Renamed(to)
	return &out
}

// WithColumn returns a table with c added, or replacing the column of the same name;
// c must have as many rows as the table. The other columns are shared.
func (t *Table) WithColumn(c *Column) *Table {
	if t.NumCols() > 0 && c.Len() != t.NumRows() {
		panic(fmt.Errorf("table: column %q has %d rows, the table has %d", c.Name, c.Len(), t.NumRows()))
	}
	out := *t
	out.Columns = append([]*Column(nil), t.Columns...)
	if i := t.Index(c.Name); i >= 0 {
		out.Columns[i] = c
	} else {
		out.Columns = append(out.Columns, c)
	}
	return &out
}

// Take returns the rows at the given indexes, in that order (indexes may repeat).
func (t *Table) Take(rows []int) *Table {
	out := &Table{Title: t.Title, Limit: t.Limit, Note: t.Note, Columns: make([]*Column, len(t.Columns))}
	for j, c := range t.Columns {
		if c.kind == KindString {
			if tc := c.takeStrings(rows); tc != nil {
				out.Columns[j] = tc
				continue
			}
		}
		b := NewBuilder(c.Name, c.Type, c.kind)
		b.Grow(len(rows))
		for _, i := range rows {
			b.AppendFrom(c, i)
		}
		out.Columns[j] = b.Finish()
	}
	return out
}
