package sandbox

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// PostgreSQL's aggregates' and date functions' companions DuckDB lacks: width_bucket,
// num_nulls, clock_timestamp, timeofday, justify_*, make_interval, the array shape
// functions, record text and pg_size_pretty.
func init() {
	addPGFunc("width_bucket", &pgFunc{in: []duckdb.Type{tFloat, tFloat, tFloat, tInt}, out: tInt, fn: func(a []driver.Value) (any, error) {
		op, _ := a[0].(float64)
		lo, _ := a[1].(float64)
		hi, _ := a[2].(float64)
		n, _ := argInt(a[3])
		if n <= 0 {
			return nil, errors.New("count must be greater than zero")
		}
		if lo == hi {
			return nil, errors.New("lower bound cannot equal upper bound")
		}
		if math.IsNaN(op) || math.IsNaN(lo) || math.IsNaN(hi) {
			return nil, errors.New("operand, lower bound, and upper bound cannot be NaN")
		}
		var b int64
		if lo < hi {
			switch {
			case op < lo:
				b = 0
			case op >= hi:
				b = n + 1
			default:
				b = int64(float64(n)*((op-lo)/(hi-lo))) + 1
			}
		} else {
			switch {
			case op > lo:
				b = 0
			case op <= hi:
				b = n + 1
			default:
				b = int64(float64(n)*((lo-op)/(lo-hi))) + 1
			}
		}
		return int32(b), nil
	}})
	for _, nulls := range []bool{false, true} {
		name := "num_nonnulls"
		if nulls {
			name = "num_nulls"
		}
		addPGFunc(name, &pgFunc{variadic: tAny, out: tInt, nulls: true, fn: func(a []driver.Value) (any, error) {
			n := int32(0)
			for _, v := range a {
				if (v == nil) == nulls {
					n++
				}
			}
			return n, nil
		}})
	}
	addPGFunc("clock_timestamp", &pgFunc{out: duckdb.TYPE_TIMESTAMP_TZ, volatile: true, fn: func([]driver.Value) (any, error) {
		return time.Now().UTC(), nil
	}})
	addPGFunc("timeofday", &pgFunc{out: tText, volatile: true, fn: func([]driver.Value) (any, error) {
		return time.Now().UTC().Format("Mon Jan 02 15:04:05.000000 2006 UTC"), nil
	}})
	for _, name := range []string{"justify_hours", "justify_days", "justify_interval"} {
		addPGFunc(name, &pgFunc{in: []duckdb.Type{tIv}, out: tIv, fn: func(a []driver.Value) (any, error) {
			iv, _ := a[0].(duckdb.Interval)
			return justify(name, iv), nil
		}})
	}
	addPGFunc("make_interval", &pgFunc{in: []duckdb.Type{tInt, tInt, tInt, tInt, tInt, tInt, tFloat}, out: tIv, fn: func(a []driver.Value) (any, error) {
		var f [6]int64
		for i := range f {
			f[i], _ = argInt(a[i])
		}
		secs, _ := a[6].(float64)
		return duckdb.Interval{Months: int32(f[0]*12 + f[1]), Days: int32(f[2]*7 + f[3]),
			Micros: f[4]*3600e6 + f[5]*60e6 + int64(math.Round(secs*1e6))}, nil
	}})
	addPGFunc("array_lower", &pgFunc{in: []duckdb.Type{tAny, tInt}, out: tInt, fn: func(a []driver.Value) (any, error) {
		dims := arrayDims(a[0])
		d, _ := argInt(a[1])
		if d < 1 || int(d) > len(dims) {
			return nil, nil
		}
		return int32(1), nil
	}})
	addPGFunc("array_ndims", &pgFunc{in: []duckdb.Type{tAny}, out: tInt, fn: func(a []driver.Value) (any, error) {
		dims := arrayDims(a[0])
		if len(dims) == 0 {
			return nil, nil
		}
		return int32(len(dims)), nil
	}})
	addPGFunc("array_dims", &pgFunc{in: []duckdb.Type{tAny}, out: tText, fn: func(a []driver.Value) (any, error) {
		dims := arrayDims(a[0])
		if len(dims) == 0 {
			return nil, nil
		}
		var b strings.Builder
		for _, d := range dims {
			fmt.Fprintf(&b, "[1:%d]", d)
		}
		return b.String(), nil
	}})
	addPGFunc("pg_record_text", &pgFunc{variadic: tAny, out: tText, nulls: true, fn: func(a []driver.Value) (any, error) {
		var b strings.Builder
		b.WriteByte('(')
		for i, v := range a {
			if i > 0 {
				b.WriteByte(',')
			}
			if v == nil {
				continue
			}
			s := pgText(v)
			if s == "" || strings.ContainsAny(s, "(),\"\\ \t\n\r") {
				s = `"` + strings.NewReplacer(`\`, `\\`, `"`, `""`).Replace(s) + `"`
			}
			b.WriteString(s)
		}
		b.WriteByte(')')
		return b.String(), nil
	}})
	addPGFunc("pg_database_file_size", &pgFunc{in: []duckdb.Type{tText}, out: tBig, fn: func(a []driver.Value) (any, error) {
		path, _ := argString(a[0])
		var n int64
		for _, p := range []string{path, path + ".wal"} {
			if st, err := os.Stat(p); err == nil {
				n += st.Size()
			}
		}
		return n, nil
	}})
	addPGFunc("pg_size_pretty_pg", &pgFunc{in: []duckdb.Type{tFloat}, out: tText, fn: func(a []driver.Value) (any, error) {
		f, _ := a[0].(float64)
		return sizePretty(f), nil
	}})
}

// justify moves whole days out of the time (justify_hours), whole months out of the
// days (justify_days), or both with the signs made to agree (justify_interval).
func justify(name string, iv duckdb.Interval) duckdb.Interval {
	const day = int64(24 * time.Hour / time.Microsecond)
	if name != "justify_days" {
		iv.Days += int32(iv.Micros / day)
		iv.Micros %= day
	}
	if name != "justify_hours" {
		iv.Months += iv.Days / 30
		iv.Days %= 30
	}
	if name == "justify_interval" {
		if iv.Months > 0 && (iv.Days < 0 || iv.Days == 0 && iv.Micros < 0) {
			iv.Days += 30
			iv.Months--
		} else if iv.Months < 0 && (iv.Days > 0 || iv.Days == 0 && iv.Micros > 0) {
			iv.Days -= 30
			iv.Months++
		}
		if iv.Days > 0 && iv.Micros < 0 {
			iv.Micros += day
			iv.Days--
		} else if iv.Days < 0 && iv.Micros > 0 {
			iv.Micros -= day
			iv.Days++
		}
	} else if name == "justify_hours" {
		if iv.Days > 0 && iv.Micros < 0 {
			iv.Micros += day
			iv.Days--
		} else if iv.Days < 0 && iv.Micros > 0 {
			iv.Micros -= day
			iv.Days++
		}
	} else {
		if iv.Months > 0 && iv.Days < 0 {
			iv.Days += 30
			iv.Months--
		} else if iv.Months < 0 && iv.Days > 0 {
			iv.Days -= 30
			iv.Months++
		}
	}
	return iv
}

// arrayDims returns the lengths of a (nested) list's dimensions, none when empty.
func arrayDims(v driver.Value) []int {
	var dims []int
	for {
		l, ok := v.([]any)
		if !ok || len(l) == 0 {
			return dims
		}
		dims = append(dims, len(l))
		v = l[0]
	}
}

// sizePretty is PostgreSQL's pg_size_pretty: bytes below 10240, then kB, MB, GB, TB
// and PB, each rounded half away from zero.
func sizePretty(f float64) string {
	n := int64(f)
	units := []string{"bytes", "kB", "MB", "GB", "TB", "PB"}
	abs := func(x int64) int64 {
		if x < 0 {
			return -x
		}
		return x
	}
	if abs(n) < 10*1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	// PostgreSQL keeps one more bit to round the last division half up.
	for i := 1; i < len(units); i++ {
		half := n / 512 // the size in half-units
		v := (abs(half) + 1) / 2
		if half < 0 {
			v = -v
		}
		if abs(v) < 10*1024 || i == len(units)-1 {
			return fmt.Sprintf("%d %s", v, units[i])
		}
		n /= 1024
	}
	return fmt.Sprintf("%d bytes", n)
}

func init() {
	addPGFunc("pg_array_upper", &pgFunc{in: []duckdb.Type{tAny, tInt}, out: tInt, fn: func(a []driver.Value) (any, error) {
		dims := arrayDims(a[0])
		d, _ := argInt(a[1])
		if d < 1 || int(d) > len(dims) {
			return nil, nil
		}
		return int32(dims[d-1]), nil
	}})
}
