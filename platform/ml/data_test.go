package ml

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/table"
)

func sampleTable() *table.Table {
	a := table.FloatColumn("a", []float64{1, 2, math.NaN(), 4, 5, 6})
	b := table.IntColumn("b", []int64{10, 20, 30, 40, 50, 60})
	b = b.WithNulls([]bool{false, true, false, false, false, false})
	lab := table.IntColumn("y", []int64{0, 1, 0, 1, 0, 1})
	id := table.StringColumn("userId", []string{"u1", "u2", "u3", "u4", "u5", "u6"})
	return table.New(id, a, b, lab)
}

func TestFromTableFillAndIndicators(t *testing.T) {
	ds, err := FromTable(sampleTable(), []string{"a", "b"}, "y", DataOptions{FillValue: -1, Indicators: true, IDColumn: "userId"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "b", "a_missing", "b_missing"}
	if strings.Join(ds.Features, ",") != strings.Join(want, ",") {
		t.Fatalf("features %v, want %v", ds.Features, want)
	}
	if r := ds.Row(2); r[0] != -1 || r[2] != 1 || r[3] != 0 {
		t.Errorf("row 2 = %v, want a filled with -1 and its indicator set", r)
	}
	if r := ds.Row(1); r[1] != -1 || r[3] != 1 {
		t.Errorf("row 1 = %v, want b filled with -1 and its indicator set", r)
	}
	if ds.IDs[5] != "u6" || ds.Nulls[0] != 1 || ds.Nulls[1] != 1 {
		t.Errorf("ids %v nulls %v", ds.IDs, ds.Nulls)
	}
	d := ds.Describe()
	cnt := d.Ints("count")
	mean := d.Floats("mean")
	if cnt[0] != 5 || !near(mean[0], 18.0/5, 1e-12) || cnt[1] != 5 {
		t.Errorf("describe count %v mean %v", cnt, mean)
	}
}

func TestFromTableErrors(t *testing.T) {
	tb := sampleTable()
	cases := []struct {
		name   string
		build  func() error
		expect string
	}{
		{"nan label", func() error {
			l := table.FloatColumn("y", []float64{0, 1, math.NaN(), 1, 0, 1})
			_, err := FromTable(table.New(tb.Columns[1], l), []string{"a"}, "y", DataOptions{})
			return err
		}, "NULL/NaN at row 2"},
		{"null label", func() error {
			l := table.IntColumn("y", []int64{0, 1, 0, 1, 0, 1})
			l = l.WithNulls([]bool{false, false, false, true, false, false})
			_, err := FromTable(table.New(tb.Columns[1], l), []string{"a"}, "y", DataOptions{})
			return err
		}, "NULL/NaN at row 3"},
		{"single class", func() error {
			l := table.IntColumn("y", []int64{1, 1, 1, 1, 1, 1})
			_, err := FromTable(table.New(tb.Columns[1], l), []string{"a"}, "y", DataOptions{})
			return err
		}, "single class"},
		{"non-binary label", func() error {
			l := table.IntColumn("y", []int64{0, 1, 2, 1, 0, 1})
			_, err := FromTable(table.New(tb.Columns[1], l), []string{"a"}, "y", DataOptions{})
			return err
		}, "must be 0 or 1"},
		{"missing column", func() error {
			_, err := FromTable(tb, []string{"a", "nope"}, "y", DataOptions{})
			return err
		}, "lacks feature column(s) nope"},
		{"string feature", func() error {
			_, err := FromTable(tb, []string{"userId"}, "y", DataOptions{})
			return err
		}, "not numeric"},
		{"short label", func() error {
			l := table.IntColumn("y", []int64{0, 1})
			_, err := FromTable(table.New(tb.Columns[1], l), []string{"a"}, "y", DataOptions{})
			return err
		}, `column "y" has 2 rows, the table 6`},
		{"short id", func() error {
			id := table.StringColumn("id", []string{"u"})
			_, err := Unlabelled(table.New(tb.Columns[1], id), Prep{Inputs: []string{"a"}}, "id")
			return err
		}, `column "id" has 1 rows, the table 6`},
		{"nil column", func() error {
			_, err := FromTable(table.New(tb.Columns[1], nil), []string{"a"}, "y", DataOptions{})
			return err
		}, "column 1 of the table is nil"},
		{"score short column", func() error {
			m, err := TrainLogistic(context.Background(), xorData(t, 200, 1), LogisticOptions{})
			if err != nil {
				return err
			}
			in := table.New(table.FloatColumn("a", make([]float64, 4)), table.FloatColumn("b", make([]float64, 1)),
				table.FloatColumn("noise1", make([]float64, 4)), table.FloatColumn("noise2", make([]float64, 4)),
				table.StringColumn("userId", []string{"p", "q", "r", "s"}))
			_, err = Score(context.Background(), m, in, ScoreOptions{Quiet: true})
			return err
		}, `column "b" has 1 rows, the table 4`},
	}
	for _, c := range cases {
		err := c.build()
		if err == nil || !strings.Contains(err.Error(), c.expect) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.expect)
		}
	}
}

func TestMismatchedFeatures(t *testing.T) {
	ds := xorData(t, 500, 1)
	m, err := TrainLogistic(context.Background(), ds, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]float64{{1, 2, 3, 4}}
	other, _ := FromSlices([]string{"a", "b", "noise1", "other"}, rows, nil, DataOptions{})
	_, err = m.Predict(other)
	if err == nil || !strings.Contains(err.Error(), "missing: noise2") || !strings.Contains(err.Error(), "unexpected: other") {
		t.Errorf("predict on other features: %v", err)
	}
	swapped, _ := FromSlices([]string{"b", "a", "noise1", "noise2"}, rows, nil, DataOptions{})
	if _, err = m.Predict(swapped); err == nil || !strings.Contains(err.Error(), "different order") {
		t.Errorf("predict on reordered features: %v", err)
	}
}

func TestSplitStratifiedSeeded(t *testing.T) {
	ds := xorData(t, 1000, 3)
	tr, te, err := Split(ds, 0.2, 42)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Rows+te.Rows != 1000 || te.Rows < 195 || te.Rows > 205 {
		t.Fatalf("split %d/%d", tr.Rows, te.Rows)
	}
	rate := func(d *Dataset) float64 { return float64(d.Positives()) / float64(d.Rows) }
	if math.Abs(rate(tr)-rate(te)) > 0.01 {
		t.Errorf("class rates differ: train %.3f test %.3f", rate(tr), rate(te))
	}
	_, te2, _ := Split(ds, 0.2, 42)
	for i := range te.X {
		if te.X[i] != te2.X[i] {
			t.Fatal("the same seed gave a different split")
		}
	}
	folds, err := KFold(ds, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range folds {
		total += f.Valid.Rows
		if f.Train.Rows+f.Valid.Rows != 1000 {
			t.Errorf("fold %d sizes %d+%d", f.Index, f.Train.Rows, f.Valid.Rows)
		}
	}
	if total != 1000 {
		t.Errorf("validation folds cover %d rows, want 1000", total)
	}
}

func TestDatasetTable(t *testing.T) {
	ds, err := FromTable(sampleTable(), []string{"a", "b"}, "y", DataOptions{IDColumn: "userId"})
	if err != nil {
		t.Fatal(err)
	}
	tb := ds.Table(3)
	if tb.NumRows() != 3 || strings.Join(tb.ColumnNames(), ",") != "id,a,b,label" || tb.TotalRows != 6 {
		t.Errorf("table %v rows, columns %v, total %d", tb.NumRows(), tb.ColumnNames(), tb.TotalRows)
	}
	if h, _ := ds.Bundle().Data["text/html"].(string); !strings.Contains(h, "u1") {
		t.Error("dataset HTML lacks its first id")
	}
}
