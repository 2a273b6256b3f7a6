package sandbox

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
)

// PostgreSQL's int2vector and oidvector: the catalog's index and function columns
// (pg_index.indkey, indclass…) that clients read as text, numbers separated by spaces
// ("1 2"), and that SQLAlchemy 2 splits itself. The catalog views hold them as lists,
// so queries can use ANY and subscripts; a result column of that name and a list type
// is sent as the vector type, in its text form.
const (
	oidInt2Vector = 22
	oidOIDVector  = 30
)

var vectorColumnTypes = map[string]uint32{
	"indkey": oidInt2Vector, "indoption": oidInt2Vector, "tgattr": oidInt2Vector, "stxkeys": oidInt2Vector,
	"indclass": oidOIDVector, "indcollation": oidOIDVector, "proargtypes": oidOIDVector,
}

// vectorColumns gives the columns that are catalog vectors their vector type.
func vectorColumns(cols wire.Columns, convs []converter) {
	for i, c := range cols {
		vt, ok := vectorColumnTypes[c.Name]
		if !ok {
			continue
		}
		switch c.Oid {
		case pgtype.Int2ArrayOID, pgtype.Int4ArrayOID, pgtype.Int8ArrayOID:
			cols[i].Oid, convs[i] = vt, vectorText
		}
	}
}

// vectorText writes a list of integers as a vector's text.
func vectorText(v any) any {
	list, ok := v.([]any)
	if !ok {
		return fmt.Sprint(v)
	}
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, " ")
}

// registerVectors lets a connection's type map encode the vector types as text.
func registerVectors(m *pgtype.Map) {
	m.RegisterType(&pgtype.Type{Name: "int2vector", OID: oidInt2Vector, Codec: pgtype.TextCodec{}})
	m.RegisterType(&pgtype.Type{Name: "oidvector", OID: oidOIDVector, Codec: pgtype.TextCodec{}})
}

// pgArrayToList rewrites PostgreSQL's array text ({a,"b c",NULL}, nested {{1},{2}}) as
// DuckDB's list text ([a,"b c",NULL]), which DuckDB casts to a list: the braces outside
// quoted elements become brackets; elements keep their quotes and backslash escapes.
func pgArrayToList(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "{") {
		return s
	}
	b := []byte(t)
	quoted := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '{':
			b[i] = '['
		case !quoted && c == '}':
			b[i] = ']'
		}
	}
	return string(b)
}
