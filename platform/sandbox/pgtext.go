package sandbox

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// pgx's codecs write some types' text format differently from PostgreSQL (a
// timestamptz as "…Z", a float as "+Inf", a time with six fraction digits, an interval
// as "14 mon 3 day …"). Clients that parse text results (psycopg2, psql, JDBC) then read
// wrong values or fail, so the sandbox registers codecs that write these types' text
// exactly as PostgreSQL 15 does with DateStyle=ISO, IntervalStyle=postgres, TimeZone=UTC
// and extra_float_digits=1; binary formats are pgx's own.

// extendTypes replaces the text encoders of the types above in a connection's type
// map, and of their arrays.
func extendTypes(m *pgtype.Map) {
	registerVectors(m)
	registerTimetz(m) // dtinput_timetz.go
	for _, t := range []struct {
		name      string
		oid, arr  uint32
		text      func(any) ([]byte, bool)
		arrayName string
		binary    func(any) ([]byte, bool)
	}{
		{"timestamptz", pgtype.TimestamptzOID, pgtype.TimestamptzArrayOID, timestamptzText, "_timestamptz", nil},
		{"float8", pgtype.Float8OID, pgtype.Float8ArrayOID, float8Text, "_float8", nil},
		{"float4", pgtype.Float4OID, pgtype.Float4ArrayOID, float4Text, "_float4", nil},
		{"time", pgtype.TimeOID, pgtype.TimeArrayOID, timeText, "_time", nil},
		{"interval", pgtype.IntervalOID, pgtype.IntervalArrayOID, intervalText, "_interval", nil},
		{"numeric", pgtype.NumericOID, pgtype.NumericArrayOID, refuse, "_numeric", numericBinary},
	} {
		orig, ok := m.TypeForOID(t.oid)
		if !ok {
			continue
		}
		elem := &pgtype.Type{Name: t.name, OID: t.oid, Codec: pgTextCodec{Codec: orig.Codec, text: t.text, binary: t.binary}}
		m.RegisterType(elem)
		m.RegisterType(&pgtype.Type{Name: t.arrayName, OID: t.arr, Codec: &pgtype.ArrayCodec{ElementType: elem}})
	}
}

// pgTextCodec is a pgx codec whose text encoding of the Go types text accepts is
// PostgreSQL's; everything else is the wrapped codec's. text must accept or refuse by
// the value's Go type alone, since pgx caches plans per type.
type pgTextCodec struct {
	pgtype.Codec
	text   func(any) ([]byte, bool)
	binary func(any) ([]byte, bool) // optional
}

// PlanEncode plans the encoding of the values text (or binary) accepts, else defers.
func (c pgTextCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if format == pgtype.TextFormatCode {
		if _, ok := c.text(value); ok {
			return textPlan(c.text)
		}
	}
	if format == pgtype.BinaryFormatCode && c.binary != nil {
		if _, ok := c.binary(value); ok {
			return fallbackPlan{own: c.binary, next: c.Codec.PlanEncode(m, oid, format, value)}
		}
	}
	return c.Codec.PlanEncode(m, oid, format, value)
}

// fallbackPlan encodes with own where own accepts the value, else with next.
type fallbackPlan struct {
	own  func(any) ([]byte, bool)
	next pgtype.EncodePlan
}

// Encode appends own's encoding of value, or next's.
func (p fallbackPlan) Encode(value any, buf []byte) ([]byte, error) {
	if b, ok := p.own(value); ok && b != nil {
		return append(buf, b...), nil
	}
	if p.next == nil {
		return nil, fmt.Errorf("sandbox: cannot encode %T", value)
	}
	return p.next.Encode(value, buf)
}

func refuse(any) ([]byte, bool) { return nil, false }

// numericBinary writes a numeric in PostgreSQL's canonical binary form: base-10000
// digits without leading or trailing zero digits (pgx keeps them, and writes a zero
// digit for zero), the display scale kept. It accepts every pgtype.Numeric and returns
// nil for those pgx encodes (NaN, infinities, NULL).
func numericBinary(v any) ([]byte, bool) {
	n, ok := v.(pgtype.Numeric)
	if !ok {
		return nil, false
	}
	if !n.Valid || n.NaN || n.InfinityModifier != pgtype.Finite || n.Int == nil {
		return nil, true
	}
	digits := new(big.Int).Abs(n.Int).String()
	scale := 0
	if n.Exp < 0 {
		scale = int(-n.Exp)
	} else {
		digits += strings.Repeat("0", int(n.Exp))
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	intPart, frac := digits[:len(digits)-scale], digits[len(digits)-scale:]
	intPart = strings.Repeat("0", (4-len(intPart)%4)%4) + intPart
	frac += strings.Repeat("0", (4-len(frac)%4)%4)
	all := intPart + frac
	groups := make([]uint16, 0, len(all)/4)
	for i := 0; i < len(all); i += 4 {
		g, _ := strconv.Atoi(all[i : i+4])
		groups = append(groups, uint16(g))
	}
	weight := len(intPart)/4 - 1
	for len(groups) > 0 && groups[0] == 0 {
		groups = groups[1:]
		weight--
	}
	for len(groups) > 0 && groups[len(groups)-1] == 0 {
		groups = groups[:len(groups)-1]
	}
	sign := uint16(0)
	if n.Int.Sign() < 0 && len(groups) > 0 {
		sign = 0x4000
	}
	if len(groups) == 0 {
		weight = 0
	}
	b := make([]byte, 8, 8+2*len(groups))
	binary.BigEndian.PutUint16(b[0:], uint16(len(groups)))
	binary.BigEndian.PutUint16(b[2:], uint16(int16(weight)))
	binary.BigEndian.PutUint16(b[4:], sign)
	binary.BigEndian.PutUint16(b[6:], uint16(scale))
	for _, g := range groups {
		b = binary.BigEndian.AppendUint16(b, g)
	}
	return b, true
}

type textPlan func(any) ([]byte, bool)

// Encode appends PostgreSQL's text form of value to buf.
func (p textPlan) Encode(value any, buf []byte) ([]byte, error) {
	b, ok := p(value)
	if !ok {
		return nil, fmt.Errorf("sandbox: cannot encode %T as text", value)
	}
	return append(buf, b...), nil
}

// timestamptzText writes a time as PostgreSQL's timestamptz output in the time's zone
// (the session's, timezone.go): "2024-01-01 00:00:01.25+00", "2024-07-01 08:00:00-04".
func timestamptzText(v any) ([]byte, bool) {
	t, ok := v.(time.Time)
	if !ok {
		return nil, false
	}
	_, off := t.Zone()
	b, bc := appendDateTime(nil, t)
	b = appendOffset(b, off)
	if bc {
		b = append(b, " BC"...)
	}
	return b, true
}

// appendDateTime writes "YYYY-MM-DD HH:MM:SS[.ffffff]" with trailing fraction zeros
// dropped and reports whether the year is before 1 (PostgreSQL then writes the year
// counted backwards and " BC" after the zone).
func appendDateTime(b []byte, t time.Time) ([]byte, bool) {
	year, month, day := t.Date()
	bc := year <= 0
	if bc {
		year = 1 - year
	}
	for p := 1000; p > 1 && year < p; p /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(year), 10)
	b = append(b, '-')
	b = append2(b, int(month))
	b = append(b, '-')
	b = append2(b, day)
	b = append(b, ' ')
	hour, min, sec := t.Clock()
	return appendClock(b, int64(hour), min, sec, t.Nanosecond()/1000), bc
}

// append2 writes n (0–99) in two digits.
func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// appendClock writes "HH:MM:SS" and a fraction of at most six digits without trailing
// zeros.
func appendClock(b []byte, h int64, m, s, us int) []byte {
	if h < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, h, 10)
	b = append(b, ':')
	b = append2(b, m)
	b = append(b, ':')
	b = append2(b, s)
	if us > 0 {
		var frac [7]byte
		frac[0] = '.'
		for i := 6; i >= 1; i-- {
			frac[i] = byte('0' + us%10)
			us /= 10
		}
		n := 7
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, frac[:n]...)
	}
	return b
}

// timeText writes a time of day as PostgreSQL does: "13:45:01", "00:00:00.123456".
func timeText(v any) ([]byte, bool) {
	t, ok := v.(pgtype.Time)
	if !ok {
		return nil, false
	}
	us := t.Microseconds
	h := us / 3600e6
	us -= h * 3600e6
	m := us / 60e6
	us -= m * 60e6
	s := us / 1e6
	return appendClock(nil, h, int(m), int(s), int(us-s*1e6)), true
}

func float8Text(v any) ([]byte, bool) {
	f, ok := v.(float64)
	if !ok {
		return nil, false
	}
	return pgFloat(f, 64, 15), true
}

func float4Text(v any) ([]byte, bool) {
	f, ok := v.(float32)
	if !ok {
		return nil, false
	}
	return pgFloat(float64(f), 32, 6), true
}

// pgFloat writes the shortest decimal that reads back as f, fixed-point when its
// decimal exponent is in [-4, maxExp) and in exponent form otherwise ("1e+300",
// "1.5e-05"), with PostgreSQL's spellings of NaN and the infinities.
func pgFloat(f float64, bits, maxExp int) []byte {
	switch {
	case math.IsNaN(f):
		return []byte("NaN")
	case math.IsInf(f, 1):
		return []byte("Infinity")
	case math.IsInf(f, -1):
		return []byte("-Infinity")
	}
	e := strconv.FormatFloat(f, 'e', -1, bits)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp >= -4 && exp < maxExp {
		return strconv.AppendFloat(nil, f, 'f', -1, bits)
	}
	return []byte(e)
}

// intervalText writes an interval in IntervalStyle postgres: "1 year 2 mons 3 days
// 04:05:06.5", "-03:00:00", "00:00:00".
func intervalText(v any) ([]byte, bool) {
	iv, ok := v.(pgtype.Interval)
	if !ok {
		return nil, false
	}
	var b []byte
	negSeen := false // after a negative field, positive ones get a "+" as in PostgreSQL
	field := func(n int64, unit string) {
		if n == 0 {
			return
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		if negSeen && n > 0 {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, n, 10)
		b = append(b, ' ')
		b = append(b, unit...)
		if n != 1 {
			b = append(b, 's')
		}
		if n < 0 {
			negSeen = true
		}
	}
	field(int64(iv.Months/12), "year")
	field(int64(iv.Months%12), "mon")
	field(int64(iv.Days), "day")
	us := iv.Microseconds
	if us != 0 || len(b) == 0 {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		if us < 0 {
			b = append(b, '-')
			us = -us
		} else if negSeen {
			b = append(b, '+')
		}
		h := us / 3600e6
		us -= h * 3600e6
		m := us / 60e6
		us -= m * 60e6
		s := us / 1e6
		b = appendClock(b, h, int(m), int(s), int(us-s*1e6))
	}
	return b, true
}
