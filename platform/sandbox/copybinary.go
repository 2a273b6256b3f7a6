package sandbox

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"
)

// PostgreSQL's binary COPY format (what pgx's CopyFrom sends): a signature, flags and
// an extension area, then per row a field count and each field as a length (-1 for
// NULL) and the value in its type's binary form; a field count of -1 ends the data.
// Each value is decoded by the type OID the sandbox announces for its column (what pgx
// encoded it with) into the text DuckDB casts.

var copySignature = []byte("PGCOPY\n\377\r\n\000")

// binaryParser reads the binary COPY format.
type binaryParser struct {
	l       *copyLoad
	oids    []uint32
	tm      *pgtype.Map
	pend    []byte
	started bool
	val     []byte
}

func (b *binaryParser) write(data []byte) error {
	b.pend = append(b.pend, data...)
	p := b.pend
	if !b.started {
		if len(p) < len(copySignature)+8 {
			return nil
		}
		if !bytes.Equal(p[:len(copySignature)], copySignature) {
			return b.l.formatError("COPY file signature not recognized")
		}
		ext := binary.BigEndian.Uint32(p[len(copySignature)+4:])
		skip := len(copySignature) + 8 + int(ext)
		if len(p) < skip {
			return nil
		}
		p, b.started = p[skip:], true
	}
	for !b.l.done && len(p) >= 2 {
		n := int(int16(binary.BigEndian.Uint16(p)))
		if n == -1 {
			b.l.done, p = true, p[2:]
			break
		}
		// Is the whole tuple here?
		end := 2
		for i := 0; i < n; i++ {
			if len(p) < end+4 {
				end = -1
				break
			}
			size := int(int32(binary.BigEndian.Uint32(p[end:])))
			end += 4
			if size > 0 {
				end += size
			}
		}
		if end < 0 || end > len(p) {
			break
		}
		b.l.line++
		if n != len(b.oids) {
			return b.l.formatError("row field count is %d, expected %d", n, len(b.oids))
		}
		pos := 2
		for i := 0; i < n; i++ {
			size := int(int32(binary.BigEndian.Uint32(p[pos:])))
			pos += 4
			if size < -1 {
				return b.l.formatError("invalid field size")
			}
			if size < 0 {
				if err := b.l.field(nil, true); err != nil {
					return err
				}
				continue
			}
			v, err := b.decode(i, p[pos:pos+size])
			pos += size
			if err != nil {
				return b.l.fail(err)
			}
			if err := b.l.field(v, false); err != nil {
				return err
			}
		}
		if err := b.l.endRow(); err != nil {
			return err
		}
		p = p[end:]
	}
	n := copy(b.pend, p)
	b.pend = b.pend[:n]
	return nil
}

func (b *binaryParser) finish() error {
	if !b.l.done && (len(b.pend) > 0 || !b.started) {
		return b.l.formatError("unexpected EOF in COPY data")
	}
	return nil
}

// decode turns column i's binary value into text its conversion reads; the conversion
// then checks it as it checks text input.
func (b *binaryParser) decode(i int, src []byte) ([]byte, error) {
	var err error
	b.val, err = binaryText(b.tm, b.oids[i], b.val[:0], src)
	return b.val, err
}

var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// binaryText appends PostgreSQL's text input form of a binary value of type oid
// (a form the column's fieldConv reads back exactly).
func binaryText(tm *pgtype.Map, oid uint32, dst, src []byte) ([]byte, error) {
	bad := func() error {
		return inputError(codes.InvalidBinaryRepresentation, "incorrect binary data format for type OID %d", oid)
	}
	need := func(n int) bool { return len(src) == n }
	switch oid {
	case pgtype.BoolOID:
		if !need(1) {
			return nil, bad()
		}
		if src[0] != 0 {
			return append(dst, 't'), nil
		}
		return append(dst, 'f'), nil
	case pgtype.Int2OID:
		if !need(2) {
			return nil, bad()
		}
		return strconv.AppendInt(dst, int64(int16(binary.BigEndian.Uint16(src))), 10), nil
	case pgtype.Int4OID:
		if !need(4) {
			return nil, bad()
		}
		return strconv.AppendInt(dst, int64(int32(binary.BigEndian.Uint32(src))), 10), nil
	case pgtype.Int8OID:
		if !need(8) {
			return nil, bad()
		}
		return strconv.AppendInt(dst, int64(binary.BigEndian.Uint64(src)), 10), nil
	case pgtype.Float4OID:
		if !need(4) {
			return nil, bad()
		}
		return appendFloatInput(dst, float64(math.Float32frombits(binary.BigEndian.Uint32(src))), 32), nil
	case pgtype.Float8OID:
		if !need(8) {
			return nil, bad()
		}
		return appendFloatInput(dst, math.Float64frombits(binary.BigEndian.Uint64(src)), 64), nil
	case pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID, pgtype.JSONOID, pgtype.UnknownOID:
		return append(dst, src...), nil
	case pgtype.JSONBOID:
		if len(src) == 0 || src[0] != 1 {
			return nil, bad()
		}
		return append(dst, src[1:]...), nil
	case pgtype.ByteaOID:
		dst = append(dst, '\\', 'x')
		const hexDigits = "0123456789abcdef"
		for _, c := range src {
			dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
		}
		return dst, nil
	case pgtype.DateOID:
		if !need(4) {
			return nil, bad()
		}
		switch d := int32(binary.BigEndian.Uint32(src)); d {
		case math.MaxInt32:
			return append(dst, "infinity"...), nil
		case math.MinInt32:
			return append(dst, "-infinity"...), nil
		default:
			return appendBCDate(dst, pgEpoch.AddDate(0, 0, int(d)), false, false), nil
		}
	case pgtype.TimestampOID, pgtype.TimestamptzOID:
		if !need(8) {
			return nil, bad()
		}
		switch us := int64(binary.BigEndian.Uint64(src)); us {
		case math.MaxInt64:
			return append(dst, "infinity"...), nil
		case math.MinInt64:
			return append(dst, "-infinity"...), nil
		default:
			t := pgEpoch.Add(time.Duration(us%86400e6)*time.Microsecond).AddDate(0, 0, int(us/86400e6))
			return appendBCDate(dst, t, true, oid == pgtype.TimestamptzOID), nil
		}
	case pgtype.TimeOID:
		if !need(8) {
			return nil, bad()
		}
		us := int64(binary.BigEndian.Uint64(src))
		return fmt.Appendf(dst, "%02d:%02d:%02d.%06d", us/3600e6, us/60e6%60, us/1e6%60, us%1e6), nil
	case pgtype.IntervalOID:
		if !need(16) {
			return nil, bad()
		}
		us := int64(binary.BigEndian.Uint64(src))
		days := int32(binary.BigEndian.Uint32(src[8:]))
		months := int32(binary.BigEndian.Uint32(src[12:]))
		return fmt.Appendf(dst, "%d mons %d days %d microseconds", months, days, us), nil
	case pgtype.UUIDOID:
		if !need(16) {
			return nil, bad()
		}
		return fmt.Appendf(dst, "%x-%x-%x-%x-%x", src[:4], src[4:6], src[6:8], src[8:10], src[10:]), nil
	case pgtype.NumericOID:
		return appendNumericText(dst, src)
	}
	if t, ok := tm.TypeForOID(oid); ok {
		if ac, ok := t.Codec.(*pgtype.ArrayCodec); ok {
			return appendArrayText(tm, ac.ElementType.OID, dst, src)
		}
	}
	// Anything else: pgx's decoder, then the text PostgreSQL would print.
	var v any
	if err := tm.Scan(oid, pgtype.BinaryFormatCode, src, &v); err != nil {
		return nil, bad()
	}
	out, err := tm.Encode(oid, pgtype.TextFormatCode, v, dst)
	if err != nil {
		return nil, bad()
	}
	return out, nil
}

// appendFloatInput writes a float as float input reads it back exactly.
func appendFloatInput(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, bits)
}

// appendBCDate writes a date (and time) in PostgreSQL's input form, " BC" for years
// before 1.
func appendBCDate(dst []byte, t time.Time, clock, zone bool) []byte {
	y := t.Year()
	bc := y <= 0
	if bc {
		y = 1 - y
	}
	if y > 9999 {
		dst = strconv.AppendInt(dst, int64(y), 10)
	} else {
		dst = appendDigits(dst, y, 4)
	}
	dst = appendDigits(append(dst, '-'), int(t.Month()), 2)
	dst = appendDigits(append(dst, '-'), t.Day(), 2)
	if clock {
		dst = appendDigits(append(dst, ' '), t.Hour(), 2)
		dst = appendDigits(append(dst, ':'), t.Minute(), 2)
		dst = appendDigits(append(dst, ':'), t.Second(), 2)
		dst = appendDigits(append(dst, '.'), t.Nanosecond()/1000, 6)
	}
	if zone {
		dst = append(dst, "+00"...)
	}
	if bc {
		dst = append(dst, " BC"...)
	}
	return dst
}

// appendDigits writes n (≥ 0) with at least width digits.
func appendDigits(dst []byte, n, width int) []byte {
	var b [20]byte
	i := len(b)
	for n > 0 || width > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	return append(dst, b[i:]...)
}

// appendNumericText writes a binary numeric (base-10000 digits) as decimal text.
func appendNumericText(dst, src []byte) ([]byte, error) {
	if len(src) < 8 {
		return nil, inputError(codes.InvalidBinaryRepresentation, "insufficient data left in message")
	}
	ndigits := int(binary.BigEndian.Uint16(src))
	weight := int(int16(binary.BigEndian.Uint16(src[2:])))
	sign := binary.BigEndian.Uint16(src[4:])
	dscale := int(binary.BigEndian.Uint16(src[6:]))
	if len(src) != 8+2*ndigits {
		return nil, inputError(codes.InvalidBinaryRepresentation, "insufficient data left in message")
	}
	switch sign {
	case 0xC000:
		return append(dst, "NaN"...), nil
	case 0xD000:
		return append(dst, "Infinity"...), nil
	case 0xF000:
		return append(dst, "-Infinity"...), nil
	case 0x4000:
		dst = append(dst, '-')
	}
	digit := func(i int) int {
		if i < 0 || i >= ndigits {
			return 0
		}
		return int(binary.BigEndian.Uint16(src[8+2*i:]))
	}
	if weight < 0 {
		dst = append(dst, '0')
	} else {
		dst = strconv.AppendInt(dst, int64(digit(0)), 10)
		for i := 1; i <= weight; i++ {
			dst = fmt.Appendf(dst, "%04d", digit(i))
		}
	}
	if dscale > 0 {
		dst = append(dst, '.')
		var frac []byte
		for i := weight + 1; len(frac) < dscale; i++ {
			frac = fmt.Appendf(frac, "%04d", digit(i))
		}
		dst = append(dst, frac[:dscale]...)
	}
	return dst, nil
}

// appendArrayText writes a binary array in PostgreSQL's array text ({…}, elements
// quoted), which the column's array conversion reads.
func appendArrayText(tm *pgtype.Map, elem uint32, dst, src []byte) ([]byte, error) {
	bad := inputError(codes.InvalidBinaryRepresentation, "incorrect binary data format in array")
	if len(src) < 12 {
		return nil, bad
	}
	ndim := int(int32(binary.BigEndian.Uint32(src)))
	if ndim == 0 {
		return append(dst, "{}"...), nil
	}
	if ndim < 0 || ndim > maxArrayDims || len(src) < 12+8*ndim {
		return nil, bad
	}
	dims := make([]int, ndim)
	p := src[12+8*ndim:]
	total := 1
	for i := range dims {
		dims[i] = int(int32(binary.BigEndian.Uint32(src[12+8*i:])))
		if dims[i] < 0 {
			return nil, bad
		}
		total *= dims[i]
		// Each element takes at least its 4-byte length: more than the data holds is
		// malformed (and would make the walk below loop on nothing).
		if total > len(p)/4 {
			return nil, bad
		}
	}
	if total == 0 {
		return append(dst, "{}"...), nil
	}
	var val []byte
	var walk func(level int) error
	walk = func(level int) error {
		dst = append(dst, '{')
		for k := 0; k < dims[level]; k++ {
			if k > 0 {
				dst = append(dst, ',')
			}
			if level+1 < ndim {
				if err := walk(level + 1); err != nil {
					return err
				}
				continue
			}
			if len(p) < 4 {
				return bad
			}
			size := int(int32(binary.BigEndian.Uint32(p)))
			p = p[4:]
			if size < 0 {
				dst = append(dst, "NULL"...)
				continue
			}
			if len(p) < size {
				return bad
			}
			var err error
			if val, err = binaryText(tm, elem, val[:0], p[:size]); err != nil {
				return err
			}
			p = p[size:]
			dst = append(dst, '"')
			for _, c := range val {
				if c == '"' || c == '\\' {
					dst = append(dst, '\\')
				}
				dst = append(dst, c)
			}
			dst = append(dst, '"')
		}
		dst = append(dst, '}')
		return nil
	}
	if err := walk(0); err != nil {
		return nil, err
	}
	return dst, nil
}
