package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// QuoteIdent quotes s as PostgreSQL's quote_ident does: unless it is lower-case
// letters, digits and underscores not starting with a digit, and no keyword but an
// unreserved one.
func QuoteIdent(s string) string {
	plain := s != ""
	for i, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		if res, err := pg.Scan(s); err == nil && len(res.Tokens) == 1 &&
			res.Tokens[0].KeywordKind != pg.KeywordKind_NO_KEYWORD && res.Tokens[0].KeywordKind != pg.KeywordKind_UNRESERVED_KEYWORD {
			plain = false
		}
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ByteaInput reads PostgreSQL's bytea input forms (hex and escape), as decode(s,
// 'escape') and casts to bytea do.
func ByteaInput(s string) ([]byte, error) { return byteaInput(s) }
