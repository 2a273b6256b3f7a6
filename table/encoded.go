package table

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// A string column holds its text in one of three ways, all read alike (StringAt,
// Strings, Value, every operation):
//
//   - plain: Arrow utf8 (large_utf8 past 2 GiB of text);
//   - dictionary-encoded: an Arrow dictionary of utf8 values with an integer index per
//     row, for text that repeats (event types, pages, a user id on each of the user's
//     events): a byte or four per row instead of the text;
//   - UUIDs: Arrow fixed_size_binary[16], each row the UUID's 16 bytes; its
//     36-character text (lower-case, with dashes) is made when read.

// indexInt is an integer type Arrow dictionaries index with.
type indexInt interface {
	int8 | uint8 | int16 | uint16 | int32 | uint32 | int64 | uint64
}

// dictStrings reads a dictionary-encoded string array.
type dictStrings[T indexInt] struct {
	arrow.Array             // the *array.Dictionary
	codes       []T         // the index of each row (the array's offset applied)
	dict        stringArray // the distinct values
	hasNulls    bool
}

// encodedStrings is what dictionary-encoded columns offer beyond stringArray.
type encodedStrings interface {
	stringArray
	// code returns row i's index into the dictionary (any value on a NULL row).
	code(i int) int
	// entries returns the number of dictionary values.
	entries() int
	// take returns the rows at the given indexes as a new array sharing the dictionary.
	take(rows []int) arrow.Array
	// outOfRange returns the first non-NULL row whose index is not an entry, or -1.
	outOfRange() int
}

func (d *dictStrings[T]) Value(i int) string {
	if d.hasNulls && d.Array.IsNull(i) {
		return ""
	}
	return d.dict.Value(int(d.codes[i]))
}

func (d *dictStrings[T]) code(i int) int { return int(d.codes[i]) }

func (d *dictStrings[T]) entries() int { return d.dict.Len() }

func (d *dictStrings[T]) outOfRange() int {
	n := uint64(d.dict.Len())
	for i, c := range d.codes {
		if uint64(c) >= n && d.Array.IsValid(i) { // a negative index converts to a huge one
			return i
		}
	}
	return -1
}

func (d *dictStrings[T]) take(rows []int) arrow.Array {
	codes := make([]T, len(rows))
	var valid []bool
	for k, i := range rows {
		if d.hasNulls && d.Array.IsNull(i) {
			if valid == nil {
				valid = make([]bool, len(rows))
				for j := range k {
					valid[j] = true
				}
			}
			continue
		}
		codes[k] = d.codes[i]
		if valid != nil {
			valid[k] = true
		}
	}
	vb, nulls := validBitmap(valid)
	dt := d.Array.DataType().(*arrow.DictionaryType)
	out := array.NewDataWithDictionary(dt, len(rows), []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(codes))}, nulls, 0, d.dict.Data().(*array.Data))
	return array.MakeFromData(out)
}

// validBitmap returns the validity bitmap of valid (nil: every row valid) and the NULL
// count.
func validBitmap(valid []bool) (*memory.Buffer, int) {
	if valid == nil {
		return nil, 0
	}
	nulls := make([]bool, len(valid))
	for i, v := range valid {
		nulls[i] = !v
	}
	return bitmap(nulls)
}

func newDictStrings[T indexInt](d *array.Dictionary, codes []T) *dictStrings[T] {
	return &dictStrings[T]{Array: d, codes: codes, dict: d.Dictionary().(stringArray), hasNulls: d.NullN() > 0}
}

// dictionaryStrings reads a dictionary array of utf8 values.
func dictionaryStrings(d *array.Dictionary) stringArray {
	switch x := d.Indices().(type) {
	case *array.Int8:
		return newDictStrings(d, x.Int8Values())
	case *array.Uint8:
		return newDictStrings(d, x.Uint8Values())
	case *array.Int16:
		return newDictStrings(d, x.Int16Values())
	case *array.Uint16:
		return newDictStrings(d, x.Uint16Values())
	case *array.Int32:
		return newDictStrings(d, x.Int32Values())
	case *array.Uint32:
		return newDictStrings(d, x.Uint32Values())
	case *array.Int64:
		return newDictStrings(d, x.Int64Values())
	case *array.Uint64:
		return newDictStrings(d, x.Uint64Values())
	}
	panic(fmt.Sprintf("table: dictionary indices of type %s", d.Indices().DataType()))
}

// stringsOf returns the reader of a string column's array (see fromArrow).
func stringsOf(a arrow.Array) stringArray {
	switch x := a.(type) {
	case *array.Dictionary:
		return dictionaryStrings(x)
	case *array.FixedSizeBinary:
		return uuidStrings{x}
	}
	return a.(stringArray)
}

// dictionaryColumn checks a dictionary array for ArrowColumn: utf8 values and integer
// indices within the dictionary on every non-NULL row. A dictionary that holds NULL
// values is decoded into a plain column.
func dictionaryColumn(name, typ string, d *array.Dictionary) (*Column, error) {
	dt := d.DataType().(*arrow.DictionaryType)
	switch dt.ValueType.(type) {
	case *arrow.StringType, *arrow.LargeStringType:
	default:
		return nil, fmt.Errorf("table: column %q: Arrow dictionary of %s has no column kind (want utf8 values)", name, dt.ValueType)
	}
	if !arrow.IsInteger(dt.IndexType.ID()) {
		return nil, fmt.Errorf("table: column %q: Arrow dictionary indices of type %s", name, dt.IndexType)
	}
	s := dictionaryStrings(d).(encodedStrings)
	if i := s.outOfRange(); i >= 0 {
		return nil, fmt.Errorf("table: column %q: row %d indexes entry %d of a dictionary of %d", name, i, s.code(i), s.entries())
	}
	if d.Dictionary().NullN() == 0 {
		return fromArrow(name, typ, KindString, d), nil
	}
	vals := d.Dictionary().(stringArray)
	b := NewBuilder(name, typ, KindString)
	b.Grow(d.Len())
	for i := 0; i < d.Len(); i++ {
		if k := s.code(i); d.IsNull(i) || vals.IsNull(k) {
			b.AppendNull()
		} else {
			b.AppendString(vals.Value(k))
		}
	}
	return b.Finish(), nil
}

// uuidStrings reads UUIDs held as 16 bytes each.
type uuidStrings struct{ *array.FixedSizeBinary }

// uuidLen is the length of a UUID's text.
const uuidLen = 36

// raw returns row i's 16 bytes.
func (u uuidStrings) raw(i int) []byte { return u.FixedSizeBinary.Value(i) }

func (u uuidStrings) Value(i int) string {
	if u.IsNull(i) {
		return ""
	}
	var b [uuidLen]byte
	return string(appendUUIDText(b[:0], u.raw(i)))
}

// appendUUIDText appends the text of the 16-byte UUID raw: 8-4-4-4-12 lower-case hex
// digits. Text order is byte order (the digits sort as the nibbles do, the dashes sit
// at fixed places), so UUIDs compare by their bytes.
func appendUUIDText(b, raw []byte) []byte {
	const hexd = "0123456789abcdef"
	for k, c := range raw {
		if k == 4 || k == 6 || k == 8 || k == 10 {
			b = append(b, '-')
		}
		b = append(b, hexd[c>>4], hexd[c&0xf])
	}
	return b
}

// all returns every row's text, the strings cut from one buffer; NULLs are "".
func (u uuidStrings) all() []string {
	var sb strings.Builder
	sb.Grow(uuidLen * (u.Len() - u.NullN()))
	var b [uuidLen]byte
	for i := 0; i < u.Len(); i++ {
		if u.IsValid(i) {
			sb.Write(appendUUIDText(b[:0], u.raw(i)))
		}
	}
	text := sb.String()
	out := make([]string, u.Len())
	at := 0
	for i := range out {
		if u.IsValid(i) {
			out[i] = text[at : at+uuidLen]
			at += uuidLen
		}
	}
	return out
}

// text returns the UUIDs as a utf8 array (a copy).
func (u uuidStrings) text() arrow.Array {
	n := u.Len()
	data := make([]byte, 0, uuidLen*(n-u.NullN()))
	off := make([]int32, 1, n+1)
	for i := 0; i < n; i++ {
		if u.IsValid(i) {
			data = appendUUIDText(data, u.raw(i))
		}
		off = append(off, int32(len(data)))
	}
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{u.validity(), memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(off)), memory.NewBufferBytes(data)}, nil, u.NullN(), 0)
	return array.MakeFromData(d)
}

// validity returns a copy of the array's validity bitmap starting at bit 0, or nil.
func (u uuidStrings) validity() *memory.Buffer {
	if u.NullN() == 0 {
		return nil
	}
	bits := make([]byte, bitutil.BytesForBits(int64(u.Len())))
	for i := 0; i < u.Len(); i++ {
		if u.IsValid(i) {
			bitutil.SetBit(bits, i)
		}
	}
	return memory.NewBufferBytes(bits)
}

func (u uuidStrings) take(rows []int) arrow.Array {
	data := make([]byte, 16*len(rows))
	var valid []bool
	for k, i := range rows {
		if u.IsNull(i) {
			if valid == nil {
				valid = make([]bool, len(rows))
				for j := range k {
					valid[j] = true
				}
			}
			continue
		}
		copy(data[16*k:], u.raw(i))
		if valid != nil {
			valid[k] = true
		}
	}
	vb, nulls := validBitmap(valid)
	d := array.NewData(u.DataType(), len(rows), []*memory.Buffer{vb, memory.NewBufferBytes(data)}, nil, nulls, 0)
	return array.MakeFromData(d)
}

// UUIDColumn returns a text column of UUIDs over a, an Arrow fixed_size_binary[16]
// array of each row's 16 bytes (NULL where a is). The column reads as the UUIDs'
// 36-character lower-case text, like a column of that text, in 16 bytes a row instead
// of 40; typ is the header type name ("" for the kind's name). Arrow returns the text
// as a utf8 array made on each call.
func UUIDColumn(name, typ string, a arrow.Array) (*Column, error) {
	x, ok := a.(*array.FixedSizeBinary)
	if !ok || x.DataType().(*arrow.FixedSizeBinaryType).ByteWidth != 16 {
		return nil, fmt.Errorf("table: column %q: UUIDs from Arrow %s, want fixed_size_binary[16]", name, a.DataType())
	}
	return fromArrow(name, typ, KindString, x), nil
}

// compareStrings compares rows a and b of a string column.
func compareStrings(s stringArray, a, b int) int {
	switch x := s.(type) {
	case uuidStrings:
		return bytes.Compare(x.raw(a), x.raw(b))
	case encodedStrings:
		if x.code(a) == x.code(b) {
			return 0
		}
	}
	return strings.Compare(s.Value(a), s.Value(b))
}

// takeStrings returns the rows of an encoded string column at the given indexes, kept
// encoded, or nil for a plain column.
func (c *Column) takeStrings(rows []int) *Column {
	var a arrow.Array
	switch x := c.strs.(type) {
	case uuidStrings:
		a = x.take(rows)
	case encodedStrings:
		a = x.take(rows)
	default:
		return nil
	}
	return fromArrow(c.Name, c.Type, KindString, a)
}
