// Package mlcsv writes a model dataset as the CSV file the scikit-learn side of the ml
// benchmarks reads: the feature columns, then label, every value in full precision.
package mlcsv

import (
	"encoding/csv"
	"os"
	"strconv"

	"github.com/sluice-dev/sluice/platform/ml"
)

// Write writes ds to path.
func Write(path string, ds *ml.Dataset) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if err := w.Write(append(append([]string(nil), ds.Features...), "label")); err != nil {
		return err
	}
	rec := make([]string, ds.Cols+1)
	for i := 0; i < ds.Rows; i++ {
		for j, v := range ds.Row(i) {
			rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		rec[ds.Cols] = strconv.FormatFloat(ds.Y[i], 'g', -1, 64)
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}
