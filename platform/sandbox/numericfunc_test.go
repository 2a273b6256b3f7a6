package sandbox

import (
	"math/big"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestNumericConversion checks sluice_numeric's conversion of each kind of value DuckDB
// hands it: PostgreSQL's value when DECIMAL(38,12) holds it, an error otherwise.
func TestNumericConversion(t *testing.T) {
	dec := func(s string, scale uint8) duckdb.Decimal {
		v, _ := new(big.Int).SetString(s, 10)
		return duckdb.Decimal{Width: 30, Scale: scale, Value: v}
	}
	for _, c := range []struct {
		in   any
		want string // the DECIMAL(38,12) value in plain notation, or "ERROR <part of the message>"
	}{
		{int32(-42), "-42"},
		{uint64(18446744073709551615), "18446744073709551615"},
		{dec("125000000000000000000", 20), "1.25"},
		{dec("12345678901234567890", 20), "ERROR more than 12 decimals"},
		{" -1e-3 ", "-0.001"},
		{"+12.50", "12.5"},
		{"1E3", "1000"},
		{"0.1234567890120000", "0.123456789012"},
		{"0.1234567890123", "ERROR more than 12 decimals"},
		{"123456789012345678901234567", "ERROR more than 26 integer digits"},
		{"12abc", "ERROR invalid input syntax for type numeric"},
		{"NaN", "ERROR invalid input syntax"},
		{"", "ERROR invalid input syntax"},
		{0.1 + 0.2, "0.3"},                       // float8 to 15 significant digits, as PostgreSQL
		{1.0 / 3, "ERROR more than 12 decimals"}, // 0.333333333333333
		{float32(0.1), "0.1"},                    // float4 to 6
		{1e20, "100000000000000000000"},
		{true, "ERROR cannot cast"},
	} {
		got := "?"
		d, err := pgNumeric(c.in)
		var v any
		if err == nil {
			v, err = d.unbounded()
		}
		if err != nil {
			got = "ERROR " + err.Error()
		} else {
			got = numericText(v.(*big.Int), -12)
			if v.(*big.Int).Sign() < 0 {
				got = "-" + got
			}
			got = strings.TrimRight(strings.TrimRight(got, "0"), ".")
		}
		part, isErr := strings.CutPrefix(c.want, "ERROR ")
		if isErr && !(strings.HasPrefix(got, "ERROR ") && strings.Contains(got, part)) || !isErr && got != c.want {
			t.Errorf("%T %v: got %s, want %s", c.in, c.in, got, c.want)
		}
	}
}

// TestNumericRound checks round and trunc of exact values, half away from zero.
func TestNumericRound(t *testing.T) {
	for _, c := range []struct {
		in     string
		places int
		trunc  bool
		want   string
	}{
		{"2.5", 0, false, "3"}, {"-2.5", 0, false, "-3"}, {"2.4999999999999999999", 0, false, "2"},
		{"1.005", 2, false, "1.01"}, {"-1.005", 2, true, "-1.00"}, {"1234.5", -2, false, "1200"},
		{"0.12345678901234567890", 19, false, "0.1234567890123456789"}, {"7", 3, false, "7"},
	} {
		d, err := parseNumeric(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.round(c.places, c.trunc).String(); got != c.want {
			t.Errorf("round(%s, %d, trunc %v) = %s, want %s", c.in, c.places, c.trunc, got, c.want)
		}
	}
}

// TestNumericFastPath checks that the conversion without big integers gives what the
// general one gives, and leaves it what it cannot do.
func TestNumericFastPath(t *testing.T) {
	for _, in := range []any{"1.5", " -0.001 ", "1e3", "0.123456789012", "000.50", "-0", "123456.1", ".5", "5.",
		"99999.999999999999", "1e-12", 0.1 + 0.2, 1e6 / 7, 12345.25, -0.5, 1e-12, 0.0,
		duckdb.Decimal{Width: 38, Scale: 12, Value: big.NewInt(-1500000000000)}, duckdb.Decimal{Width: 18, Scale: 3, Value: big.NewInt(12345)},
		duckdb.Decimal{Width: 4, Scale: 0, Value: big.NewInt(9999)}, duckdb.Decimal{Width: 18, Scale: 0, Value: big.NewInt(9223372)}} {
		fast, ok := fastUnbounded(in)
		d, err := pgNumeric(in)
		var slow any
		if err == nil {
			slow, err = d.unbounded()
		}
		if !ok || err != nil || slow.(*big.Int).Int64() != fast.(int64) {
			t.Errorf("%v: fast %v %v, general %v %v", in, fast, ok, slow, err)
		}
	}
	huge, _ := new(big.Int).SetString("123456789012345678901234567", 10)
	for _, in := range []any{"1e-13", "0.1234567890123", "1234567890123456789.5", "x", ".", "1.2.3", 1.0 / 3, int32(1),
		duckdb.Decimal{Width: 18, Scale: 13, Value: big.NewInt(1)}, duckdb.Decimal{Width: 38, Scale: 12, Value: huge},
		duckdb.Decimal{Width: 18, Scale: 0, Value: big.NewInt(92233720)}} {
		if v, ok := fastUnbounded(in); ok {
			t.Errorf("%v: fast path took it (%v)", in, v)
		}
	}
}
