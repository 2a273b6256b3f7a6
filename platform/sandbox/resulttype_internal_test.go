package sandbox

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestFastDivMatchesExact compares the division's 128-bit fast path with the exact
// one (selectDivScale and quotient over big integers) for random operands of every
// size and scale, both signs.
func TestFastDivMatchesExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	val := func() any {
		digits := r.IntN(18) + 1
		u := int64(r.Uint64N(uint64(pow10u[digits])))
		if r.IntN(2) == 0 {
			u = -u
		}
		switch r.IntN(3) {
		case 0:
			return u
		case 1:
			return int32(u % (1 << 31))
		}
		return duckdb.Decimal{Width: 38, Scale: uint8(r.IntN(19)), Value: big.NewInt(u)}
	}
	fast := 0
	for range 200000 {
		a, b := val(), val()
		got, ok := fastDiv(a, b)
		x, _ := numValue(a)
		y, _ := numValue(b)
		if y.i.Sign() == 0 {
			continue
		}
		q, err := quotient(x, y, selectDivScale(x, y))
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		fast++
		if want := q.String(); got != want {
			t.Fatalf("%v / %v: fast %s, exact %s", a, b, got, want)
		}
		if n := numericTextValue(got); n == nil {
			t.Fatal("no numeric")
		}
	}
	if fast < 50000 {
		t.Errorf("only %d of 200000 divisions took the fast path", fast)
	}
}

// TestSelectDivScale checks the scales PostgreSQL 15 gives (psql: SELECT a / b).
func TestSelectDivScale(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"1", "2", "0.50000000000000000000"}, {"3", "2", "1.5000000000000000"},
		{"10", "4.0", "2.5000000000000000"}, {"1", "3.0", "0.33333333333333333333"},
		{"3000000", "2", "1500000.000000000000"}, {"5.0", "0.3", "16.6666666666666667"},
		{"2", "2", "1.00000000000000000000"}, {"123456789.5", "0.001", "123456789500.00000000"},
		{"-7.0", "2", "-3.5000000000000000"}, {"0", "5", "0.00000000000000000000"},
	} {
		a, _ := parseNumeric(c.a)
		b, _ := parseNumeric(c.b)
		q, err := quotient(a, b, selectDivScale(a, b))
		if err != nil || q.String() != c.want {
			t.Errorf("%s / %s = %s (%v), want %s", c.a, c.b, q, err, c.want)
		}
	}
}
