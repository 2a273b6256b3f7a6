// Command nb04 times platform/ml's logistic regression and gradient-boosted trees against
// scikit-learn (Debian's and the PyPI venv's) side by side in one run, on notebook 04's
// training set at the reference scale: the newest training_set export (notebook 03's
// Parquet) prepared as notebook 04 does (NULLs → −1 plus indicators, 21 columns) and
// split 80/20 stratified with seed 7. Each side trains -reps times, alternating; medians
// of wall time and of CPU time (user + system, all threads; less disturbed by other
// processes on a shared machine) are reported with the load average (see bench/ml.md).
//
//	go run ./bench/ml/nb04 [-data part-00000.parquet] [-reps 5] [-one-core]
//
// With -one-core each side gets one core (GOMAXPROCS=1; OMP_NUM_THREADS=1), which
// is robust to other load: on an oversubscribed machine OpenMP's waiting threads make
// HistGradientBoostingClassifier many times slower than alone.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/bench/internal/sidebyside"
	"github.com/sluice-dev/sluice/bench/ml/mlcsv"
	"github.com/sluice-dev/sluice/platform/ml"
	"github.com/sluice-dev/sluice/platform/storage"
)

var features = []string{"email_sent", "email_opened", "email_clicked", "product_views",
	"proposition_interacts", "proposition_dismisses", "link_clicks",
	"minutes_since_email_sent", "minutes_since_email_opened", "minutes_since_email_clicked",
	"minutes_since_product_view", "minutes_since_proposition_interact",
	"minutes_since_proposition_dismiss", "minutes_since_link_click"}

type skResult struct {
	Sklearn  string  `json:"sklearn"`
	C        float64 `json:"C"`
	Logistic struct {
		Seconds    []float64 `json:"seconds"`
		CPU        []float64 `json:"cpu"`
		AUC        float64   `json:"auc"`
		Coef       []float64 `json:"coef"`
		Intercept  float64   `json:"intercept"`
		Iterations int       `json:"iterations"`
	} `json:"logistic"`
	HGB struct {
		Seconds    []float64 `json:"seconds"`
		CPU        []float64 `json:"cpu"`
		AUC        float64   `json:"auc"`
		Iterations int       `json:"iterations"`
	} `json:"hgb"`
}

func main() {
	data := flag.String("data", "", "training_set Parquet file (default: the newest export under ~/.local/share/sluice/storage)")
	reps := flag.Int("reps", 5, "training repetitions per side (medians are reported)")
	venv := flag.String("venv", "", "PyPI venv's python3 (default $SLUICE_VENV/bin/python3, else .venv/bin/python3)")
	oneCore := flag.Bool("one-core", false, "one core per side: GOMAXPROCS=1 here, OMP_NUM_THREADS=1 for scikit-learn")
	jsonOut := flag.String("json", "", "also write the medians to this JSON file (bench/anchors reads it)")
	flag.Parse()
	ctx := context.Background()
	if *oneCore {
		runtime.GOMAXPROCS(1)
	}
	if *data == "" {
		home, _ := os.UserHomeDir()
		m, _ := filepath.Glob(filepath.Join(home, ".local/share/sluice/storage/egress/training_set/exportTime=*/part-*.parquet"))
		sort.Strings(m)
		if len(m) == 0 {
			log.Fatal("no training_set export: run notebooks 01–03 or pass -data")
		}
		*data = m[len(m)-1]
	}
	raw, err := os.ReadFile(*data)
	check(err)
	tab, err := storage.DecodeParquet(raw)
	check(err)
	all, err := ml.FromTable(tab, features, "subscription_occurred", ml.DataOptions{FillValue: -1, Indicators: true, IDColumn: "user_id"})
	check(err)
	train, test, err := ml.Split(all, 0.2, 7)
	check(err)
	dir, err := os.MkdirTemp("", "sluice-bench-nb04")
	check(err)
	defer os.RemoveAll(dir)
	check(mlcsv.Write(filepath.Join(dir, "train.csv"), train))
	check(mlcsv.Write(filepath.Join(dir, "test.csv"), test))

	pythons := []string{"/usr/bin/python3", sidebyside.VenvPython(*venv)}
	script := filepath.Join(filepath.Dir(os.Args[0]), "sklearn_nb04.py")
	if _, err := os.Stat(script); err != nil {
		script = "bench/ml/nb04/sklearn_nb04.py"
	}
	var lrT, gbT, lrC, gbC []float64
	var lr *ml.Logistic
	var gb *ml.GBDT
	sk := make([]skResult, len(pythons))
	loads := []string{sidebyside.Loadavg()}
	// alternate: one Go repetition of each model, then each Python's, reps times
	for r := 0; r < *reps; r++ {
		t0, c0 := time.Now(), cpuSeconds()
		lr, err = ml.TrainLogistic(ctx, train, ml.LogisticOptions{})
		check(err)
		lrT, lrC = append(lrT, time.Since(t0).Seconds()), append(lrC, cpuSeconds()-c0)
		t0, c0 = time.Now(), cpuSeconds()
		gb, err = ml.TrainGBDT(ctx, train, ml.GBDTOptions{Seed: 7, Workers: runtime.GOMAXPROCS(0)})
		check(err)
		gbT, gbC = append(gbT, time.Since(t0).Seconds()), append(gbC, cpuSeconds()-c0)
		for k, py := range pythons {
			cmd := exec.Command(py, script, dir, "1")
			cmd.Stderr = os.Stderr
			if *oneCore {
				cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1")
			}
			out, err := cmd.Output()
			check(err)
			var one skResult
			check(json.Unmarshal(out, &one))
			one.Logistic.Seconds = append(sk[k].Logistic.Seconds, one.Logistic.Seconds...)
			one.HGB.Seconds = append(sk[k].HGB.Seconds, one.HGB.Seconds...)
			one.Logistic.CPU = append(sk[k].Logistic.CPU, one.Logistic.CPU...)
			one.HGB.CPU = append(sk[k].HGB.CPU, one.HGB.CPU...)
			sk[k] = one
		}
		loads = append(loads, sidebyside.Loadavg())
	}
	lrMet, err := ml.EvaluateModel(lr, test, 0.5)
	check(err)
	gbMet, err := ml.EvaluateModel(gb, test, 0.5)
	check(err)

	fmt.Printf("Data: %s → %d rows × %d columns (notebook 04's preparation), %.1f %% positive; seed-7 stratified 80/20 split: %d train, %d test.\n",
		*data, all.Rows, all.Cols, 100*float64(all.Positives())/float64(all.Rows), train.Rows, test.Rows)
	fmt.Printf("Machine: %d cores (GOMAXPROCS %d, one-core mode %v); load average (1, 5, 15 min) before and after each round: %s. %s UTC. Medians of %d runs each, alternated.\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), *oneCore, strings.Join(loads, " → "), time.Now().UTC().Format("2006-01-02 15:04"), *reps)
	fmt.Printf("| model | test AUC | wall s (median; min–max) | wall ÷ sklearn %[1]s | wall ÷ sklearn %[2]s | CPU s (median) | CPU ÷ sklearn %[1]s | CPU ÷ sklearn %[2]s |\n|---|---|---|---|---|---|---|---|\n", sk[0].Sklearn, sk[1].Sklearn)
	row := func(name string, auc float64, ts, cs []float64, ref, refC func(skResult) []float64) {
		fmt.Printf("| %s | %.5f | %s |", name, auc, span(ts))
		for _, s := range sk {
			fmt.Printf(" %.2f× |", sidebyside.Median(ts)/sidebyside.Median(ref(s)))
		}
		fmt.Printf(" %.3f |", sidebyside.Median(cs))
		for _, s := range sk {
			fmt.Printf(" %.2f× |", sidebyside.Median(cs)/sidebyside.Median(refC(s)))
		}
		fmt.Println()
	}
	lrRef := func(s skResult) []float64 { return s.Logistic.Seconds }
	lrRefC := func(s skResult) []float64 { return s.Logistic.CPU }
	gbRef := func(s skResult) []float64 { return s.HGB.Seconds }
	gbRefC := func(s skResult) []float64 { return s.HGB.CPU }
	row(fmt.Sprintf("sluice TrainLogistic (L2, λ=1e-4; %d iterations)", lr.Iterations), lrMet.AUC, lrT, lrC, lrRef, lrRefC)
	for _, s := range sk {
		row(fmt.Sprintf("sklearn %s StandardScaler + LogisticRegression(C=%.4g; %d iterations)", s.Sklearn, s.C, s.Logistic.Iterations), s.Logistic.AUC, s.Logistic.Seconds, s.Logistic.CPU, lrRef, lrRefC)
	}
	row(fmt.Sprintf("sluice TrainGBDT (defaults, seed 7; %d trees)", gb.NumTrees()), gbMet.AUC, gbT, gbC, gbRef, gbRefC)
	for _, s := range sk {
		row(fmt.Sprintf("sklearn %s HistGradientBoostingClassifier (%d iterations)", s.Sklearn, s.HGB.Iterations), s.HGB.AUC, s.HGB.Seconds, s.HGB.CPU, gbRef, gbRefC)
	}
	for _, s := range sk {
		var maxd float64
		for j, c := range s.Logistic.Coef {
			maxd = math.Max(maxd, math.Abs(c-lr.Coef[j]))
		}
		maxd = math.Max(maxd, math.Abs(s.Logistic.Intercept-lr.Intercept))
		fmt.Printf("\nLogistic AUC − sklearn %s's: %+.5f; largest |standardized coefficient difference| (intercept included): %.2g (largest |coefficient| %.3g).",
			s.Sklearn, lrMet.AUC-s.Logistic.AUC, maxd, maxAbs(lr.Coef))
	}
	fmt.Println()
	fmt.Printf("GBDT AUC − HGB %s's: %+.5f; − HGB %s's: %+.5f.\n", sk[0].Sklearn, gbMet.AUC-sk[0].HGB.AUC, sk[1].Sklearn, gbMet.AUC-sk[1].HGB.AUC)
	if *jsonOut != "" {
		type side struct {
			Name      string  `json:"name"`
			Wall      float64 `json:"wall"`
			CPU       float64 `json:"cpu"`
			AUC       float64 `json:"auc"`
			Iters     int     `json:"iterations"`
			Reference bool    `json:"reference"`
		}
		res := map[string][]side{
			"logistic": {{Name: "sluice", Wall: sidebyside.Median(lrT), CPU: sidebyside.Median(lrC), AUC: lrMet.AUC, Iters: lr.Iterations}},
			"gbdt":     {{Name: "sluice", Wall: sidebyside.Median(gbT), CPU: sidebyside.Median(gbC), AUC: gbMet.AUC, Iters: gb.NumTrees()}},
		}
		for _, s := range sk {
			res["logistic"] = append(res["logistic"], side{Name: "sklearn " + s.Sklearn, Wall: sidebyside.Median(s.Logistic.Seconds), CPU: sidebyside.Median(s.Logistic.CPU), AUC: s.Logistic.AUC, Iters: s.Logistic.Iterations, Reference: true})
			res["gbdt"] = append(res["gbdt"], side{Name: "sklearn " + s.Sklearn, Wall: sidebyside.Median(s.HGB.Seconds), CPU: sidebyside.Median(s.HGB.CPU), AUC: s.HGB.AUC, Iters: s.HGB.Iterations, Reference: true})
		}
		b, err := json.MarshalIndent(res, "", " ")
		check(err)
		check(os.WriteFile(*jsonOut, b, 0o644))
	}
}

// cpuSeconds is this process's user + system CPU time (all threads).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func span(xs []float64) string {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return fmt.Sprintf("%.3f; %.3f–%.3f", sidebyside.Median(s), s[0], s[len(s)-1])
}

func maxAbs(xs []float64) float64 {
	var m float64
	for _, x := range xs {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
