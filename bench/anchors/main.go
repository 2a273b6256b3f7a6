// Command anchors prints issue 19's table — Sluice against its anchors, side by side
// in one run on one machine, with the ratios and the load average before and after
// each row (see bench/anchors.md):
//
//	go run ./bench/anchors                      # every row
//	go run ./bench/anchors -rows sort,sum       # some rows (a busy machine: one at a time)
//	go run ./bench/anchors -sluice /path/sluice -reps 5
//
// Rows: sort (sort.Slice of 1 M floats in a cell, real kernel, vs CPython's
// list.sort(key=…) and compiled Go), sum (0..50 M in a func in a cell, vs CPython and
// compiled Go), logistic and gbdt (notebook 04's training set, seed-7 split, against
// Debian's and the venv's scikit-learn, through bench/ml/nb04), sqlo (`%%sql -o` of 1 M
// rows × 6 columns from the sandbox, vs psycopg2 + pandas read_sql on the same sandbox),
// synth (one table of all users at 1× and 5× the reference scale, and batch mode),
// rss (the sandbox's resident memory after the seven notebooks).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/bench/internal/sidebyside"
)

var (
	sluiceBin = flag.String("sluice", "", "sluice binary (default: built from this checkout into $TMPDIR/sluice-anchors)")
	reps      = flag.Int("reps", 3, "repetitions per side (medians are reported; sides alternate)")
	rowsFlag  = flag.String("rows", "all", "comma-separated rows: sort, sum, logistic, gbdt, sqlo, synth, rss")
	oneCore   = flag.Bool("models-one-core", true, "models on one core per side (GOMAXPROCS=1, OMP_NUM_THREADS=1), as bench/ml.md reads them")
	venvPy    = flag.String("venv", "", "the PyPI venv's python3 (default $SLUICE_VENV/bin/python3, else .venv/bin/python3)")
	mlData    = flag.String("ml-data", "", "notebook 03's training_set Parquet (default: the newest export under ~/.local/share/sluice/storage)")

	synthChild = flag.Int("synth-child", 0, "internal: generate this many users' events and print time and peak RSS")
	batches    = flag.Int("batches", 1, "internal, with -synth-child: generate in this many batches, one at a time")
)

// result is one row of the table.
type result struct {
	work, sluice, anchor, ratio, target string
	notes                               []string
}

var (
	results []result
	loads   []string
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	if *synthChild > 0 {
		synthChildMain(*synthChild, *batches)
		return
	}
	if _, err := os.Stat("go.mod"); err != nil {
		log.Fatal("run from the repository root: go run ./bench/anchors")
	}
	want := map[string]bool{}
	for _, r := range strings.Split(*rowsFlag, ",") {
		want[strings.TrimSpace(r)] = true
	}
	all := want["all"]
	tmp, err := os.MkdirTemp("", "sluice-anchors-run")
	check(err)
	defer os.RemoveAll(tmp)
	started := time.Now().UTC()
	needKernel := all || want["sort"] || want["sum"] || want["sqlo"] || want["rss"]
	if needKernel && *sluiceBin == "" {
		*sluiceBin = buildSluice()
	}
	row := func(name string, f func(dir string)) {
		if !all && !want[name] {
			return
		}
		dir := filepath.Join(tmp, name)
		check(os.MkdirAll(dir, 0o755))
		before := sidebyside.Loadavg()
		log.Printf("anchors: %s (load %s)…", name, before)
		f(dir)
		loads = append(loads, fmt.Sprintf("%s: %s → %s", name, before, sidebyside.Loadavg()))
	}
	row("sort", sortRow)
	row("sum", sumRow)
	if all || want["logistic"] || want["gbdt"] {
		row("models", func(dir string) { modelRows(dir, all || want["logistic"], all || want["gbdt"]) })
	}
	row("sqlo", sqloRow)
	row("synth", synthRows)
	row("rss", rssRow)

	fmt.Printf("Issue 19's anchors, %s UTC, %d cores; medians of %d, sides alternated.\n\n",
		started.Format("2006-01-02 15:04"), runtime.NumCPU(), *reps)
	fmt.Println("| work | Sluice | anchor | ratio (Sluice ÷ anchor) | target |")
	fmt.Println("| --- | --- | --- | --- | --- |")
	for _, r := range results {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.work, r.sluice, r.anchor, r.ratio, r.target)
	}
	fmt.Println()
	for _, r := range results {
		for _, n := range r.notes {
			fmt.Printf("- %s: %s\n", r.work, n)
		}
	}
	fmt.Printf("\nLoad average (1, 5, 15 min) before → after each row: %s.\n", strings.Join(loads, "; "))
}

// buildSluice builds cmd/sluice into $TMPDIR/sluice-anchors (kept: the next run reuses
// Go's build cache and relinks only when something changed).
func buildSluice() string {
	dir := filepath.Join(os.TempDir(), "sluice-anchors")
	check(os.MkdirAll(dir, 0o755))
	bin := filepath.Join(dir, "sluice")
	log.Printf("anchors: building %s (minutes when cold)…", bin)
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/sluice")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
	return bin
}

// span formats a median with its range.
func span(xs []float64) string {
	if len(xs) == 1 {
		return fmt.Sprintf("%.3g s", xs[0])
	}
	return fmt.Sprintf("%.3g s (%.3g–%.3g)", sidebyside.Median(xs), slices.Min(xs), slices.Max(xs))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
