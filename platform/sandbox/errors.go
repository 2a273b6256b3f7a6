package sandbox

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"
)

// sqlError is a PostgreSQL-style error: SQLSTATE, message, hint and the 1-based
// character position in the client's SQL (0 when unknown).
type sqlError struct {
	code     codes.Code
	msg      string
	hint     string
	detail   string
	position int
}

// Error returns the message.
func (e *sqlError) Error() string { return e.msg }

// wireError turns e into the error psql-wire writes (code, severity, hint, detail).
func (e *sqlError) wireError() error {
	var err error = errors.New(e.msg)
	err = psqlerr.WithCode(err, e.code)
	if e.hint != "" {
		err = psqlerr.WithHint(err, e.hint)
	}
	if e.detail != "" {
		err = psqlerr.WithDetail(err, e.detail)
	}
	return psqlerr.WithSeverity(err, psqlerr.LevelError)
}

var (
	lineRE       = regexp.MustCompile(`(?m)^LINE (\d+): (.*)\n( *)\^`)
	didYouMeanRE = regexp.MustCompile(`(?s)\n\s*(Did you mean[^\n]*)`)
	candidatesRE = regexp.MustCompile(`(?s)\n\s*(Candidate [^\n]*(?:\n\t[^\n]*)*)`)
)

// translate maps an error from DuckDB (or the context) to a PostgreSQL error whose
// position is relative to sql, the statement DuckDB saw, shifted by offset characters
// (where that statement starts in the client's query string).
func translate(ctx context.Context, err error, sql string, offset int) *sqlError {
	var se *sqlError
	if errors.As(err, &se) {
		return se
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return &sqlError{code: codes.QueryCanceled, msg: "canceling statement due to user request"}
	}
	msg := err.Error()
	e := &sqlError{code: codes.Internal}
	var de *duckdb.Error
	if errors.As(err, &de) {
		msg = de.Msg
		e.code = sqlstate(de.Type, msg)
	} else if strings.Contains(msg, "INTERRUPT") || strings.Contains(msg, "Interrupted") {
		e.code = codes.QueryCanceled
	} else if c, ok := sqlstateByMessage(strings.ToLower(msg)); ok {
		e.code = c
	} else {
		e.code = codes.DataException
	}
	if m := lineRE.FindStringSubmatchIndex(msg); m != nil {
		lineNo, _ := strconv.Atoi(msg[m[2]:m[3]])
		shown := msg[m[4]:m[5]]
		caret := m[7] - m[6] - len("LINE : ") - (m[3] - m[2])
		e.position = findPosition(sql, lineNo, shown, caret)
		if e.position > 0 {
			e.position += offset
		}
		msg = msg[:m[0]] + msg[m[1]:]
	}
	if m := didYouMeanRE.FindStringSubmatch(msg); m != nil {
		e.hint = strings.TrimSpace(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
	}
	if m := candidatesRE.FindStringSubmatch(msg); m != nil {
		e.detail = strings.TrimSpace(m[1])
		msg = strings.Replace(msg, m[0], "", 1)
	}
	e.msg = pgMessage(strings.TrimSpace(msg))
	if e.position == 0 {
		// DuckDB showed a statement the front end rewrote: point at the name the
		// message is about, where the client wrote it.
		if m := namedObjectRE.FindStringSubmatch(e.msg); m != nil {
			if at := namePosition(sql, m[1]); at > 0 {
				e.position = at + offset
			}
		}
	}
	numericOverflow(e) // constraint_errors.go
	caseHint(e)        // errors_text.go
	unitError(e, sql)  // errors_text.go
	return e
}

var namedObjectRE = regexp.MustCompile(`^(?:column|relation) "([^"]+)" does not exist$`)

// namePosition is the 1-based character position of the first occurrence of name in
// sql as a whole word (unquoted, any case, or quoted exactly), or 0.
func namePosition(sql, name string) int {
	isWord := func(r rune) bool { return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	rs, want := []rune(sql), []rune(name)
	quoted := []rune(`"` + name + `"`)
	for i := 0; i+len(want) <= len(rs); i++ {
		if i > 0 && isWord(rs[i-1]) {
			continue
		}
		if i+len(quoted) <= len(rs) && string(rs[i:i+len(quoted)]) == string(quoted) {
			return i + 1
		}
		end := i + len(want)
		if strings.EqualFold(string(rs[i:end]), name) && (end == len(rs) || !isWord(rs[end])) {
			return i + 1
		}
	}
	return 0
}

var (
	errPrefixRE   = regexp.MustCompile(`^[A-Z][A-Za-z ]* Error: `)
	missingTable  = regexp.MustCompile(`^Table with name ([^ ]+) does not exist!?`)
	missingColumn = regexp.MustCompile(`^Referenced column "?([^" ]+)"? not found in FROM clause!?`)
)

// pgMessage drops DuckDB's "<Kind> Error: " prefix and words the most common messages
// the way PostgreSQL does, so clients that match on them keep working.
func pgMessage(msg string) string {
	msg = errPrefixRE.ReplaceAllString(msg, "")
	msg = strings.TrimPrefix(msg, "database/sql/driver: API error: ") // a Go function's error
	if m := missingTable.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("relation %q does not exist", m[1])
	}
	if m := missingColumn.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("column %q does not exist", m[1])
	}
	return pgMessageMore(msg) // errors_text.go
}

// findPosition locates DuckDB's caret in sql: shown is the (possibly "..."-trimmed)
// line DuckDB printed, caret the caret's column within it. It returns a 1-based
// character position in sql, or 0.
func findPosition(sql string, lineNo int, shown string, caret int) int {
	lines := strings.SplitAfter(sql, "\n")
	if lineNo < 1 || lineNo > len(lines) {
		return 0
	}
	start := 0
	for _, l := range lines[:lineNo-1] {
		start += len([]rune(l))
	}
	line := []rune(strings.TrimRight(lines[lineNo-1], "\r\n"))
	frag := []rune(shown)
	lead := 0
	if strings.HasPrefix(shown, "...") {
		frag, lead = frag[3:], 3
	}
	frag = []rune(strings.TrimSuffix(string(frag), "..."))
	idx := strings.Index(string(line), string(frag))
	if idx < 0 {
		return 0
	}
	col := len([]rune(string(line)[:idx])) + caret - lead
	if col < 0 || col > len(line) {
		return 0
	}
	return start + col + 1
}

// messageCodes are DuckDB messages (lower case, a prefix or a part) whose SQLSTATE does
// not follow from DuckDB's error type.
var messageCodes = []struct {
	part string
	code codes.Code
}{
	{"invalid input syntax for type numeric", codes.InvalidTextRepresentation}, // to_number's, inside a date message
	{"value out of range: overflow", codes.NumericValueOutOfRange},             // floaterr.go
	{"value out of range: underflow", codes.NumericValueOutOfRange},
	{"zero raised to a negative power is undefined", codes.InvalidArgumentForPowerFunction},
	{"raised to a non-integer power yields a complex result", codes.InvalidArgumentForPowerFunction},
	{"field position must not be zero", codes.InvalidParameterValue}, // split_part
	{"step size cannot equal zero", codes.InvalidParameterValue},     // generate_series
	{"requested length too large", codes.ProgramLimitExceeded},       // repeat, lpad, rpad
	{"negative substring length not allowed", codes.Substring},
	{"null character not permitted", codes.ProgramLimitExceeded}, // chr(0)
	{"requested character too large for encoding", codes.ProgramLimitExceeded},
	{"requested character not valid for encoding", codes.ProgramLimitExceeded},
	{"character number must be positive", codes.InvalidParameterValue},
	{"invalid byte sequence for encoding", codes.CharacterNotInRepertoire},
	{"pg_verifymbstr", codes.CharacterNotInRepertoire}, // E'\xff': DuckDB's parser checks no encoding
	{"unrecognized encoding", codes.InvalidParameterValue},
	{"invalid hexadecimal", codes.InvalidParameterValue},
	{"invalid base64", codes.InvalidParameterValue},
	{"count must be greater than zero", codes.InvalidArgumentForWidthBucketFunction}, // width_bucket
	{"unknown timezone", codes.InvalidParameterValue},
	{"invalid regular expression", codes.InvalidRegularExpression},
	{"error parsing regexp", codes.InvalidRegularExpression},
	{"more than one row returned by a subquery", codes.CardinalityViolation},
	{"on conflict do update command cannot affect row a second time", codes.CardinalityViolation}, // upsert.go
	{"the sandbox cannot upsert several rows", codes.FeatureNotSupported},
	{`format: "date out of range: `, codes.DatetimeFieldOverflow}, // pgsql/dtinput_era.go
	{`format: "timestamp out of range: `, codes.DatetimeFieldOverflow},
	{`format: "date/time field value out of range: `, codes.DatetimeFieldOverflow},
	{"date field value out of range", codes.DatetimeFieldOverflow}, // make_date of year 0
	{"date out of range: ", codes.DatetimeFieldOverflow},           // make_date(2023, 2, 29)
	{"invalid date field format", codes.InvalidDatetimeFormat},
	{"invalid timestamp field format", codes.InvalidDatetimeFormat},
	{"invalid time field format", codes.InvalidDatetimeFormat},
	{"extract specifier", codes.InvalidDatetimeFormat}, // a bad interval unit
	{"' to interval", codes.InvalidDatetimeFormat},     // PostgreSQL's interval input says 22007
	{"value is out of range", codes.NumericValueOutOfRange},
	{"value too long for type character", codes.StringDataRightTruncation},
	{`relation "`, codes.UndefinedTable}, // a reg* cast of a name nothing has
	{"cannot take square root of a negative number", codes.InvalidArgumentForPowerFunction},
	{"cannot take logarithm of", codes.InvalidArgumentForLogarithm},
	{"does not have a column named", codes.UndefinedColumn},
	{"format() type specifier", codes.InvalidParameterValue}, // format.go
	{"arguments for format()", codes.InvalidParameterValue},
	{"format specifies argument 0", codes.InvalidParameterValue},
	{"null values cannot be formatted as an sql identifier", codes.NullValueNotAllowed},
	{"does not have a column with name", codes.UndefinedColumn},
	{"unsupported unicode escape sequence", codes.UntranslatableCharacter}, // jsonb.go
	{"invalid input syntax for type json", codes.InvalidTextRepresentation},
	{"value overflows numeric format", codes.NumericValueOutOfRange},
	{"stack depth limit exceeded", codes.StatementTooComplex},
	{"sample sample_size", "2202H"},                         // TABLESAMPLE's percentage (pgsql/sample.go)
	{"unrecognized sampling method", codes.UndefinedObject}, // TABLESAMPLE nosuch (…)
}

func sqlstateByMessage(low string) (codes.Code, bool) {
	if strings.Contains(low, "column with name") && strings.Contains(low, "already exists") {
		return codes.DuplicateColumn, true // errors_text.go: caseHint
	}
	for _, m := range messageCodes {
		if strings.Contains(low, m.part) {
			return m.code, true
		}
	}
	if regexpError(low) {
		return codes.InvalidRegularExpression, true
	}
	return "", false
}

// sqlstate picks the SQLSTATE for a DuckDB error.
func sqlstate(t duckdb.ErrorType, msg string) codes.Code {
	low := strings.ToLower(msg)
	if c, ok := sqlstateByMessage(low); ok {
		return c
	}
	switch t {
	case duckdb.ErrorTypeCatalog:
		switch {
		case strings.Contains(low, "table with name") || strings.Contains(low, "view with name") ||
			strings.Contains(low, "table or view") || strings.Contains(low, "schema with name"):
			if strings.Contains(low, "already exists") {
				return codes.DuplicateRelation
			}
			if strings.Contains(low, "schema with name") {
				return codes.InvalidSchemaName
			}
			return codes.UndefinedTable
		case strings.Contains(low, "function") || strings.Contains(low, "macro"):
			return codes.UndefinedFunction
		case strings.Contains(low, "already exists"):
			return codes.DuplicateObject
		case strings.Contains(low, "column"):
			return codes.UndefinedColumn
		}
		return codes.UndefinedObject
	case duckdb.ErrorTypeBinder:
		switch {
		case strings.Contains(low, "referenced column") || strings.Contains(low, "column") && strings.Contains(low, "not found"):
			return codes.UndefinedColumn
		case strings.Contains(low, "table") && strings.Contains(low, "does not exist"):
			return codes.UndefinedTable
		case strings.Contains(low, "no function matches") || strings.Contains(low, "scalar function"):
			return codes.UndefinedFunction
		case strings.Contains(low, "group by"):
			return codes.Grouping
		case strings.Contains(low, "ambiguous"):
			return codes.AmbiguousColumn
		}
		return codes.Syntax
	case duckdb.ErrorTypeParser, duckdb.ErrorTypeSyntax:
		return codes.Syntax
	case duckdb.ErrorTypeConstraint:
		switch {
		case strings.Contains(low, "not null"):
			return codes.NotNullViolation
		case strings.Contains(low, "foreign key"):
			return codes.ForeignKeyViolation
		case strings.Contains(low, "check constraint"):
			return codes.CheckViolation
		case strings.Contains(low, "duplicate key") || strings.Contains(low, "unique") || strings.Contains(low, "primary key"):
			return codes.UniqueViolation
		}
		return codes.IntegrityConstraintViolation
	case duckdb.ErrorTypeConversion, duckdb.ErrorTypeInvalidInput:
		switch {
		case strings.Contains(low, "out of range for the destination type"):
			return codes.NumericValueOutOfRange
		case strings.Contains(low, "date field value out of range"), strings.Contains(low, "timestamp field value out of range"):
			return codes.DatetimeFieldOverflow
		}
		if strings.Contains(low, "division by zero") { // raised by the front end's checked division
			return codes.DivisionByZero
		}
		return codes.InvalidTextRepresentation
	case duckdb.ErrorTypeMismatchType, duckdb.ErrorTypeInvalidType:
		return codes.DatatypeMismatch
	case duckdb.ErrorTypeOutOfRange:
		return codes.NumericValueOutOfRange
	case duckdb.ErrorTypeDivideByZero:
		return codes.DivisionByZero
	case duckdb.ErrorTypeTransaction:
		if strings.Contains(low, "aborted") {
			return codes.InFailedSQLTransaction
		}
		if strings.Contains(low, "conflict") {
			return codes.SerializationFailure
		}
		return codes.ActiveSQLTransaction
	case duckdb.ErrorTypeInterrupt:
		return codes.QueryCanceled
	case duckdb.ErrorTypeNotImplemented:
		return codes.FeatureNotSupported
	case duckdb.ErrorTypeParameterNotResolved, duckdb.ErrorTypeParameterNotAllowed:
		return codes.IndeterminateDatatype
	case duckdb.ErrorTypeIO:
		return codes.Io
	case duckdb.ErrorTypePermission:
		return codes.InsufficientPrivilege
	case duckdb.ErrorTypeOutOfMemory:
		return codes.OutOfMemory
	case duckdb.ErrorTypeDependency:
		return codes.DependentObjectsStillExist
	case duckdb.ErrorTypeSequence:
		return codes.SequenceGeneratorLimitExceeded
	}
	return codes.Internal
}
