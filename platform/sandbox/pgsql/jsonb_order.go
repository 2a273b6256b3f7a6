package pgsql

import (
	"encoding/binary"
	"strings"
)

// JSONBKeyFunc is the sandbox's Go function giving a jsonb value's sort key.
const JSONBKeyFunc = "sluice_jsonb_key"

// JSONBSortKey returns bytes whose order is PostgreSQL's jsonb order of the json text s
// (its btree operator class): objects > arrays > booleans > numbers > strings > null;
// arrays and objects with more elements or pairs first greater, then element by element
// (objects key, value, key…, in jsonb's key order); a scalar at the top is less than an
// array of one element; numbers by value (1.0 and 1.00 alike); strings bytewise, as in
// PostgreSQL's C collation.
func JSONBSortKey(s string) ([]byte, error) {
	p := &jsonbParser{s: s}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.syntax()
	}
	var b []byte
	switch v.(type) {
	case []any, *jsonbObject:
		b = sortKey(b, v)
	default: // a raw scalar: an array of one element, less than a real one
		b = append(b, 0x10, 0, 0, 0, 1, 0)
		b = sortKey(b, v)
	}
	return b, nil
}

func sortKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 0x00)
	case string:
		return append(append(append(b, 0x01), x...), 0x00)
	case jsonbNumber:
		return numberKey(append(b, 0x02), string(x))
	case bool:
		if x {
			return append(b, 0x03, 1)
		}
		return append(b, 0x03, 0)
	case []any:
		b = append(b, 0x10)
		b = binary.BigEndian.AppendUint32(b, uint32(len(x)))
		b = append(b, 1)
		for _, e := range x {
			b = sortKey(b, e)
		}
		return b
	case *jsonbObject:
		b = append(b, 0x11)
		b = binary.BigEndian.AppendUint32(b, uint32(len(x.keys)))
		for i, k := range x.keys {
			b = sortKey(b, k)
			b = sortKey(b, x.vals[i])
		}
		return b
	}
	return b
}

// numberKey appends an order-preserving form of the numeric text n: a sign byte, then
// for a positive number the position of its first significant digit and its significant
// digits, for a negative one the same bytes inverted.
func numberKey(b []byte, n string) []byte {
	neg := strings.HasPrefix(n, "-")
	n = strings.TrimPrefix(n, "-")
	whole, frac, _ := strings.Cut(n, ".")
	digits := strings.TrimLeft(whole+frac, "0")
	exp := len(whole) - (len(whole+frac) - len(digits)) // digits before the point
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return append(b, 1) // zero
	}
	var mag []byte
	mag = binary.BigEndian.AppendUint32(mag, uint32(int32(exp))^0x80000000)
	mag = append(mag, digits...)
	if !neg {
		return append(append(append(b, 2), mag...), 0x00)
	}
	b = append(b, 0)
	for _, c := range mag {
		b = append(b, ^c)
	}
	return append(b, 0xFF)
}
