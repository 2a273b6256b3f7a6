package sandbox

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the session's zone is known where the system has no zoneinfo

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The front end rewrites PostgreSQL's formatting functions (pgsql/funcs.go) into calls
// of these Go functions: to_char(x, fmt) into sluice_to_char(x, fmt, typeof(x),
// current_setting('TimeZone')), so that a value is formatted as PostgreSQL formats its
// type (a timestamptz in the session's time zone, an integer as int4 or int8);
// to_date, to_timestamp(text, text) and to_number into sluice_to_date,
// sluice_to_timestamp (with the session's time zone) and sluice_to_number.

// registerToChar adds the formatting functions.
func registerToChar(c *sql.Conn) error {
	info := func(t duckdb.Type) duckdb.TypeInfo {
		ti, err := duckdb.NewTypeInfo(t)
		if err != nil {
			panic(err) // only for types that have no parameters
		}
		return ti
	}
	anyT, text := info(duckdb.TYPE_ANY), info(duckdb.TYPE_VARCHAR)
	dec, err := duckdb.NewDecimalInfo(pgsql.UnboundedPrecision, pgsql.UnboundedScale)
	if err != nil {
		return err
	}
	funcs := []struct {
		name string
		f    tcFunc
	}{
		{pgsql.ToCharFunc, tcFunc{in: []duckdb.TypeInfo{anyT, text, text, text}, out: text, run: runToChar}},
		{pgsql.ToDateFunc, tcFunc{in: []duckdb.TypeInfo{text, text}, out: info(duckdb.TYPE_DATE), run: runToDate}},
		{pgsql.ToTimestampFunc, tcFunc{in: []duckdb.TypeInfo{text, text, text}, out: info(duckdb.TYPE_TIMESTAMP_TZ), run: runToTimestamp}},
		{pgsql.ToNumberFunc, tcFunc{in: []duckdb.TypeInfo{text, text}, out: dec, run: runToNumber}},
	}
	for _, f := range funcs {
		if err := duckdb.RegisterScalarUDF(c, f.name, f.f); err != nil {
			return err
		}
	}
	return nil
}

type tcFunc struct {
	in  []duckdb.TypeInfo
	out duckdb.TypeInfo
	run func([]driver.Value) (any, error)
}

// Config declares the function's inputs and result.
func (f tcFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor runs the function on one row.
func (f tcFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: f.run}
}

var zoneLocations sync.Map // time zone name → *time.Location

// zoneLocation returns the time zone the session names (UTC when Go does not know it).
func zoneLocation(name string) *time.Location {
	if l, ok := zoneLocations.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = time.UTC
	}
	zoneLocations.Store(name, l)
	return l
}

// tcError gives a formatting error the words that carry its SQLSTATE (errors.go).
func tcError(err error) error {
	var dt errDatetime
	var fr errFieldRange
	switch {
	case errors.As(err, &dt):
		return fmt.Errorf("invalid date field format: %s", dt.msg)
	case errors.As(err, &fr):
		return fmt.Errorf("date field value out of range: %s", fr.msg)
	case errors.Is(err, errIntegerRange):
		return fmt.Errorf("integer value is out of range")
	case errors.Is(err, errIntervalField):
		return fmt.Errorf("invalid date field format: %w", err)
	}
	return err
}

// runToChar formats values[0], a value of the DuckDB type values[2], with the template
// values[1]; values[3] is the session's time zone.
func runToChar(values []driver.Value) (any, error) {
	tmpl, _ := values[1].(string)
	typ, _ := values[2].(string)
	tz, _ := values[3].(string)
	var s string
	var err error
	switch x := values[0].(type) {
	case time.Time:
		if tmpl == "" {
			return nil, nil
		}
		loc := zoneLocation(tz)
		switch {
		case typ == "DATE":
			// PostgreSQL formats a date as the timestamptz of its midnight.
			s, err = dtToChar(timeFields(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, loc), true), tmpl)
		case strings.Contains(typ, "WITH TIME ZONE"):
			s, err = dtToChar(timeFields(x.In(loc), true), tmpl)
		default:
			s, err = dtToChar(timeFields(x.UTC(), false), tmpl)
		}
	case duckdb.Interval:
		if tmpl == "" {
			return nil, nil
		}
		s, err = dtToChar(intervalFields(x.Months, x.Days, x.Micros), tmpl)
	case duckdb.Decimal:
		s, err = numToChar(tcDecimal{unscaled: x.Value, scale: int(x.Scale)}, tmpl)
	case int8:
		s, err = numToChar(int32(x), tmpl)
	case int16:
		s, err = numToChar(int32(x), tmpl)
	case int32:
		s, err = numToChar(x, tmpl)
	case int64:
		s, err = numToChar(x, tmpl)
	case uint8:
		s, err = numToChar(int32(x), tmpl)
	case uint16:
		s, err = numToChar(int32(x), tmpl)
	case uint32:
		s, err = numToChar(int64(x), tmpl)
	case uint64:
		s, err = numToChar(new(big.Int).SetUint64(x), tmpl)
	case *big.Int:
		s, err = numToChar(x, tmpl)
	case float64:
		s, err = numToChar(x, tmpl)
	case float32:
		s, err = numToChar(x, tmpl)
	default:
		return nil, fmt.Errorf("function to_char(%s, text) does not exist", strings.ToLower(typ))
	}
	if err != nil {
		return nil, tcError(err)
	}
	return s, nil
}

// runToDate reads a date with a template.
func runToDate(values []driver.Value) (any, error) {
	s, _ := values[0].(string)
	tmpl, _ := values[1].(string)
	p, err := parseDatetime(s, tmpl)
	if err != nil {
		return nil, tcError(err)
	}
	d, err := p.date()
	if err != nil {
		return nil, tcError(err)
	}
	return d, nil
}

// runToTimestamp reads a timestamptz with a template, in the session's time zone
// (values[2]) unless the input gives its offset.
func runToTimestamp(values []driver.Value) (any, error) {
	s, _ := values[0].(string)
	tmpl, _ := values[1].(string)
	tz, _ := values[2].(string)
	p, err := parseDatetime(s, tmpl)
	if err != nil {
		return nil, tcError(err)
	}
	t, err := p.timestamp(zoneLocation(tz))
	if err != nil {
		return nil, tcError(err)
	}
	return t, nil
}

// runToNumber reads a number with a template, as the sandbox's unbounded numeric.
func runToNumber(values []driver.Value) (any, error) {
	s, _ := values[0].(string)
	tmpl, _ := values[1].(string)
	num, err := parseToNumber(s, tmpl)
	if err != nil {
		return nil, tcError(err)
	}
	d, err := pgNumeric(num)
	if err != nil {
		return nil, err
	}
	return d.unbounded()
}
