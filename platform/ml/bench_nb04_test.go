package ml

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/storage"
)

// nb04Features are notebook 04's fourteen features (seven counts, seven minutes-since).
var nb04Features = []string{"email_sent", "email_opened", "email_clicked", "product_views",
	"proposition_interacts", "proposition_dismisses", "link_clicks",
	"minutes_since_email_sent", "minutes_since_email_opened", "minutes_since_email_clicked",
	"minutes_since_product_view", "minutes_since_proposition_interact",
	"minutes_since_proposition_dismiss", "minutes_since_link_click"}

var nb04Once struct {
	sync.Once
	train, test *Dataset
	err         error
	path        string
}

// nb04Split returns notebook 04's training and test sets: the training_set export named
// by SLUICE_ML_NB04 (a Parquet file) or else the newest one under the default storage root
// ($HOME/.local/share/sluice/storage), prepared as the notebook does (NULLs filled with −1
// plus indicator columns) and split 80/20 with seed 7. It skips when there is no export.
func nb04Split(tb testing.TB) (train, test *Dataset) {
	nb04Once.Do(func() {
		p := os.Getenv("SLUICE_ML_NB04")
		if p == "" {
			home, _ := os.UserHomeDir()
			m, _ := filepath.Glob(filepath.Join(home, ".local/share/sluice/storage/egress/training_set/exportTime=*/part-*.parquet"))
			sort.Strings(m)
			if len(m) == 0 {
				return
			}
			p = m[len(m)-1]
		}
		nb04Once.path = p
		raw, err := os.ReadFile(p)
		if err != nil {
			nb04Once.err = err
			return
		}
		t, err := storage.DecodeParquet(raw)
		if err != nil {
			nb04Once.err = err
			return
		}
		all, err := FromTable(t, nb04Features, "subscription_occurred",
			DataOptions{FillValue: -1, Indicators: true, IDColumn: "user_id"})
		if err != nil {
			nb04Once.err = err
			return
		}
		nb04Once.train, nb04Once.test, nb04Once.err = Split(all, 0.2, 7)
	})
	if nb04Once.err != nil {
		tb.Fatalf("notebook 04 data %s: %v", nb04Once.path, nb04Once.err)
	}
	if nb04Once.train == nil {
		tb.Skip("no training_set export: set SLUICE_ML_NB04 to a Parquet file of notebook 03's export")
	}
	return nb04Once.train, nb04Once.test
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func benchNB04(b *testing.B, train func(ds *Dataset) (Model, error)) {
	tr, te := nb04Split(b)
	var m Model
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for i := 0; i < b.N; i++ {
		var err error
		if m, err = train(tr); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// CPU time (user + system, all threads) is less disturbed than wall time by other
	// processes on a shared machine
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
	met, err := EvaluateModel(m, te, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(met.AUC, "AUC")
	if l, ok := m.(*Logistic); ok {
		b.ReportMetric(float64(l.Iterations), "iterations")
	}
	if g, ok := m.(*GBDT); ok {
		b.ReportMetric(float64(g.NumTrees()), "trees")
	}
}

// BenchmarkNB04Logistic trains notebook 04's baseline (L2, defaults) on its training set.
func BenchmarkNB04Logistic(b *testing.B) {
	benchNB04(b, func(ds *Dataset) (Model, error) { return TrainLogistic(context.Background(), ds, LogisticOptions{}) })
}

// BenchmarkNB04GBDT trains gradient-boosted trees with the defaults on the same set.
func BenchmarkNB04GBDT(b *testing.B) {
	benchNB04(b, func(ds *Dataset) (Model, error) { return TrainGBDT(context.Background(), ds, GBDTOptions{Seed: 7}) })
}
