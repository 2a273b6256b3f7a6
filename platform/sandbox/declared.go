package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The session's side of the declared column types (pgsql/declared.go): it records the
// PostgreSQL type a DDL statement declares, and announces result columns with
// PostgreSQL's types where DuckDB's cannot tell them: a reference to a column declared
// varchar(n), char(n), jsonb or an enum type, an enum value, the catalog's "char"
// columns.

// keepDeclaredTypes brings pgsql.DeclaredTypesTable in step with a DDL statement that
// ran, on the session's connection so that the records commit or roll back with it.
func (ss *session) keepDeclaredTypes(ctx context.Context, sql string) {
	if kw := keywords(sql, 1); len(kw) == 0 || kw[0] != "CREATE" && kw[0] != "DROP" && kw[0] != "ALTER" {
		return
	}
	ss.keepViewSource(ctx, sql) // viewsrc.go
	ddl, ok := pgsql.DeclaredChange(sql)
	if !ok {
		ss.declChanged() // CREATE TYPE, DuckDB's CREATE OR REPLACE TABLE…
		return
	}
	ops := ddl.Ops
	if ddl.IfNotExists && len(ops) > 0 {
		// The table may have been there already, with its own records.
		var n int
		q := "SELECT count(*) FROM " + pgsql.DeclaredTypesTable + " WHERE schema_name = $1 AND table_name = $2"
		if ss.conn.QueryRowContext(ctx, q, ops[0].Args[0], ops[0].Args[1]).Scan(&n); n > 0 {
			ss.declChanged()
			return
		}
	}
	if r := ddl.Derived; r != nil {
		ops = append(ops, ss.derivedTypes(ctx, r)...)
	}
	for _, op := range mergeInserts(ops) {
		if _, err := ss.conn.ExecContext(ctx, op.SQL, op.Args...); err != nil {
			ss.srv.log.Warn("sandbox: keeping declared column types", "err", err)
			break
		}
	}
	ss.declChanged()
}

// declChanged says a DDL statement ran: sessions read the declared and enum types again,
// and once more when the session's transaction ends.
func (ss *session) declChanged() {
	declGen.Add(1)
	ss.mu.Lock()
	if ss.inTx {
		ss.decl.dirty = true
	}
	ss.mu.Unlock()
}

// mergeInserts makes consecutive INSERTs of records one statement (one round trip for
// a table of many columns).
func mergeInserts(ops []pgsql.DeclaredOp) []pgsql.DeclaredOp {
	var out []pgsql.DeclaredOp
	for _, op := range ops {
		if n := len(out); n > 0 && strings.HasPrefix(op.SQL, "INSERT ") && strings.HasPrefix(out[n-1].SQL, "INSERT ") {
			last := &out[n-1]
			var b strings.Builder
			b.WriteString(", (")
			for i := range op.Args {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(last.Args)+i+1)
			}
			b.WriteString(")")
			last.SQL += b.String()
			last.Args = append(last.Args, op.Args...)
			continue
		}
		out = append(out, pgsql.DeclaredOp{SQL: op.SQL, Args: append([]any(nil), op.Args...)})
	}
	return out
}

// declaredType is a column's PostgreSQL type as announced: its OID and typmod, and an
// enum type's schema and name.
type declaredType struct {
	oid    uint32
	typmod int32
	enum   [2]string
}

// derivedTypes returns the records that give a view's or a CREATE TABLE … AS table's
// columns the declared types of the query's columns they are (PostgreSQL's view of
// a varchar(20) column is varchar(20)), or of the casts they are.
func (ss *session) derivedTypes(ctx context.Context, r *pgsql.DerivedRelation) []pgsql.DeclaredOp {
	var ops []pgsql.DeclaredOp
	_ = ss.raw(func(c *duckdb.Conn) error {
		d := ss.declared(ctx, c)
		rel := [2]string{r.Schema, r.Name}
		delete(d.columns, rel) // CREATE OR REPLACE VIEW
		cols := d.tableColumnNames(ctx, c, rel)
		targets := alignHints(r.Hints, len(cols))
		for i, col := range cols {
			if targets == nil {
				break
			}
			var dt declaredType
			h := targets[i].hint
			oid, mod := h.OID, h.Mod
			if targets[i].star < 0 && h.Deferred[0] != 0 {
				oid, mod = uint32(h.Deferred[0]), h.Deferred[1]
			}
			switch {
			case oid == pgsql.VarcharOID || oid == pgsql.BPCharOID:
				dt = declaredType{oid: oid, typmod: -1}
				if mod > 4 {
					dt.typmod = mod
				}
			case oid == pgsql.JSONBOID:
				dt = declaredType{oid: oid, typmod: -1}
			case h.Cast[1] != "":
				dt = declaredType{enum: h.Cast}
			case h.Source != nil && !h.Source.Catalog:
				dt = d.lookup(ctx, c, h.Source, targets[i].star)
			}
			if dt.oid == 0 && dt.enum[1] == "" {
				continue
			}
			recOID := int64(dt.oid)
			if dt.enum[1] != "" {
				recOID = 0
			}
			ops = append(ops, pgsql.DeclaredOp{SQL: "INSERT INTO " + pgsql.DeclaredTypesTable + " VALUES ($1, $2, $3, $4, $5, $6, $7)",
				Args: []any{r.Schema, r.Name, col, recOID, int64(dt.typmod), dt.enum[0], dt.enum[1]}})
		}
		return nil
	})
	return ops
}

// declaredCache holds the records of pgsql.DeclaredTypesTable and the enum types, as
// the session last read them, until a statement that may change the catalog runs.
type declaredCache struct {
	gen    int64
	loaded bool
	// dirty: DDL ran in the open transaction (see declared).
	dirty bool
	// tables: DuckDB's schema and table name → column → declared type (enum records
	// resolved to the enum type's OID).
	tables    map[[2]string]map[string]declaredType
	enumTypes *enumTypes // read on demand (enums)
	// columns: a table's column names in order (for stars), looked up on demand.
	columns map[[2]string][]string
}

// query runs q on c and hands each row to fn.
func query(ctx context.Context, c *duckdb.Conn, q string, width int, fn func(row []driver.Value)) error {
	rows, err := c.QueryContext(ctx, q, nil)
	if err != nil {
		return err
	}
	defer rows.Close()
	dst := make([]driver.Value, width)
	for {
		if err := rows.Next(dst); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		fn(dst)
	}
}

// declGen counts the statements that may have changed the declared types or the enum
// types (DDL, and the end of a transaction that ran DDL): a session reads them again
// when it moved. COMMIT alone does not, so a query in BEGIN … COMMIT blocks reads them once.
var declGen atomic.Int64

// declTxEnd runs when a transaction may have ended (txcache.go): one that ran DDL has
// committed or rolled back its records, which every session reads again.
func (ss *session) declTxEnd() {
	if !ss.decl.dirty {
		return
	}
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if !inTx {
		ss.decl.dirty = false
		declGen.Add(1)
	}
}

// declared returns the session's cache, read again when declGen moved.
func (ss *session) declared(ctx context.Context, c *duckdb.Conn) *declaredCache {
	d := &ss.decl
	ss.declTxEnd()
	if gen := declGen.Load(); d.gen != gen || !d.loaded {
		*d = declaredCache{gen: gen, loaded: true, dirty: d.dirty, tables: map[[2]string]map[string]declaredType{},
			columns: map[[2]string][]string{}}
		err := query(ctx, c, `SELECT schema_name, table_name, column_name, type_oid, typmod, type_schema, type_name FROM `+
			pgsql.DeclaredTypesTable, 7, func(r []driver.Value) {
			t := declaredType{oid: uint32(num(r[3])), typmod: int32(num(r[4]))}
			if t.oid == 0 {
				t.enum = [2]string{str(r[5]), str(r[6])}
				if t.oid = d.enums(ctx, c).byName[t.enum]; t.oid == 0 {
					return // not an enum type
				}
			}
			key := lowerKey([2]string{str(r[0]), str(r[1])})
			if d.tables[key] == nil {
				d.tables[key] = map[string]declaredType{}
			}
			d.tables[key][strings.ToLower(str(r[2]))] = t
		})
		if err != nil {
			// An aborted transaction refuses queries: read them again next time.
			d.loaded = false
		}
	}
	return d
}

// enumTypes are the database's enum types: by schema and name, and by labels
// (joined by NUL) the oldest with them.
type enumTypes struct {
	byName   map[[2]string]uint32
	byLabels map[string]uint32
}

// enums returns the enum types, read the first time the cache needs them.
func (d *declaredCache) enums(ctx context.Context, c *duckdb.Conn) *enumTypes {
	if d.enumTypes != nil {
		return d.enumTypes
	}
	e := &enumTypes{byName: map[[2]string]uint32{}, byLabels: map[string]uint32{}}
	d.enumTypes = e
	err := query(ctx, c, `SELECT schema_name, type_name, type_oid, labels FROM duckdb_types()
		WHERE logical_type = 'ENUM' AND NOT internal AND database_name = current_database() ORDER BY type_oid`, 4,
		func(r []driver.Value) {
			oid := uint32(num(r[2]))
			e.byName[[2]string{str(r[0]), str(r[1])}] = oid
			var labels []string
			if l, ok := r[3].([]any); ok {
				for _, x := range l {
					labels = append(labels, str(x))
				}
			}
			if key := strings.Join(labels, "\x00"); e.byLabels[key] == 0 {
				e.byLabels[key] = oid
			}
		})
	if err != nil {
		d.enumTypes, d.loaded = nil, false // read again next time
	}
	return e
}

func str(v driver.Value) string { s, _ := v.(string); return s }

func num(v driver.Value) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	}
	return 0
}

// tableColumnNames returns a table's column names in order, looked up once per table
// while the cache lives.
func (d *declaredCache) tableColumnNames(ctx context.Context, c *duckdb.Conn, t [2]string) []string {
	if cols, ok := d.columns[t]; ok {
		return cols
	}
	var cols []string
	err := query(ctx, c, "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND lower(schema_name) = lower("+
		lit(t[0])+") AND lower(table_name) = lower("+lit(t[1])+") ORDER BY column_index", 1, func(r []driver.Value) {
		s, _ := r[0].(string)
		cols = append(cols, s)
	})
	if err == nil {
		d.columns[t] = cols
	}
	return cols
}

// columnTarget is the target of the select list a result column comes from: its hint,
// and for a star the column's place among those the star stands for (-1 otherwise).
type columnTarget struct {
	hint *pgsql.ColumnHint
	star int
}

// alignHints pairs n result columns with the targets their hints describe; nil when
// that cannot be known (more than one star).
func alignHints(hints []pgsql.ColumnHint, n int) []columnTarget {
	star := -1
	for i := range hints {
		if s := hints[i].Source; s != nil && s.Column == "" {
			if star >= 0 {
				return nil
			}
			star = i
		}
	}
	width := n - len(hints) + 1
	if star < 0 && len(hints) != n || star >= 0 && width < 0 {
		return nil
	}
	out := make([]columnTarget, n)
	for i := range out {
		switch {
		case star < 0 || i < star:
			out[i] = columnTarget{&hints[i], -1}
		case i < star+width:
			out[i] = columnTarget{&hints[star], i - star}
		default:
			out[i] = columnTarget{&hints[i-width+1], -1}
		}
	}
	return out
}

// pgResultTypes announces p's result columns with PostgreSQL's types where DuckDB's
// cannot tell them (see the top of this file). It runs once p is described, on the
// session's DuckDB connection.
func (ss *session) pgResultTypes(ctx context.Context, c *duckdb.Conn, p *plan) {
	targets := alignHints(p.hints, len(p.cols))
	var d *declaredCache
	for i := range p.cols {
		col := &p.cols[i]
		if col.Oid != oidText && col.Oid != oidJSON {
			continue
		}
		info, err := p.stmt.ColumnTypeInfo(i)
		if err != nil || info == nil {
			continue
		}
		typ := info.InternalType()
		var t columnTarget
		if targets != nil {
			t = targets[i]
		}
		var src *pgsql.ColumnSource
		var hintOID uint32
		var hintMod int32
		if t.hint != nil {
			src, hintOID, hintMod = t.hint.Source, t.hint.OID, t.hint.Mod
			if t.star < 0 && t.hint.Deferred[0] != 0 {
				hintOID, hintMod = uint32(t.hint.Deferred[0]), t.hint.Deferred[1]
			}
		}
		if typ == duckdb.TYPE_VARCHAR && info.Alias() == "" {
			switch {
			case hintOID == pgsql.CharOID:
				col.Oid, p.convs[i] = pgsql.CharOID, toQChar
				continue
			case hintOID == pgsql.BPCharOID:
				// A cast to char(n): blank-padded, as PostgreSQL's.
				col.Oid = pgsql.BPCharOID
				if hintMod > 4 {
					col.Table, p.convs[i] = -hintMod, padChar(int(hintMod-4))
				}
				continue
			case t.hint != nil && t.hint.Deferred[0] != 0 && t.star < 0 && (hintOID == pgsql.NameOID || hintOID == pgsql.VarcharOID):
				// What the session's own loop does for a query without a star.
				col.Oid = hintOID
				if hintMod > 0 && hintOID == pgsql.VarcharOID {
					col.Table = -hintMod
				}
				continue
			case src != nil && src.Catalog && t.star >= 0:
				// A star over the catalog: its columns by name.
				if oid := pgsql.CatalogColumnOID(col.Name); oid != 0 {
					col.Oid = oid
					if oid == pgsql.CharOID {
						p.convs[i] = toQChar
					}
				}
				continue
			}
		}
		if src != nil && !src.Catalog || typ == duckdb.TYPE_ENUM {
			if d == nil {
				d = ss.declared(ctx, c)
			}
		}
		var dt declaredType
		if src != nil && !src.Catalog && len(d.tables) > 0 {
			dt = d.lookup(ctx, c, src, t.star)
		}
		switch {
		case typ == duckdb.TYPE_VARCHAR && info.Alias() == "" && (dt.oid == pgtype.VarcharOID || dt.oid == pgsql.BPCharOID):
			col.Oid = dt.oid
			if dt.typmod > 0 {
				col.Table = -dt.typmod // the typmod's place (wireconn.go)
				if dt.oid == pgsql.BPCharOID {
					p.convs[i] = padChar(int(dt.typmod - 4))
				}
			}
		case typ == duckdb.TYPE_VARCHAR && strings.EqualFold(info.Alias(), "json") && dt.oid == pgtype.JSONBOID:
			col.Oid = dt.oid
		case typ == duckdb.TYPE_VARCHAR && strings.EqualFold(info.Alias(), "json") && hintOID == pgtype.JSONBOID:
			col.Oid = hintOID // a jsonb cast beside a star
		case typ == duckdb.TYPE_ENUM:
			if dt.oid == 0 && t.hint != nil && t.hint.Cast[1] != "" {
				dt.oid = d.enums(ctx, c).byName[t.hint.Cast]
			}
			if dt.oid == 0 {
				if e, ok := info.Details().(*duckdb.EnumDetails); ok {
					dt.oid = d.enums(ctx, c).byLabels[strings.Join(e.Values, "\x00")]
				}
			}
			if dt.oid != 0 {
				col.Oid = dt.oid
			}
		}
	}
}

// lookup returns the declared type of the column src names (for a star, its column
// at place star), zero when there is none.
func (d *declaredCache) lookup(ctx context.Context, c *duckdb.Conn, src *pgsql.ColumnSource, star int) declaredType {
	if src.Column != "" {
		for _, t := range src.Tables {
			if dt, ok := d.tables[lowerKey(t)][strings.ToLower(src.Column)]; ok {
				return dt
			}
		}
		return declaredType{}
	}
	any := false
	for _, t := range src.Tables {
		any = any || len(d.tables[lowerKey(t)]) > 0
	}
	if !any || star < 0 {
		return declaredType{}
	}
	for _, t := range src.Tables {
		cols := d.tableColumnNames(ctx, c, t)
		if star < len(cols) {
			return d.tables[lowerKey(t)][strings.ToLower(cols[star])]
		}
		star -= len(cols)
	}
	return declaredType{}
}

// qchar is a value of PostgreSQL's "char": its text is the byte itself, nothing for
// 0; its binary form the byte.
type qchar byte

// TextValue gives "char"'s text form.
func (q qchar) TextValue() (pgtype.Text, error) {
	if q == 0 {
		return pgtype.Text{String: "", Valid: true}, nil
	}
	return pgtype.Text{String: string([]byte{byte(q)}), Valid: true}, nil
}

// toQChar converts a catalog "char" column's text ("r", "" for none) to "char".
func toQChar(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if s == "" {
		return qchar(0)
	}
	return qchar(s[0])
}

// padChar pads a char(n) column's value with blanks to n characters, as PostgreSQL
// stores it.
func padChar(n int) converter {
	return func(v any) any {
		s, ok := v.(string)
		if !ok {
			return toText(v)
		}
		if l := len([]rune(s)); l < n {
			s += strings.Repeat(" ", n-l)
		}
		return s
	}
}

// lowerKey is a schema and table name as DuckDB compares them (whatever their case).
func lowerKey(t [2]string) [2]string { return [2]string{strings.ToLower(t[0]), strings.ToLower(t[1])} }
