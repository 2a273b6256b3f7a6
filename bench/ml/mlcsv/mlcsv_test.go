package mlcsv

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sluice-dev/sluice/platform/ml"
)

func TestWrite(t *testing.T) {
	ds := &ml.Dataset{Features: []string{"a", "b"}, Rows: 2, Cols: 2, X: []float64{1, 0.1, 2.5, 1e-20}, Y: []float64{0, 1}}
	p := filepath.Join(t.TempDir(), "d.csv")
	if err := Write(p, ds); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := "a,b,label\n1,0.1,0\n2.5,1e-20,1\n"; string(b) != want {
		t.Errorf("wrote %q, want %q", b, want)
	}
}
