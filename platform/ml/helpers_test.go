package ml

import (
	"encoding/csv"
	"math"
	"math/rand"
	"os"
	"strconv"
	"testing"
)

// readCSVDataset loads a CSV with a header of features followed by "label".
func readCSVDataset(t *testing.T, path string) *Dataset {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	feats := head[:len(head)-1]
	var rows [][]float64
	var labels []float64
	for _, r := range recs[1:] {
		row := make([]float64, len(feats))
		for j := range feats {
			row[j], _ = strconv.ParseFloat(r[j], 64)
		}
		y, _ := strconv.ParseFloat(r[len(r)-1], 64)
		rows = append(rows, row)
		labels = append(labels, y)
	}
	ds, err := FromSlices(feats, rows, labels, DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// xorData returns n rows of two uniform features in [-1, 1] labelled by XOR of their
// signs, plus two noise features.
func xorData(t *testing.T, n int, seed int64) *Dataset {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	rows := make([][]float64, n)
	y := make([]float64, n)
	for i := range rows {
		a, b := rng.Float64()*2-1, rng.Float64()*2-1
		rows[i] = []float64{a, b, rng.NormFloat64(), rng.NormFloat64()}
		if (a > 0) != (b > 0) {
			y[i] = 1
		}
	}
	ds, err := FromSlices([]string{"a", "b", "noise1", "noise2"}, rows, y, DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
