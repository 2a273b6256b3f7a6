package sandbox

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/jeroenrinzema/psql-wire/codes"
)

var (
	// decimalConvRE is DuckDB's refusal of a string for a DECIMAL(p,s), as pgMessage
	// leaves it.
	decimalConvRE = regexp.MustCompile(`^Could not convert string "([^"]*)" to DECIMAL\((\d+),(\d+)\)$`)
	numberTextRE  = regexp.MustCompile(`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`)
)

// numericOverflow gives a well-formed number DuckDB could not fit into a
// numeric(p,s) PostgreSQL's 22003 and its message and detail; DuckDB words it as it
// words a malformed one (22P02).
func numericOverflow(e *sqlError) {
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
