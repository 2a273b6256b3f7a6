package sql_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"testing"
	"time"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/database/sql"
)

type celsius float64

type upper string

func (u *upper) Scan(v any) error {
	s, ok := v.(string)
	if !ok {
		return errors.New("upper: not a string")
	}
	*u = upper("UP:" + s)
	return nil
}

type valuer struct{ n int }

func (v valuer) Value() (driver.Value, error) { return int64(v.n * 2), nil }

type badValuer struct{}

func (badValuer) Value() (driver.Value, error) { return 3, nil } // int is not a driver.Value

var inputs = []any{nil, int64(42), int64(-1), "17", "x", []byte("byte"), 2.5, true, false, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2.5", "true", int64(300)}

func scanBoth[T any](t *testing.T) {
	t.Helper()
	for _, in := range inputs {
		var o ours.Null[T]
		var s sql.Null[T]
		oe, se := o.Scan(in), s.Scan(in)
		got := fmt.Sprintf("%#v %v err=%v", o.V, o.Valid, oe)
		want := fmt.Sprintf("%#v %v err=%v", s.V, s.Valid, se)
		if got != want {
			t.Errorf("Null[%T].Scan(%#v):\n ours %s\n std  %s", s.V, in, got, want)
		}
	}
}

func TestScanMatchesStd(t *testing.T) {
	scanBoth[int](t)
	scanBoth[int8](t)
	scanBoth[uint16](t)
	scanBoth[int64](t)
	scanBoth[float64](t)
	scanBoth[celsius](t)
	scanBoth[string](t)
	scanBoth[[]byte](t)
	scanBoth[bool](t)
	scanBoth[any](t)
	scanBoth[time.Time](t)
	scanBoth[upper](t)
}

func valueBoth[T any](t *testing.T, v T, valid bool) {
	t.Helper()
	ov, oe := ours.Null[T]{V: v, Valid: valid}.Value()
	sv, se := sql.Null[T]{V: v, Valid: valid}.Value()
	if got, want := fmt.Sprintf("%#v %v", ov, oe), fmt.Sprintf("%#v %v", sv, se); got != want {
		t.Errorf("Null[%T]{%v, %v}.Value(): ours %s, std %s", v, v, valid, got, want)
	}
}

func TestValueMatchesStd(t *testing.T) {
	valueBoth(t, 3, true)
	valueBoth(t, 3, false)
	valueBoth(t, uint8(7), true)
	valueBoth(t, celsius(1.5), true)
	valueBoth(t, "s", true)
	valueBoth(t, []byte("b"), true)
	valueBoth(t, []int{1}, true)
	valueBoth(t, valuer{4}, true)
	valueBoth(t, badValuer{}, true)
	valueBoth(t, (*valuer)(nil), true)
	valueBoth(t, &valuer{5}, true)
	valueBoth(t, time.Unix(0, 0).UTC(), true)
	valueBoth[any](t, nil, true)
}
