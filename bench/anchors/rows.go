package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/synth"

	"github.com/sluice-dev/sluice/bench/internal/sidebyside"
)

const debianPython = "/usr/bin/python3"

// alternate runs sluice and anchor reps times, each once per round, the order
// switching every round.
func alternate(sluice, anchor func()) {
	for r := 0; r < *reps; r++ {
		if r%2 == 0 {
			sluice()
			anchor()
		} else {
			anchor()
			sluice()
		}
	}
}

// kernelOnce runs cells in a fresh kernel (SLUICE_HOME home) and returns the timed
// cell's seconds.
func kernelOnce(home, dir string, cells []nbCell) float64 {
	res, err := runNotebook(*sluiceBin, home, dir, cells)
	check(err)
	return res["t"][0]
}

const sortCellsSetup = `import (
	"math/rand"
	"sort"
)

ys := make([]float64, 1000000)
rng := rand.New(rand.NewSource(1))
for i := range ys {
	ys[i] = rng.Float64()
}`

const pySort = `
import json, random, time
random.seed(1)
ys = [random.random() for _ in range(1000000)]
zs = list(ys)
t = time.perf_counter()
zs.sort(key=lambda v: v)
print(json.dumps({"t": time.perf_counter() - t}))
`

func sortRow(dir string) {
	var sl, py []float64
	cells := []nbCell{{src: sortCellsSetup}, {src: "sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })", timed: "t"},
		{src: `if !sort.Float64sAreSorted(ys) { panic("not sorted") }`}}
	alternate(func() { sl = append(sl, kernelOnce(filepath.Join(dir, "home"), dir, cells)) }, func() {
		var out struct{ T float64 }
		check(runPython(debianPython, pySort, &out))
		py = append(py, out.T)
	})
	var gos []float64
	for r := 0; r < *reps; r++ {
		rng := rand.New(rand.NewSource(1))
		ys := make([]float64, 1000000)
		for i := range ys {
			ys[i] = rng.Float64()
		}
		t := time.Now()
		sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
		gos = append(gos, time.Since(t).Seconds())
	}
	addCPythonRow("`sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })`, 1 M floats, in a cell",
		"CPython `list.sort(key=…)`", "≤ 2× CPython (the lead's)", sl, py, gos)
}

// addCPythonRow adds a row that sets a cell's times (sl) against CPython's (py) and
// compiled Go's (gos).
func addCPythonRow(work, cpython, target string, sl, py, gos []float64) {
	results = append(results, result{
		work:   work,
		sluice: span(sl), anchor: fmt.Sprintf("%s %s; compiled Go %s", cpython, span(py), span(gos)),
		ratio:  fmt.Sprintf("**%.2f×** CPython; %.0f× compiled Go", sidebyside.Median(sl)/sidebyside.Median(py), sidebyside.Median(sl)/sidebyside.Median(gos)),
		target: target,
	})
}

const sumSetup = `func sumTo(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}`

const pySum = `
import json, time
def sum_to(n):
    s = 0
    for i in range(n):
        s += i
    return s
t, c = time.perf_counter(), time.process_time()
assert sum_to(50000000) == 1249999975000000
print(json.dumps({"t": time.perf_counter() - t, "c": time.process_time() - c}))
`

//go:noinline
func sumTo(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

// sumRow times the sum loop; besides wall times it compares CPU times, which a loaded
// machine disturbs less: the kernel's (the notebook's run less the same notebook
// calling sumTo(1)) and CPython's process time.
func sumRow(dir string) {
	var sl, py, gos, slCPU, pyCPU []float64
	home := filepath.Join(dir, "home")
	cells := []nbCell{{src: sumSetup}, {src: "sumTo(50000000)", timed: "t"}}
	base := []nbCell{{src: sumSetup}, {src: "sumTo(1)", timed: "t"}}
	alternate(func() {
		res, c1, err := runNotebookCPU(*sluiceBin, home, dir, cells)
		check(err)
		_, c0, err := runNotebookCPU(*sluiceBin, home, dir, base)
		check(err)
		sl, slCPU = append(sl, res["t"][0]), append(slCPU, c1-c0)
	}, func() {
		var out struct{ T, C float64 }
		check(runPython(debianPython, pySum, &out))
		py, pyCPU = append(py, out.T), append(pyCPU, out.C)
	})
	for r := 0; r < *reps; r++ {
		t := time.Now()
		if sumTo(50000000) != 1249999975000000 {
			log.Fatal("sum")
		}
		gos = append(gos, time.Since(t).Seconds())
	}
	addCPythonRow("sum 0..50 M inside a `func`, in a cell", "CPython", "≤ 1× CPython (the lead's)", sl, py, gos)
	results[len(results)-1].ratio += fmt.Sprintf("; CPU time **%.2f×** CPython (kernel %s, CPython %s)",
		sidebyside.Median(slCPU)/sidebyside.Median(pyCPU), span(slCPU), span(pyCPU))
}

// modelRows runs bench/ml/nb04 (both scikit-learns, alternated) and reads its medians.
func modelRows(dir string, logistic, gbdt bool) {
	bin := filepath.Join(dir, "nb04")
	build := exec.Command("go", "build", "-o", bin, "./bench/ml/nb04")
	build.Stderr = os.Stderr
	check(build.Run())
	js := filepath.Join(dir, "nb04.json")
	args := []string{"-reps", strconv.Itoa(*reps), "-json", js, "-venv", sidebyside.VenvPython(*venvPy)}
	if *oneCore {
		args = append(args, "-one-core")
	}
	if *mlData != "" {
		args = append(args, "-data", *mlData)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	check(err)
	raw, err := os.ReadFile(js)
	check(err)
	var res map[string][]struct {
		Name      string
		Wall, CPU float64
		AUC       float64
		Iters     int `json:"iterations"`
	}
	check(json.Unmarshal(raw, &res))
	mode := "both cores a side"
	if *oneCore {
		mode = "one core a side"
	}
	for _, m := range []struct {
		key, work, target string
		on                bool
	}{
		{"logistic", "logistic regression, notebook 04's training set (80 k × 21), " + mode, "≤ 1×, AUC within 0.001", logistic},
		{"gbdt", "GBDT, same data, " + mode, "≤ 0.7×, AUC within 0.001", gbdt},
	} {
		sides := res[m.key]
		if !m.on || len(sides) < 3 {
			continue
		}
		us := sides[0]
		var anchor, ratio []string
		for _, s := range sides[1:] {
			anchor = append(anchor, fmt.Sprintf("%s %.3g s wall, %.3g s CPU, AUC %.5f", s.Name, s.Wall, s.CPU, s.AUC))
			ratio = append(ratio, fmt.Sprintf("**%.2f×** CPU, %.2f× wall (%s)", us.CPU/s.CPU, us.Wall/s.Wall, strings.TrimPrefix(s.Name, "sklearn ")))
		}
		results = append(results, result{work: m.work,
			sluice: fmt.Sprintf("%.3g s wall, %.3g s CPU, AUC %.5f", us.Wall, us.CPU, us.AUC),
			anchor: strings.Join(anchor, "; "), ratio: strings.Join(ratio, "; "), target: m.target})
	}
	if len(out) > 0 {
		log.Printf("bench/ml/nb04:\n%s", out)
	}
}

const sqloCreate = `%%sql
CREATE OR REPLACE TABLE anchors_1m AS
SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.37)::double AS score,
       'name ' || (g % 1000)::varchar AS name, g % 3 = 0 AS active,
       timestamptz '2024-01-01 00:00:00+00' + to_seconds(g) AS ts
FROM range(1, 1000001) AS s(g)`

const sqloQuery = "SELECT id, user_id, score, name, active, ts FROM anchors_1m"

const pyFetch = `
import json, sys, time, warnings
import pandas as pd
import psycopg2
warnings.filterwarnings("ignore")
conn = psycopg2.connect(sys.argv[1])
t = time.perf_counter()
df = pd.read_sql(sys.argv[2], conn)
el = time.perf_counter() - t
assert len(df) == 1000000, len(df)
print(json.dumps({"t": el, "pandas": pd.__version__}))
`

const pgCreate = `CREATE TABLE IF NOT EXISTS anchors_1m AS
SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.37)::double precision AS score,
       'name ' || (g % 1000)::text AS name, g % 3 = 0 AS active,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS ts
FROM generate_series(1, 1000000) AS s(g)`

const pyPGCreate = `
import json, sys
import psycopg2
conn = psycopg2.connect(sys.argv[1])
conn.autocommit = True
conn.cursor().execute(sys.argv[2])
print("{}")
`

func sqloRow(dir string) {
	home := filepath.Join(dir, "home")
	defer stopSandbox(home)
	var sl, py []float64
	cells := []nbCell{{src: sqloCreate}, {src: "%%sql -o t\n" + sqloQuery, timed: "t"}, {src: `if t.NumRows() != 1000000 { panic(t.NumRows()) }`}}
	var pandas string
	alternate(func() { sl = append(sl, kernelOnce(home, dir, cells)) }, func() {
		st, err := qs.ReadSandboxState(filepath.Join(home, "sandbox"))
		if err != nil { // the first round's kernel has not started it yet
			sl = append(sl, kernelOnce(home, dir, cells))
			st, err = qs.ReadSandboxState(filepath.Join(home, "sandbox"))
			check(err)
		}
		var out struct {
			T      float64
			Pandas string
		}
		check(runPython(debianPython, pyFetch, &out, st.DSN(), sqloQuery))
		py, pandas = append(py, out.T), out.Pandas
	})
	anchor := fmt.Sprintf("psycopg2 + pandas %s `read_sql` from the same sandbox %s", pandas, span(py))
	ratio := fmt.Sprintf("**%.2f×** (sandbox)", sidebyside.Median(sl)/sidebyside.Median(py))
	if dsn := os.Getenv("SLUICE_TEST_PG_DSN"); dsn != "" {
		// the same rows in PostgreSQL: psycopg2 + pandas's usual source
		var none struct{}
		check(runPython(debianPython, pyPGCreate, &none, dsn, pgCreate))
		var pg []float64
		for r := 0; r < *reps; r++ {
			var out struct{ T float64 }
			check(runPython(debianPython, pyFetch, &out, dsn, sqloQuery))
			pg = append(pg, out.T)
		}
		anchor += fmt.Sprintf("; from PostgreSQL %s", span(pg))
		ratio += fmt.Sprintf("; **%.2f×** (psycopg2 + pandas from PostgreSQL)", sidebyside.Median(sl)/sidebyside.Median(pg))
	}
	results = append(results, result{
		work:   "`%%sql -o` 1 M rows × 6 columns from the sandbox, in a cell",
		sluice: span(sl), anchor: anchor, ratio: ratio, target: "≤ 0.3×",
	})
}

func stopSandbox(home string) {
	cmd := exec.Command(*sluiceBin, "sandbox", "stop")
	cmd.Env = append(os.Environ(), "SLUICE_HOME="+home)
	_ = cmd.Run()
}

// synthChildMain generates users' events (in batches one at a time, or one table) and
// prints wall and CPU seconds and the peak RSS as JSON.
func synthChildMain(users, batches int) {
	cfg := synth.Config{Users: users, Seed: 1, End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	t0 := time.Now()
	events := 0
	if batches <= 1 {
		events = synth.Events(cfg, 0, users).NumRows()
	} else {
		for b := 0; b < batches; b++ {
			from, to := synth.Range(users, b, batches)
			events += synth.Events(cfg, from, to).NumRows()
		}
	}
	wall := time.Since(t0).Seconds()
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	json.NewEncoder(os.Stdout).Encode(map[string]float64{"wall": wall, "cpu": cpu, "rssMiB": float64(ru.Maxrss) / 1024, "events": float64(events)})
}

type synthRun struct {
	Wall, CPU, RssMiB, Events float64
}

func synthOnce(users, batches int) synthRun {
	cmd := exec.Command(os.Args[0], "-synth-child", strconv.Itoa(users), "-batches", strconv.Itoa(batches))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	check(err)
	var r synthRun
	check(json.Unmarshal(out, &r))
	return r
}

func synthRows(string) {
	const ref = 100_000
	var one, five, batch []synthRun
	for r := 0; r < *reps; r++ {
		if r%2 == 0 {
			one, five, batch = append(one, synthOnce(ref, 1)), append(five, synthOnce(5*ref, 1)), append(batch, synthOnce(ref, 10))
		} else {
			batch, five, one = append(batch, synthOnce(ref, 10)), append(five, synthOnce(5*ref, 1)), append(one, synthOnce(ref, 1))
		}
	}
	pick := func(rs []synthRun, f func(synthRun) float64) []float64 {
		var xs []float64
		for _, r := range rs {
			xs = append(xs, f(r))
		}
		return xs
	}
	wall := func(r synthRun) float64 { return r.Wall }
	rss := func(r synthRun) float64 { return r.RssMiB }
	results = append(results, result{
		work: fmt.Sprintf("synthetic events, all users in one table: 1× (100,000 users, %.0f events) and 5× (%.0f events)", one[0].Events, five[0].Events),
		sluice: fmt.Sprintf("1×: %s, peak RSS %.0f MiB; 5×: %s, peak RSS %.0f MiB",
			span(pick(one, wall)), sidebyside.Median(pick(one, rss)), span(pick(five, wall)), sidebyside.Median(pick(five, rss))),
		anchor: fmt.Sprintf("batch mode (10 batches of 10,000 users, one at a time): %s, peak RSS %.0f MiB", span(pick(batch, wall)), sidebyside.Median(pick(batch, rss))),
		ratio: fmt.Sprintf("time 5×/1× **%.2f**; peak RSS 5×/1× **%.2f**; 1× one table ÷ batch mode: time %.2f×, RSS %.2f×",
			sidebyside.Median(pick(five, wall))/sidebyside.Median(pick(one, wall)), sidebyside.Median(pick(five, rss))/sidebyside.Median(pick(one, rss)),
			sidebyside.Median(pick(one, wall))/sidebyside.Median(pick(batch, wall)), sidebyside.Median(pick(one, rss))/sidebyside.Median(pick(batch, rss))),
		target: "time 5×/1× ≤ 5.5; peak RSS 5× ≤ 2× the 1×",
		notes:  []string{fmt.Sprintf("CPU seconds: 1× %.2f, 5× %.2f, batch mode %.2f (medians)", sidebyside.Median(pick(one, func(r synthRun) float64 { return r.CPU })), sidebyside.Median(pick(five, func(r synthRun) float64 { return r.CPU })), sidebyside.Median(pick(batch, func(r synthRun) float64 { return r.CPU })))},
	})
}

// rssRow runs the seven notebooks at the reference scale from an empty SLUICE_HOME
// with `sluice run` and reads the sandbox process's resident memory afterwards.
func rssRow(dir string) {
	home := filepath.Join(dir, "home")
	defer stopSandbox(home)
	nbs, err := filepath.Glob("notebooks/0*.ipynb")
	check(err)
	t0 := time.Now()
	cmd := exec.Command(*sluiceBin, append([]string{"run", "-o", filepath.Join(dir, "out")}, nbs...)...)
	cmd.Env = append(os.Environ(), "SLUICE_HOME="+home, "SLUICE_BIN="+*sluiceBin)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("sluice run: %v\n%s", err, out)
	}
	el := time.Since(t0).Seconds()
	st, err := qs.ReadSandboxState(filepath.Join(home, "sandbox"))
	check(err)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", st.PID))
	check(err)
	field := func(name string) string {
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, name+":"); ok {
				kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
				return fmt.Sprintf("%d MiB", kb/1024)
			}
		}
		return "?"
	}
	results = append(results, result{
		work:   fmt.Sprintf("sandbox process after the seven notebooks (`sluice run`, %.0f s)", el),
		sluice: fmt.Sprintf("RSS **%s** (peak %s)", field("VmRSS"), field("VmHWM")),
		anchor: "—", ratio: "—", target: "≤ 512 MiB by default; memory_limit and threads documented and overridable",
	})
}
