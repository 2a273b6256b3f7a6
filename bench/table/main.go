// Command table benchmarks table's group-by, join and Describe against pandas, side by side
// in one run, and %%sql --go's engine (tablesql) on the same data:
//
//	go run ./bench/table -rows 1000000,10000000
//
// Each side runs in a process of its own under /usr/bin/time -v (for the peak RSS); both
// build the same data from the same formula (see facts and pandas_bench.py).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

func main() {
	rows := flag.String("rows", "1000000,10000000", "row counts, comma-separated")
	worker := flag.String("worker", "", "internal: go or sql")
	n := flag.Int("n", 0, "internal: rows for the worker")
	py := flag.String("python", "/usr/bin/python3", "python with pandas")
	prof := flag.String("cpuprofile", "", "internal: write the worker's CPU profile of the operations here")
	flag.Parse()
	if *worker != "" {
		runWorker(*worker, *n, *prof)
		return
	}
	self, err := os.Executable()
	check(err)
	_, src, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(src), "pandas_bench.py")
	fmt.Printf("date %s, %d CPUs, load %s\n", time.Now().UTC().Format(time.RFC3339), runtime.NumCPU(), load())
	for _, s := range strings.Split(*rows, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		g := measure(self, "-worker", "go", "-n", strconv.Itoa(n))
		p := measure(*py, script, strconv.Itoa(n))
		q := measure(self, "-worker", "sql", "-n", strconv.Itoa(n))
		sp := measure(self, "-worker", "sqlsplit", "-n", strconv.Itoa(n))
		fmt.Printf("\n%d rows (load %s)\n", n, load())
		fmt.Printf("%-10s %10s %10s %8s\n", "op", "sluice s", "pandas s", "ratio")
		for _, op := range []string{"build", "groupby", "join", "describe"} {
			fmt.Printf("%-10s %10.3f %10.3f %8.2f\n", op, g.T[op], p.T[op], g.T[op]/p.T[op])
		}
		tot := g.T["groupby"] + g.T["join"] + g.T["describe"]
		ptot := p.T["groupby"] + p.T["join"] + p.T["describe"]
		fmt.Printf("%-10s %10.3f %10.3f %8.2f\n", "ops total", tot, ptot, tot/ptot)
		fmt.Printf("%-10s %9.0fM %9.0fM %8.2f\n", "peak RSS", g.RSS/1024, p.RSS/1024, g.RSS/p.RSS)
		fmt.Printf("%%%%sql --go group-by: %.3f s (peak RSS %.0fM); check: groups %v/%v/%v, join rows %v/%v\n",
			q.T["sql_groupby"], q.RSS/1024, g.C["groups"], p.C["groups"], q.C["groups"], g.C["join_rows"], p.C["join_rows"])
		fmt.Printf("  split: scan of the 4 columns %.3f s; copy into DuckDB %.3f s; the group-by over the copy %.3f s\n",
			sp.T["sql_scan"], sp.T["sql_copy"], sp.T["sql_native_groupby"])
	}
}

type result struct {
	T   map[string]float64 // seconds per operation
	C   map[string]float64 // checks: result sizes
	RSS float64            // peak RSS, KiB
}

var rssRE = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// measure runs a worker under /usr/bin/time -v and reads its JSON line and peak RSS.
func measure(args ...string) result {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v"}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "%v: %v\n%s\n%s", args, err, out.String(), errb.String())
		os.Exit(1)
	}
	var r result
	check(json.Unmarshal(bytes.TrimSpace(out.Bytes()), &r))
	m := rssRE.FindStringSubmatch(errb.String())
	if m != nil {
		r.RSS, _ = strconv.ParseFloat(m[1], 64)
	}
	return r
}

func load() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// facts builds the fact table from a formula pandas_bench.py repeats exactly: h is a
// multiplicative hash of the row number; g has 1000 values and NULL every 23rd row, k 10
// values, x is NULL every 17th row, id joins the 100,000-row dimension (every 10th id is
// missing from it).
func facts(n int) (*table.Table, *table.Table) {
	gb := table.NewBuilder("g", "", table.KindString)
	k, id, nn := make([]int64, n), make([]int64, n), make([]int64, n)
	x := make([]float64, n)
	xnull := make([]bool, n)
	gb.Grow(n)
	for i := 0; i < n; i++ {
		h := (uint64(i) * 2654435761) & 0xffffffff
		if i%23 == 0 {
			gb.AppendNull()
		} else {
			gb.AppendString("g" + strconv.FormatUint(h%1000, 10))
		}
		k[i] = int64((h >> 10) % 10)
		x[i] = float64((h>>3)%100000) / 100
		xnull[i] = i%17 == 0
		nn[i] = int64((h>>7)%1000) - 300
		id[i] = int64(h % 110000)
	}
	f := table.New(gb.Finish(), table.IntColumn("k", k), table.FloatColumn("x", x).WithNulls(xnull), table.IntColumn("n", nn), table.IntColumn("id", id))
	const d = 100000
	did, w := make([]int64, 0, d), make([]int64, 0, d)
	for i := 0; i < 110000; i++ {
		if i%11 != 0 && len(did) < d {
			did = append(did, int64(i))
			w = append(w, int64(i%7))
		}
	}
	return f, table.New(table.IntColumn("id", did), table.IntColumn("w", w))
}

func runWorker(mode string, n int, prof string) {
	r := result{T: map[string]float64{}, C: map[string]float64{}}
	t0 := time.Now()
	f, dim := facts(n)
	r.T["build"] = time.Since(t0).Seconds()
	if prof != "" {
		pf, err := os.Create(prof)
		check(err)
		check(pprof.StartCPUProfile(pf))
		defer pprof.StopCPUProfile()
	}
	switch mode {
	case "go":
		t0 = time.Now()
		g := f.GroupBy("g", "k").Agg(table.CountRows(), table.Sum("n"), table.Mean("x"), table.Std("x"))
		r.T["groupby"] = time.Since(t0).Seconds()
		r.C["groups"] = float64(g.NumRows())
		t0 = time.Now()
		j := f.LeftJoin(dim, "id")
		r.T["join"] = time.Since(t0).Seconds()
		r.C["join_rows"] = float64(j.NumRows())
		j = nil
		t0 = time.Now()
		s := f.Describe()
		r.T["describe"] = time.Since(t0).Seconds()
		r.C["cols"] = float64(len(s.Columns))
	case "sql":
		t0 = time.Now()
		out, err := tablesql.Query(`SELECT g, k, count(*), sum(n), avg(x), stddev_samp(x) FROM facts GROUP BY g, k`,
			map[string]*table.Table{"facts": f})
		check(err)
		r.T["sql_groupby"] = time.Since(t0).Seconds()
		r.C["groups"] = float64(out.NumRows())
	case "sqlsplit":
		// The split of the time above: feeding DuckDB the four columns the group-by reads
		// (a query that only sums them), copying the table into DuckDB's storage, and the
		// group-by over that copy.
		db, err := tablesql.Open()
		check(err)
		db.Register("facts", f)
		t0 = time.Now()
		_, err = db.Query(`SELECT count(g), sum(k), sum(n), sum(x) FROM facts`)
		check(err)
		r.T["sql_scan"] = time.Since(t0).Seconds()
		t0 = time.Now()
		check(db.Exec(`CREATE TABLE native AS SELECT g, k, n, x FROM facts`))
		r.T["sql_copy"] = time.Since(t0).Seconds()
		t0 = time.Now()
		out, err := db.Query(`SELECT g, k, count(*), sum(n), avg(x), stddev_samp(x) FROM native GROUP BY g, k`)
		check(err)
		r.T["sql_native_groupby"] = time.Since(t0).Seconds()
		r.C["groups"] = float64(out.NumRows())
		check(db.Close())
	}
	check(json.NewEncoder(os.Stdout).Encode(r))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
