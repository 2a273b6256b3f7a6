package table

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The encoded string columns (dictionary-encoded text, UUIDs held as 16 bytes) must
// read and behave exactly as the same text in a plain utf8 column, whose operations
// the differential tests (tablesql) compare with DuckDB, PostgreSQL and pandas. Each
// test here runs an operation on both and compares every cell.

var vocab = []string{"web.pageViews", "email.sent", "", "a", "Zed", "email.opened", "ünïcode"}

// encodedData returns n rows of a string from vocab (NULL about one row in seven) and
// a UUID (NULL about one row in five), both as plain columns and as the encoded ones.
type encodedData struct {
	words, uuids []string
	wordNull     []bool
	uuidNull     []bool
	raw          []byte // 16 bytes a row
}

func makeEncodedData(n int, seed uint64) encodedData {
	r := rand.New(rand.NewPCG(seed, 3))
	d := encodedData{words: make([]string, n), uuids: make([]string, n), wordNull: make([]bool, n), uuidNull: make([]bool, n), raw: make([]byte, 16*n)}
	for i := 0; i < n; i++ {
		d.words[i] = vocab[r.IntN(len(vocab))]
		d.wordNull[i] = r.IntN(7) == 0
		// few distinct high bytes, so that sorting and grouping meet ties and prefixes
		binary.BigEndian.PutUint64(d.raw[16*i:], uint64(r.IntN(4))<<56|r.Uint64()>>8)
		binary.BigEndian.PutUint64(d.raw[16*i+8:], r.Uint64())
		if r.IntN(9) == 0 && i > 0 { // a repeated UUID
			copy(d.raw[16*i:16*i+16], d.raw[16*(i-1):16*i])
		}
		d.uuidNull[i] = r.IntN(5) == 0
		if !d.uuidNull[i] {
			d.uuids[i] = fmt.Sprintf("%x-%x-%x-%x-%x", d.raw[16*i:16*i+4], d.raw[16*i+4:16*i+6], d.raw[16*i+6:16*i+8], d.raw[16*i+8:16*i+10], d.raw[16*i+10:16*i+16])
		} else {
			clear(d.raw[16*i : 16*i+16])
		}
		if d.wordNull[i] {
			d.words[i] = ""
		}
	}
	return d
}

// dictOf returns words as a dictionary array with indices of type index: the
// dictionary holds vocab's entries in reverse, one unused entry and a duplicate.
func dictOf(t *testing.T, words []string, nulls []bool, index arrow.DataType) arrow.Array {
	t.Helper()
	entries := append([]string{"unused"}, vocab...)
	entries = append(entries, vocab[0]) // a duplicate: rows may point at either copy
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	at := map[string][]int{}
	for k, e := range entries {
		at[e] = append(at[e], k)
	}
	ib := array.NewBuilder(memory.DefaultAllocator, index)
	for i, w := range words {
		if nulls != nil && nulls[i] {
			ib.AppendNull()
			continue
		}
		ks := at[w]
		k := ks[i%len(ks)]
		switch b := ib.(type) {
		case *array.Uint8Builder:
			b.Append(uint8(k))
		case *array.Int16Builder:
			b.Append(int16(k))
		case *array.Int32Builder:
			b.Append(int32(k))
		case *array.Int64Builder:
			b.Append(int64(k))
		default:
			t.Fatalf("index type %s", index)
		}
	}
	idx := ib.NewArray()
	dict := StringColumn("", entries).Arrow()
	dt := &arrow.DictionaryType{IndexType: index, ValueType: arrow.BinaryTypes.String}
	return array.NewDictionaryArray(dt, idx, dict)
}

// uuidArray returns the raw UUIDs as a fixed_size_binary[16] array with nulls.
func uuidArray(raw []byte, nulls []bool) arrow.Array {
	b := array.NewFixedSizeBinaryBuilder(memory.DefaultAllocator, &arrow.FixedSizeBinaryType{ByteWidth: 16})
	for i := 0; i < len(raw)/16; i++ {
		if nulls[i] {
			b.AppendNull()
		} else {
			b.Append(raw[16*i : 16*i+16])
		}
	}
	return b.NewArray()
}

// pair returns the same data as plain columns (w, u, and an int x) and with w
// dictionary-encoded and u as 16-byte UUIDs.
func pair(t *testing.T, n int, seed uint64, index arrow.DataType) (plain, enc *Table) {
	t.Helper()
	d := makeEncodedData(n, seed)
	x := make([]int64, n)
	for i := range x {
		x[i] = int64(i % 13)
	}
	plain = New(StringColumn("w", d.words).WithNulls(d.wordNull), StringColumn("u", d.uuids).WithNulls(d.uuidNull), IntColumn("x", x))
	w, err := ArrowColumn("w", "", dictOf(t, d.words, d.wordNull, index))
	if err != nil {
		t.Fatal(err)
	}
	u, err := UUIDColumn("u", "", uuidArray(d.raw, d.uuidNull))
	if err != nil {
		t.Fatal(err)
	}
	return plain, New(w, u, IntColumn("x", x))
}

// cells returns every cell of t as its kind, type and text, NULL apart.
func cells(t *Table) []string {
	var out []string
	for _, c := range t.Columns {
		out = append(out, fmt.Sprintf("%s %s %s %d", c.Name, c.Kind(), c.TypeName(), c.Len()))
		for i := 0; i < c.Len(); i++ {
			v := fmt.Sprintf("%q", c.Text(i))
			if c.IsNull(i) {
				v = "NULL"
			}
			out = append(out, v)
		}
	}
	return out
}

func sameCells(t *testing.T, what string, got, want *Table) {
	t.Helper()
	g, w := cells(got), cells(want)
	if !reflect.DeepEqual(g, w) {
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Errorf("%s: cell %d is %s, want %s", what, i, g[i], w[i])
				return
			}
		}
		t.Errorf("%s: %d cells, want %d", what, len(g), len(w))
	}
}

var indexTypes = []arrow.DataType{arrow.PrimitiveTypes.Uint8, arrow.PrimitiveTypes.Int16, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64}

func TestEncodedColumnsReadAsText(t *testing.T) {
	for _, index := range indexTypes {
		plain, enc := pair(t, 400, 1, index)
		for _, name := range []string{"w", "u"} {
			p, e := plain.Col(name), enc.Col(name)
			what := fmt.Sprintf("%s (%s indices)", name, index)
			if e.Kind() != KindString || e.Len() != p.Len() || e.NullCount() != p.NullCount() || !reflect.DeepEqual(e.Nulls(), p.Nulls()) {
				t.Fatalf("%s: kind %s, %d rows, %d NULLs; want %d, %d", what, e.Kind(), e.Len(), e.NullCount(), p.Len(), p.NullCount())
			}
			if !reflect.DeepEqual(e.Strings(), p.Strings()) || !reflect.DeepEqual(e.Values(), p.Values()) {
				t.Errorf("%s: Strings or Values differ", what)
			}
			for i := 0; i < p.Len(); i++ {
				if e.StringAt(i) != p.StringAt(i) || e.Text(i) != p.Text(i) || e.IsNull(i) != p.IsNull(i) || e.Valid(i) != p.Valid(i) {
					t.Fatalf("%s row %d: %q %q, want %q %q", what, i, e.StringAt(i), e.Text(i), p.StringAt(i), p.Text(i))
				}
			}
			sameCells(t, what+" sliced", New(e.Slice(37, 301)), New(p.Slice(37, 301)))
			sameCells(t, what+" sliced twice", New(e.Slice(10, 300).Slice(5, 200)), New(p.Slice(10, 300).Slice(5, 200)))
			sameCells(t, what+" renamed", New(e.Renamed("z")), New(p.Renamed("z")))
			more := make([]bool, p.Len())
			for i := range more {
				more[i] = i%4 == 0
			}
			sameCells(t, what+" with more NULLs", New(e.WithNulls(more)), New(p.WithNulls(more)))
			b := NewBuilder("copy", "", KindString)
			b.AppendColumn(e)
			sameCells(t, what+" through a builder", New(b.Finish()), New(p.Renamed("copy")))
			back, err := ArrowColumn(name, "", e.Arrow())
			if err != nil {
				t.Fatal(err)
			}
			sameCells(t, what+" through Arrow", New(back), New(p))
		}
		if _, ok := enc.Col("w").Arrow().(*array.Dictionary); !ok {
			t.Errorf("a dictionary column's Arrow is %s", enc.Col("w").Arrow().DataType())
		}
		if a, ok := enc.Col("u").Arrow().(*array.String); !ok || a.NullN() != plain.Col("u").NullCount() {
			t.Errorf("a UUID column's Arrow is %s, want its text as utf8", enc.Col("u").Arrow().DataType())
		}
		rec, err := FromRecord(enc.Record())
		if err != nil {
			t.Fatal(err)
		}
		sameCells(t, "record round trip", rec, plain)
	}
}

func TestEncodedColumnsInEveryOperation(t *testing.T) {
	for _, index := range indexTypes {
		plain, enc := pair(t, 500, 2, index)
		for _, tc := range []struct {
			name string
			op   func(t *Table) *Table
		}{
			{"head", func(t *Table) *Table { return t.Head(17) }},
			{"tail", func(t *Table) *Table { return t.Tail(23) }},
			{"slice", func(t *Table) *Table { return t.Slice(100, 250) }},
			{"take", func(t *Table) *Table { return t.Take([]int{5, 4, 4, 499, 0, 17, 17}) }},
			{"sample", func(t *Table) *Table { return t.Sample(60, 9) }},
			{"select", func(t *Table) *Table { return t.Select("u", "w") }},
			{"filter", func(t *Table) *Table {
				return t.Filter(func(r Row) bool { return r.IsNull("u") || strings.HasPrefix(r.String("w"), "e") })
			}},
			{"sort by w, u", func(t *Table) *Table { return t.SortBy("w", "u") }},
			{"sort by u", func(t *Table) *Table { return t.SortBy("u", "x") }},
			{"sort by u desc", func(t *Table) *Table { return t.SortByDesc("u", "w", "x") }},
			{"sort a slice", func(t *Table) *Table { return t.Slice(50, 400).SortBy("w", "x") }},
			{"value counts w", func(t *Table) *Table { return t.ValueCounts("w") }},
			{"value counts u", func(t *Table) *Table { return t.ValueCounts("u").Head(20) }},
			{"group by w", func(t *Table) *Table {
				return t.GroupBy("w").Agg(CountRows(), Count("u"), CountDistinct("u"), Min("u"), Max("u"), First("u"), Sum("x"))
			}},
			{"group by w, x", func(t *Table) *Table { return t.GroupBy("w", "x").Agg(Min("u"), Count("w")) }},
			{"group by u", func(t *Table) *Table { return t.GroupBy("u").Agg(CountRows(), Min("w"), Max("w")).SortBy("u") }},
			{"group by a slice", func(t *Table) *Table { return t.Slice(120, 480).GroupBy("w").Agg(CountRows()) }},
			{"pivot", func(t *Table) *Table { return t.Pivot("w", "x", "u", "count") }},
			{"with string", func(t *Table) *Table {
				return t.WithString("wu", func(r Row) string { return r.String("w") + "/" + r.String("u") })
			}},
			{"concat", func(t *Table) *Table {
				c, err := Concat(t, t.Tail(9))
				if err != nil {
					panic(err)
				}
				return c
			}},
			{"describe", func(t *Table) *Table { return t.Describe().Table() }},
		} {
			sameCells(t, fmt.Sprintf("%s (%s indices)", tc.name, index), tc.op(enc), tc.op(plain))
		}
		// joins: each side encoded or plain, keys both ways
		other := plain.Slice(200, 250).Select("w", "u").Rename("u", "u2")
		otherEnc := enc.Slice(200, 250).Select("w", "u").Rename("u", "u2")
		for _, how := range []string{"inner", "left", "right", "outer"} {
			want := plain.Join(other, how, "w").SortBy("w", "u", "u2", "x")
			for _, sides := range [][2]*Table{{enc, otherEnc}, {enc, other}, {plain, otherEnc}} {
				sameCells(t, how+" join on w", sides[0].Join(sides[1], how, "w").SortBy("w", "u", "u2", "x"), want)
			}
			byU := plain.Join(plain.Slice(0, 150).Select("u", "w").Rename("w", "w2"), how, "u").SortBy("u", "w", "w2", "x")
			sameCells(t, how+" join on u", enc.Join(enc.Slice(0, 150).Select("u", "w").Rename("w", "w2"), how, "u").SortBy("u", "w", "w2", "x"), byU)
		}
		if enc.String() != plain.String() {
			t.Errorf("the encoded table prints differently:\n%s\nwant\n%s", enc, plain)
		}
		s1, s2 := enc.Describe(), plain.Describe()
		if fmt.Sprintf("%+v", s1) != fmt.Sprintf("%+v", s2) {
			t.Errorf("describe: %+v, want %+v", s1, s2)
		}
	}
}

// TestEncodedColumnsStayEncoded checks that row selections keep the encodings (the point
// of them is memory) and that sorting UUIDs by their bytes is sorting their text.
func TestEncodedColumnsStayEncoded(t *testing.T) {
	_, enc := pair(t, 300, 3, arrow.PrimitiveTypes.Int32)
	sorted := enc.SortBy("u")
	if _, ok := sorted.Col("w").arr.(*array.Dictionary); !ok {
		t.Errorf("sorting decoded the dictionary column: %s", sorted.Col("w").arr.DataType())
	}
	if _, ok := sorted.Col("u").strs.(uuidStrings); !ok {
		t.Errorf("sorting decoded the UUID column")
	}
	us := sorted.Strings("u")
	for i := 1; i < len(us); i++ {
		if !sorted.Col("u").IsNull(i) && us[i-1] > us[i] {
			t.Fatalf("UUIDs out of text order at row %d: %s > %s", i, us[i-1], us[i])
		}
	}
	filtered := enc.Filter(func(r Row) bool { return r.Int("x") > 3 })
	if _, ok := filtered.Col("w").arr.(*array.Dictionary); !ok {
		t.Errorf("filtering decoded the dictionary column")
	}
}

func TestArrowColumnChecksDictionaries(t *testing.T) {
	words := []string{"a", "b", "a"}
	bad := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String},
		array.NewInt8Data(array.NewData(arrow.PrimitiveTypes.Int8, 3, []*memory.Buffer{nil, memory.NewBufferBytes([]byte{0, 5, 1})}, nil, 0, 0)),
		StringColumn("", words[:2]).Arrow())
	if _, err := ArrowColumn("d", "", bad); err == nil || !strings.Contains(err.Error(), "row 1 indexes entry 5 of a dictionary of 2") {
		t.Errorf("an index outside the dictionary: %v", err)
	}
	ints := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.PrimitiveTypes.Int64},
		array.NewInt8Data(array.NewData(arrow.PrimitiveTypes.Int8, 1, []*memory.Buffer{nil, memory.NewBufferBytes([]byte{0})}, nil, 0, 0)),
		IntColumn("", []int64{7}).Arrow())
	if _, err := ArrowColumn("d", "", ints); err == nil || !strings.Contains(err.Error(), "want utf8 values") {
		t.Errorf("a dictionary of integers: %v", err)
	}
	// a NULL among the dictionary's values makes its rows NULL (decoded into plain text)
	values := StringColumn("", []string{"x", "y"}).WithNulls([]bool{false, true}).Arrow()
	withNull := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String},
		array.NewInt8Data(array.NewData(arrow.PrimitiveTypes.Int8, 3, []*memory.Buffer{nil, memory.NewBufferBytes([]byte{0, 1, 0})}, nil, 0, 0)),
		values)
	c, err := ArrowColumn("d", "", withNull)
	if err != nil || c.NullCount() != 1 || !c.IsNull(1) || c.StringAt(2) != "x" {
		t.Errorf("a dictionary with a NULL value: %v, %v", c, err)
	}
	if _, err := UUIDColumn("u", "", StringColumn("", words).Arrow()); err == nil || !strings.Contains(err.Error(), "want fixed_size_binary[16]") {
		t.Errorf("UUIDs from text: %v", err)
	}
	eight := array.NewFixedSizeBinaryData(array.NewData(&arrow.FixedSizeBinaryType{ByteWidth: 8}, 1, []*memory.Buffer{nil, memory.NewBufferBytes(make([]byte, 8))}, nil, 0, 0))
	if _, err := UUIDColumn("u", "", eight); err == nil {
		t.Error("UUIDs of 8 bytes were taken")
	}
}
