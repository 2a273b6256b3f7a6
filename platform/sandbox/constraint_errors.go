package sandbox

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"
)

var (
	// decimalConvRE is DuckDB's refusal of a string for a DECIMAL(p,s), as pgMessage
	// leaves it.
	decimalConvRE = regexp.MustCompile(`^Could not convert string "([^"]*)" to DECIMAL\((\d+),(\d+)\)$`)
	numberTextRE  = regexp.MustCompile(`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`)
)

// duplicateKeyRE is DuckDB's unique violation: `Duplicate key "id: 1, b: x" violates
// primary key constraint.`
var duplicateKeyRE = regexp.MustCompile(`^Duplicate key "(.*)" violates (?:primary key|unique) constraint\.?$`)

// duplicateKeyDetail gives a unique violation PostgreSQL's detail, `Key (id, b)=(1, x)
// already exists.`, where DuckDB's key text splits cleanly into column: value pairs.
func duplicateKeyDetail(e *sqlError) {
	m := duplicateKeyRE.FindStringSubmatch(e.msg)
	if e.code != codes.UniqueViolation || e.detail != "" || m == nil {
		return
	}
	var cols, vals []string
	for _, part := range strings.Split(m[1], ", ") {
		c, v, ok := strings.Cut(part, ": ")
		if !ok || c == "" || strings.ContainsAny(c, " :") {
			return
		}
		cols, vals = append(cols, c), append(vals, v)
	}
	e.detail = fmt.Sprintf("Key (%s)=(%s) already exists.", strings.Join(cols, ", "), strings.Join(vals, ", "))
}

// numericOverflow gives a well-formed number DuckDB could not fit into a
// numeric(p,s) PostgreSQL's 22003 and its message and detail; DuckDB words it as it
// words a malformed one (22P02).
func numericOverflow(e *sqlError) {
	duplicateKeyDetail(e)
	if e.code != codes.InvalidTextRepresentation {
		return
	}
	m := decimalConvRE.FindStringSubmatch(e.msg)
	if m == nil || !numberTextRE.MatchString(m[1]) {
		return
	}
	p, _ := strconv.Atoi(m[2])
	s, _ := strconv.Atoi(m[3])
	e.code, e.msg = codes.NumericValueOutOfRange, "numeric field overflow"
	if p > s {
		e.detail = fmt.Sprintf("A field with precision %d, scale %d must round to an absolute value less than 10^%d.", p, s, p-s)
	} else {
		e.detail = fmt.Sprintf("A field with precision %d, scale %d must round to an absolute value less than 1.", p, s)
	}
}
