package sandbox

import (
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"
)

// PostgreSQL's words for errors DuckDB (and RE2) word otherwise: clients and users
// match on them.

var (
	missingTypeRE   = regexp.MustCompile(`^Type with name "?([^" ]+)"? does not exist!?$`)
	unknownUnitRE   = regexp.MustCompile(`^extract specifier "([^"]*)" not recognized`)
	unknownZoneRE   = regexp.MustCompile(`^Unknown TimeZone '([^']*)'!?`)
	intOverflowRE   = regexp.MustCompile(`^Overflow in (?:addition|subtraction|multiplication|division|negation) of (INT16|INT32|INT64)\b`)
	intOverflowName = map[string]string{"INT16": "smallint", "INT32": "integer", "INT64": "bigint"}
	// RE2's messages for a pattern it cannot compile (DuckDB's regexp functions, ~).
	re2Errors = []string{"missing ): ", "missing ]: ", "unexpected ): ", "invalid character class",
		"invalid escape sequence", "trailing \\", "bad repetition operator", "invalid repetition size",
		"invalid perl operator", "invalid named capture group", "missing argument to repetition operator",
		"no argument for repetition operator", "bad character class range"}
)

// regexpError reports whether low (a message in lower case) is RE2's refusal of a
// pattern.
func regexpError(low string) bool {
	for _, p := range re2Errors {
		if strings.HasPrefix(low, p) || strings.Contains(low, "error: "+p) {
			return true
		}
	}
	return false
}

// pgMessageMore words time zone, integer overflow, encoding and regular expression
// errors as PostgreSQL does.
func pgMessageMore(msg string) string {
	if m := unknownZoneRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("time zone %q not recognized", m[1])
	}
	if m := missingTypeRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("type %q does not exist", m[1])
	}
	if m := intOverflowRE.FindStringSubmatch(msg); m != nil {
		return intOverflowName[m[1]] + " out of range"
	}
	if strings.Contains(msg, "pg_verifymbstr") {
		return `invalid byte sequence for encoding "UTF8"`
	}
	if low := strings.ToLower(msg); regexpError(low) && !strings.Contains(low, "invalid regular expression") {
		return "invalid regular expression: " + msg
	}
	return msg
}

// caseHint says, for an object DuckDB finds already there, that DuckDB compares names
// regardless of case: "A" and a, "T" and t are one name in the sandbox.
func caseHint(e *sqlError) {
	if e.hint != "" || !strings.HasSuffix(strings.TrimSuffix(e.msg, "!"), "already exists") {
		return
	}
	if strings.HasPrefix(e.msg, "Column with name ") || strings.HasPrefix(e.msg, "Table with name ") ||
		strings.HasPrefix(e.msg, "View with name ") {
		e.hint = "The sandbox (DuckDB) compares names regardless of case: two names that differ only in case cannot exist side by side."
	}
}

// recoverStatement turns a panic while a statement is prepared (in the front end's
// rewrites) into that statement's error, XX000, and logs it: every session is served
// by one process, which the panic would stop.
func recoverStatement(sql string, err *error) {
	if p := recover(); p != nil {
		slog.Error("sandbox: panic while preparing a statement", "sql", sql, "panic", p, "stack", string(debug.Stack()))
		*err = &sqlError{code: codes.Internal, msg: fmt.Sprintf("internal error in the sandbox's SQL front end: %v", p)}
	}
}

// unitError gives an unknown unit of date_trunc, date_part or extract PostgreSQL's
// 22023: DuckDB's message is the one an unknown interval unit ('1 fortnight') has,
// which is 22007, so the statement must name the unit as such a function's first
// argument.
func unitError(e *sqlError, sql string) {
	m := unknownUnitRE.FindStringSubmatch(e.msg)
	if m == nil {
		return
	}
	re, err := regexp.Compile(`(?i)\b(?:date_trunc|date_part|datetrunc|datepart|extract)\s*\(\s*['"]?` + regexp.QuoteMeta(m[1]) + `['"\s]`)
	if err != nil || !re.MatchString(sql) {
		return
	}
	e.code = codes.InvalidParameterValue
	e.msg = fmt.Sprintf("unit %q not recognized", m[1])
}
