package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// numericParamFits refuses a numeric parameter with more decimals (trailing zeros
// aside, exponents applied) or integer digits than the sandbox's unbounded numeric
// keeps (DECIMAL(38,12)), which DuckDB would round. PostgreSQL keeps such a value
// whole; the sandbox says so (22003) rather than store another one.
func numericParamFits(v any) error {
	var digits string
	switch x := v.(type) {
	case pgtype.Numeric:
		if !x.Valid || x.NaN || x.InfinityModifier != pgtype.Finite {
			return nil
		}
		digits = numericText(x.Int, x.Exp)
		if x.Int.Sign() < 0 {
			digits = "-" + digits
		}
	case string:
		digits = x
	default:
		return nil
	}
	d, err := parseNumeric(digits)
	if err != nil {
		return nil // NaN, Infinity, bad text: DuckDB's cast refuses them itself
	}
	_, err = d.unbounded()
	return err
}

// numericText writes i·10^exp in plain decimal notation.
func numericText(i *big.Int, exp int32) string {
	s := new(big.Int).Abs(i).String()
	if exp >= 0 {
		return s + strings.Repeat("0", int(exp))
	}
	scale := int(-exp)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	return s[:len(s)-scale] + "." + s[len(s)-scale:]
}

// wideCache keeps, per table, the columns refuseWideDecimals looked up, for as long
// as no statement that may change the catalog ran (Server.catalogGen): a bulk load
// sending one INSERT per row looks its table up once.
type wideCache struct {
	gen    int64
	tables map[string]wideColumns
}

type wideColumns struct{ names, types []string }

// catalogMayChange counts a statement other than a query or a change of rows, whose
// tag is tag, as one that may change the catalog (DDL, COMMIT, ROLLBACK…).
func (ss *session) catalogMayChange(tag string) {
	switch tag {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "COPY", "FETCH", "MOVE", "SHOW", "SET", "BEGIN", "START TRANSACTION":
		return
	}
	ss.srv.catalogGen.Add(1)
}

// tableColumns returns the names and DuckDB types of a table's columns (schema ""
// is main), looked up once per table until the catalog may have changed.
func (ss *session) tableColumns(ctx context.Context, schema, table string) wideColumns {
	return ss.tableColumnsOn(ctx, nil, schema, table)
}

// tableColumnsOn is tableColumns looking the table up on c, the session's DuckDB
// connection when it is held already (in ss.raw), or on ss.conn when c is nil.
func (ss *session) tableColumnsOn(ctx context.Context, c *duckdb.Conn, schema, table string) wideColumns {
	if schema == "" {
		schema = "main"
	}
	key := schema + "." + table
	if gen := ss.srv.catalogGen.Load(); ss.wide.gen != gen || ss.wide.tables == nil {
		ss.wide = wideCache{gen: gen, tables: map[string]wideColumns{}}
	}
	cols, ok := ss.wide.tables[key]
	if ok {
		return cols
	}
	const q = `SELECT column_name, data_type FROM duckdb_columns()
		WHERE table_name = ? AND schema_name = ? AND NOT internal ORDER BY column_index`
	if c != nil {
		rows, err := c.QueryContext(ctx, q, []driver.NamedValue{{Ordinal: 1, Value: table}, {Ordinal: 2, Value: schema}})
		if err != nil {
			return cols
		}
		dst := make([]driver.Value, 2)
		for rows.Next(dst) == nil {
			n, _ := dst[0].(string)
			t, _ := dst[1].(string)
			cols.names, cols.types = append(cols.names, n), append(cols.types, t)
		}
		rows.Close()
	} else {
		rows, err := ss.conn.QueryContext(ctx, q, table, schema)
		if err != nil {
			return cols // the statement itself reports what is wrong
		}
		for rows.Next() {
			var n, t string
			if rows.Scan(&n, &t) != nil {
				break
			}
			cols.names, cols.types = append(cols.names, n), append(cols.types, t)
		}
		rows.Close()
	}
	ss.wide.tables[key] = cols
	return cols
}

// unboundedType is the DuckDB type numeric without precision becomes.
var unboundedType = fmt.Sprintf("DECIMAL(%d,%d)", pgsql.UnboundedPrecision, pgsql.UnboundedScale)

// isUnbounded reports whether column name of cols is an unbounded numeric.
func (cols wideColumns) isUnbounded(name string) bool { return cols.typeOf(name) == unboundedType }

// typeOf returns the DuckDB type of column name of cols, "" when there is none.
func (cols wideColumns) typeOf(name string) string {
	for i, n := range cols.names {
		if strings.EqualFold(n, name) {
			return cols.types[i]
		}
	}
	return ""
}

// numericKind says whether a column of DuckDB type typ holds unbounded numeric.
func numericKind(typ string) pgsql.NumericKind {
	switch typ {
	case unboundedType:
		return pgsql.NumericValue
	case unboundedType + "[]":
		return pgsql.NumericArray
	}
	return pgsql.NotNumeric
}

// refuseWideDecimals refuses (22003) an INSERT or UPDATE that writes a literal with
// more decimals than the sandbox's unbounded numeric keeps into such a column, which
// DuckDB would round silently. PostgreSQL stores the value whole.
func (ss *session) refuseWideDecimals(ctx context.Context, w *pgsql.WideDecimals) error {
	cols := ss.tableColumns(ctx, w.Schema, w.Table)
	refuse := func(col string) error {
		return &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf(
			"a value for column %q has more decimals than the sandbox's numeric keeps (%d)", col, pgsql.UnboundedScale)}
	}
	for _, p := range w.Positions {
		if p < len(cols.types) && cols.types[p] == unboundedType {
			return refuse(cols.names[p])
		}
	}
	for _, c := range w.Columns {
		if cols.isUnbounded(c) {
			return refuse(c)
		}
	}
	return nil
}

// wrapNumericTargets rewrites p's DuckDB statement, an INSERT or UPDATE writing
// expressions or a query's rows, so that what it writes into an unbounded numeric
// column goes through the checked conversion (pgsql.WrapNumeric, numericfunc.go)
// instead of DuckDB's cast, which rounds to 12 decimals silently.
func (ss *session) wrapNumericTargets(ctx context.Context, t *pgsql.NumericTargets, p *plan) error {
	cols := ss.tableColumns(ctx, t.Schema, t.Table)
	var kinds []pgsql.NumericKind
	some := false
	fed := func(i int) bool { return t.Fed == nil || i < len(t.Fed) && t.Fed[i] }
	if t.Columns == nil {
		for i, typ := range cols.types {
			k := pgsql.NotNumeric
			if fed(i) {
				k = numericKind(typ)
			}
			kinds, some = append(kinds, k), some || k != pgsql.NotNumeric
		}
	} else {
		for i, c := range t.Columns {
			k := pgsql.NotNumeric
			if fed(i) {
				k = numericKind(cols.typeOf(c))
			}
			kinds, some = append(kinds, k), some || k != pgsql.NotNumeric
		}
	}
	var setKinds []pgsql.NumericKind
	for i, c := range t.SetColumns {
		k := pgsql.NotNumeric
		if i < len(t.SetFed) && t.SetFed[i] {
			k = numericKind(cols.typeOf(c))
		}
		setKinds, some = append(setKinds, k), some || k != pgsql.NotNumeric
	}
	if !some {
		return nil
	}
	sql, ok, err := pgsql.WrapNumeric(p.duck, kinds, setKinds, func(query string) ([]bool, error) {
		var rounds []bool
		err := ss.raw(func(c *duckdb.Conn) error {
			st, err := c.PrepareContext(ctx, query)
			if err != nil {
				return err
			}
			defer st.Close()
			ds, ok := st.(*duckdb.Stmt)
			if !ok {
				return fmt.Errorf("sandbox: unexpected statement %T", st)
			}
			n, err := ds.ColumnCount()
			if err != nil {
				return err
			}
			for i := 0; i < n; i++ {
				info, err := ds.ColumnTypeInfo(i)
				rounds = append(rounds, err != nil || mayRound(info))
			}
			return nil
		})
		return rounds, err
	})
	if err != nil {
		return nil // the statement itself reports what is wrong with its query
	}
	if ok {
		p.duck = sql
	}
	return nil
}

// mayRound reports whether DuckDB's cast of a value of type info to the unbounded
// numeric's DECIMAL(38,12) may round it: anything but integers and decimals that fit.
func mayRound(info duckdb.TypeInfo) bool {
	switch info.InternalType() {
	case duckdb.TYPE_TINYINT, duckdb.TYPE_SMALLINT, duckdb.TYPE_INTEGER, duckdb.TYPE_BIGINT,
		duckdb.TYPE_UTINYINT, duckdb.TYPE_USMALLINT, duckdb.TYPE_UINTEGER, duckdb.TYPE_UBIGINT,
		duckdb.TYPE_BOOLEAN, duckdb.TYPE_SQLNULL:
		return false
	case duckdb.TYPE_LIST:
		d, ok := info.Details().(*duckdb.ListDetails)
		return !ok || d.Child == nil || mayRound(d.Child)
	case duckdb.TYPE_DECIMAL:
		d, ok := info.Details().(*duckdb.DecimalDetails)
		return !ok || d.Scale > pgsql.UnboundedScale || int(d.Width)-int(d.Scale) > pgsql.UnboundedPrecision-pgsql.UnboundedScale
	}
	return true
}

// copyNumeric returns, when the table a COPY FROM STDIN loads has unbounded numeric
// (or numeric[]) columns among its targets, the INSERT that loads the CSV file the session wrote
// (copyIn) instead of COPY: DuckDB's CSV reader would round their values to 12
// decimals silently, so they are read as text and go through the checked conversion
// (numericfunc.go), the others as text cast to their column's type as COPY casts.
func (ss *session) copyNumeric(ctx context.Context, spec *copySpec, file string) (string, bool) {
	if ss.srv.noFrontEnd {
		return "", false // the benchmarks' unchecked path
	}
	schema, table := splitCopyTable(spec.table)
	if schema == "public" {
		schema = "main"
	}
	cols := ss.tableColumns(ctx, schema, table)
	targets := spec.columns
	if len(targets) == 0 {
		for _, n := range cols.names {
			targets = append(targets, quoteName(n))
		}
	}
	some := false
	var sel, types []string
	for i, c := range targets {
		name := fmt.Sprintf("c%d", i+1)
		types = append(types, fmt.Sprintf("'%s': 'VARCHAR'", name))
		switch numericKind(cols.typeOf(unquoteName(c))) {
		case pgsql.NumericValue:
			name, some = pgsql.NumericFunc+"("+name+")", true
		case pgsql.NumericArray:
			// The elements as text, each through the checked conversion; other
			// arrays are cast from their text as COPY casts them.
			name, some = fmt.Sprintf("list_transform(CAST(%s AS VARCHAR[]), sluice_e -> %s(sluice_e))", name, pgsql.NumericFunc), true
		}
		sel = append(sel, name)
	}
	if !some {
		return "", false
	}
	args := []string{"header = false", "delim = ','", `quote = '"'`, `escape = '"'`, "nullstr = ''"}
	if spec.csv {
		esc := spec.escape
		if esc == "" {
			esc = spec.quote
		}
		args = []string{"header = " + strconv.FormatBool(spec.header), "delim = " + lit(spec.delim),
			"quote = " + lit(spec.quote), "escape = " + lit(esc), "nullstr = " + lit(spec.null)}
	}
	args = append(args, "columns = {"+strings.Join(types, ", ")+"}", "auto_detect = false", "allow_quoted_nulls = false")
	name := quoteName(table)
	if schema != "" {
		name = quoteName(schema) + "." + name
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM read_csv(%s, %s)", name, strings.Join(targets, ", "),
		strings.Join(sel, ", "), lit(file), strings.Join(args, ", ")), true
}

// quoteName quotes a name for SQL.
func quoteName(n string) string { return `"` + strings.ReplaceAll(n, `"`, `""`) + `"` }
