package ml

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// sklearnLogisticScript fits scikit-learn's LogisticRegression to the standardized
// training CSV (StandardScaler, as TrainLogistic standardizes) for each C given, twice:
// to a tight tolerance (the exact optimum, for the coefficients) and with the default
// tolerance (what a user gets, for the AUC on the test CSV). It prints JSON.
const sklearnLogisticScript = `
import json, sys
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

def load(path):
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    return d[:, :-1], d[:, -1]

Xtr, ytr = load(sys.argv[1])
Xte, yte = load(sys.argv[2])
sc = StandardScaler().fit(Xtr)
Ztr, Zte = sc.transform(Xtr), sc.transform(Xte)
out = {"version": sklearn.__version__, "cases": []}
for C in [float(c) for c in sys.argv[3:]]:
    tight = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(Ztr, ytr)
    default = LogisticRegression(C=C).fit(Ztr, ytr)
    out["cases"].append({"C": C, "coef": tight.coef_[0].tolist(), "intercept": float(tight.intercept_[0]),
        "auc": roc_auc_score(yte, default.predict_proba(Zte)[:, 1]),
        "tightAUC": roc_auc_score(yte, tight.predict_proba(Zte)[:, 1])})
print(json.dumps(out))
`

// diffLogisticData returns n rows shaped like notebook 04's features: counts, long
// "minutes since" values with −1 for missing, their 0/1 missing indicators (correlated
// with the fill value) and a label drawn from a logistic model of them.
func diffLogisticData(n int, seed int64) (rows [][]float64, y []float64) {
	rng := rand.New(rand.NewSource(seed))
	for i := 0; i < n; i++ {
		row := make([]float64, 0, 9)
		z := -2.0
		for k := 0; k < 3; k++ { // counts
			c := float64(rng.Intn(4 + 3*k))
			row = append(row, c)
			z += 0.3 * c * float64(k-1)
		}
		for k := 0; k < 3; k++ { // minutes since, missing (−1) for some, and its indicator
			if rng.Float64() < 0.3+0.2*float64(k) {
				row = append(row, -1, 1)
				z -= 0.5
			} else {
				m := rng.ExpFloat64() * 20000 * float64(k+1)
				row = append(row, m, 0)
				z += 1.5 * math.Exp(-m/15000)
			}
		}
		rows = append(rows, row)
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	return rows, y
}

func writeLogisticCSV(t *testing.T, path string, rows [][]float64, y []float64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	head := []string{}
	for j := range rows[0] {
		head = append(head, "x"+strconv.Itoa(j))
	}
	w.Write(append(head, "label"))
	for i, r := range rows {
		rec := make([]string, 0, len(r)+1)
		for _, v := range r {
			rec = append(rec, strconv.FormatFloat(v, 'g', -1, 64))
		}
		w.Write(append(rec, strconv.FormatFloat(y[i], 'g', -1, 64)))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLogisticDifferentialSklearn trains TrainLogistic and scikit-learn's
// LogisticRegression (Debian's and the PyPI venv's) on the same 20,000 rows: at C = 1
// (scikit-learn's default), at TrainLogistic's default strength and at a strong penalty
// (C = 0.002, where penalizing the intercept would show), the coefficients must equal
// scikit-learn's exact optimum within 1e-4 of the largest and the test AUC
// scikit-learn's within 0.001 (within 1e-6 of its exact optimum's).
func TestLogisticDifferentialSklearn(t *testing.T) {
	rows, y := diffLogisticData(25000, 11)
	ntr := 20000
	dir := t.TempDir()
	trPath, tePath := filepath.Join(dir, "train.csv"), filepath.Join(dir, "test.csv")
	writeLogisticCSV(t, trPath, rows[:ntr], y[:ntr])
	writeLogisticCSV(t, tePath, rows[ntr:], y[ntr:])
	feats := make([]string, len(rows[0]))
	for j := range feats {
		feats[j] = "x" + strconv.Itoa(j)
	}
	train, err := FromSlices(feats, rows[:ntr], y[:ntr], DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	test, err := FromSlices(feats, rows[ntr:], y[ntr:], DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defaultC := 1 / (1e-4 * float64(ntr)) // TrainLogistic's default λ as scikit-learn's C
	pythons := map[string]func(testing.TB, ...string) string{"debian": testenv.Python, "venv": testenv.VenvPython}
	for _, name := range []string{"debian", "venv"} {
		t.Run(name, func(t *testing.T) {
			py := pythons[name](t, "sklearn")
			out, err := exec.Command(py, "-c", sklearnLogisticScript, trPath, tePath,
				"1.0", strconv.FormatFloat(defaultC, 'g', -1, 64), "0.002").Output()
			if err != nil {
				t.Fatalf("scikit-learn: %v", err)
			}
			var ref struct {
				Version string
				Cases   []struct {
					C              float64
					Coef           []float64
					Intercept, AUC float64
					TightAUC       float64 `json:"tightAUC"`
				}
			}
			if err := json.Unmarshal(out, &ref); err != nil {
				t.Fatalf("scikit-learn output %q: %v", out, err)
			}
			if len(ref.Cases) != 3 {
				t.Fatalf("scikit-learn returned %d cases", len(ref.Cases))
			}
			for k, c := range ref.Cases {
				opts := LogisticOptions{C: c.C}
				if k == 1 {
					opts = LogisticOptions{} // the default, which is the same problem
				}
				m, err := TrainLogistic(context.Background(), train, opts)
				if err != nil {
					t.Fatal(err)
				}
				big := math.Abs(c.Intercept)
				for _, v := range c.Coef {
					big = math.Max(big, math.Abs(v))
				}
				worst := math.Abs(m.Intercept - c.Intercept)
				for j, want := range c.Coef {
					worst = math.Max(worst, math.Abs(m.Coef[j]-want))
				}
				if worst > 1e-4*big {
					t.Errorf("sklearn %s C=%g: coefficients differ by up to %.3g (largest %.3g): ours %v + %v, sklearn's %v + %v",
						ref.Version, c.C, worst, big, m.Coef, m.Intercept, c.Coef, c.Intercept)
				}
				met, err := EvaluateModel(m, test, 0.5)
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(met.AUC-c.AUC) > 0.001 || math.Abs(met.AUC-c.TightAUC) > 1e-6 {
					t.Errorf("sklearn %s C=%g: test AUC %.6f, sklearn's %.6f (tight %.6f)", ref.Version, c.C, met.AUC, c.AUC, c.TightAUC)
				}
				t.Logf("sklearn %s C=%g: coefficients within %.2g of %.3g, AUC %.6f vs %.6f, %d iterations",
					ref.Version, c.C, worst, big, met.AUC, c.AUC, m.Iterations)
			}
		})
	}
}
