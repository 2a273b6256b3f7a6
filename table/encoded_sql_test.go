package table_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

// encodedEvents returns a table whose kind column is dictionary-encoded and whose id
// column holds UUIDs as 16 bytes, with NULLs in both, and the same table in plain text.
func encodedEvents(t *testing.T, n int) (enc, plain *table.Table) {
	t.Helper()
	kinds := []string{"view", "click", "", "purchase"}
	idx := array.NewInt32Builder(memory.DefaultAllocator)
	ids := array.NewFixedSizeBinaryBuilder(memory.DefaultAllocator, &arrow.FixedSizeBinaryType{ByteWidth: 16})
	kb, ub := table.NewBuilder("kind", "text", table.KindString), table.NewBuilder("id", "text", table.KindString)
	for i := 0; i < n; i++ {
		if i%11 == 3 {
			idx.AppendNull()
			kb.AppendNull()
		} else {
			k := (i * 7) % len(kinds)
			idx.Append(int32(k))
			kb.AppendString(kinds[k])
		}
		raw := []byte(fmt.Sprintf("%016d", (i*7919)%(n/2)))
		if i%13 == 5 {
			ids.AppendNull()
			ub.AppendNull()
		} else {
			ids.Append(raw)
			ub.AppendString(fmt.Sprintf("%x-%x-%x-%x-%x", raw[:4], raw[4:6], raw[6:8], raw[8:10], raw[10:]))
		}
	}
	dict := array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String},
		idx.NewArray(), table.StringColumn("", kinds).Arrow())
	kc, err := table.ArrowColumn("kind", "text", dict)
	if err != nil {
		t.Fatal(err)
	}
	uc, err := table.UUIDColumn("id", "text", ids.NewArray())
	if err != nil {
		t.Fatal(err)
	}
	return table.New(kc, uc), table.New(kb.Finish(), ub.Finish())
}

func textRows(t *table.Table) []string {
	var out []string
	for i := 0; i < t.NumRows(); i++ {
		var r []string
		for _, c := range t.Columns {
			r = append(r, c.Text(i))
		}
		out = append(out, strings.Join(r, "|"))
	}
	slices.Sort(out)
	return out
}

// TestEncodedColumnsInDuckDB checks that DuckDB reads the encoded columns as their text
// (the same answers as from plain columns) and that table's own group-by and join over
// them agree with DuckDB's.
func TestEncodedColumnsInDuckDB(t *testing.T) {
	enc, plain := encodedEvents(t, 3000)
	db, err := tablesql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Register("enc", enc)
	db.Register("plain", plain)
	for _, q := range []string{
		`SELECT kind, count(*), count(id), count(DISTINCT id), min(id), max(id) FROM %s GROUP BY kind`,
		`SELECT id, kind FROM %s WHERE id IS NULL OR kind = 'click' OR kind = ''`,
		`SELECT a.kind, count(*) FROM %[1]s a JOIN %[1]s b ON a.id = b.id GROUP BY a.kind`,
	} {
		got, err := db.Query(fmt.Sprintf(q, "enc"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.Query(fmt.Sprintf(q, "plain"))
		if err != nil {
			t.Fatal(err)
		}
		if g, w := textRows(got), textRows(want); !slices.Equal(g, w) || len(g) == 0 {
			t.Errorf("%s: encoded %d rows, plain %d (first %v vs %v)", q, len(g), len(w), g[:min(3, len(g))], w[:min(3, len(w))])
		}
	}
	ours := enc.GroupBy("kind").Agg(table.CountRows(), table.Count("id"), table.CountDistinct("id"), table.Min("id"), table.Max("id"))
	sql, err := db.Query(`SELECT kind, count(*), count(id), count(DISTINCT id), min(id), max(id) FROM enc GROUP BY kind`)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := textRows(ours), textRows(sql); !slices.Equal(g, w) {
		t.Errorf("group by over encoded columns: %v, DuckDB %v", g, w)
	}
	joined := enc.Join(enc.Rename("kind", "kind2"), "inner", "id").GroupBy("kind").Agg(table.CountRows())
	sql, err = db.Query(`SELECT a.kind, count(*) FROM enc a JOIN enc b ON a.id = b.id GROUP BY a.kind`)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := textRows(joined), textRows(sql); !slices.Equal(g, w) {
		t.Errorf("join on UUIDs: %v, DuckDB %v", g, w)
	}
}
