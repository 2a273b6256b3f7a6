// Package frontend measures what the kernel engine's typed front end costs per cell.
//
// This file is self-contained on purpose: it uses only the engine's public API
// (engine.New, (*engine.Engine).Execute with a kernel.CellIO), so run.sh copies it
// unchanged into a worktree of the engine before the front end and runs it there too.
// Both sides read the same notebooks and corpus (FEBENCH_ROOT).
//
// Environment:
//
//	FEBENCH_ROOT   repository whose notebooks/src and kernel/engine/testdata/corpus are
//	               replayed (default: this repository)
//	FEBENCH_OUT    file to which every measured cell is appended as a JSON line
//	FEBENCH_LABEL  the side written into FEBENCH_OUT ("old", "new")
//	FEBENCH_RUN    the invocation written into FEBENCH_OUT (run.sh numbers its rounds)
//	FEBENCH_NOTEBOOKS=1  runs BenchmarkNotebooks, which regenerates the notebooks'
//	               datasets at a small scale wherever qs.Current points: run.sh points it
//	               at a private sandbox (SLUICE_HOME in its work directory, SLUICE_BIN)
package frontend

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

// sample is one measured cell.
type sample struct {
	Side  string  `json:"side"`
	Set   string  `json:"set"`  // "notebooks", "corpus", "first"
	Cell  string  `json:"cell"` // notebook#index or program file name
	Kind  string  `json:"kind"` // "go" or "magic"
	Run   string  `json:"run"`  // FEBENCH_RUN: which invocation of the benchmark
	Rep   int     `json:"rep"`
	MS    float64 `json:"ms"`
	OK    bool    `json:"ok"`
	Error string  `json:"error,omitempty"`
}

func root() string {
	if r := os.Getenv("FEBENCH_ROOT"); r != "" {
		return r
	}
	return filepath.Join("..", "..")
}

func record(b testing.TB, ss []sample) {
	path := os.Getenv("FEBENCH_OUT")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, s := range ss {
		s.Run = os.Getenv("FEBENCH_RUN")
		if s.Side == "" {
			s.Side = os.Getenv("FEBENCH_LABEL")
		}
		if err := enc.Encode(s); err != nil {
			b.Fatal(err)
		}
	}
}

// quantile of the samples' times (nearest rank), in milliseconds.
func quantile(ss []sample, q float64) float64 {
	if len(ss) == 0 {
		return 0
	}
	ms := make([]float64, len(ss))
	for i, s := range ss {
		ms[i] = s.MS
	}
	slices.Sort(ms)
	k := int(q*float64(len(ms))+0.5) - 1
	return ms[max(0, min(k, len(ms)-1))]
}

func report(b *testing.B, ss []sample, prefix string) {
	var ok []sample
	for _, s := range ss {
		if s.OK {
			ok = append(ok, s)
		}
	}
	b.ReportMetric(quantile(ss, 0.5), prefix+"median-ms")
	b.ReportMetric(quantile(ss, 0.9), prefix+"p90-ms")
	b.ReportMetric(quantile(ok, 0.5), prefix+"ok-median-ms")
	b.ReportMetric(float64(len(ss)), prefix+"cells")
	b.ReportMetric(float64(len(ss)-len(ok)), prefix+"failed")
}

// nbCell is one code cell of a notebook source (notebooks/src/*.nb).
type nbCell struct {
	name, code string
	params     bool
}

// readNB splits a .nb source at its "//// code" and "//// markdown" marker lines.
func readNB(path string) ([]nbCell, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(path), ".nb")
	var cells []nbCell
	var cur *nbCell
	var body []string
	flush := func() {
		if cur != nil {
			cur.code = strings.TrimSpace(strings.Join(body, "\n"))
			if cur.code != "" {
				cells = append(cells, *cur)
			}
		}
		cur, body = nil, nil
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "//// ") {
			flush()
			f := strings.Fields(line[5:])
			if len(f) > 0 && f[0] == "code" {
				cur = &nbCell{name: fmt.Sprintf("%s#%d", base, len(cells)), params: slices.Contains(f[1:], "parameters")}
			}
			continue
		}
		body = append(body, line)
	}
	flush()
	return cells, nil
}

// small scale for the chain of notebooks: what the parameters cell is followed by, as
// `sluice run -p` would inject it.
var nbParams = map[string]string{
	"01-generate-synthetic-data": "users = 2000\nbatches = 2",
	"04-train-propensity-model":  "trials = 2",
}

func isMagic(code string) bool {
	for _, line := range strings.Split(code, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		return strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || strings.Contains(t, ":= %")
	}
	return false
}

func newEngine(b testing.TB) *engine.Engine {
	e, err := engine.New(engine.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// run executes one cell and measures Execute.
func run(ctx context.Context, e *engine.Engine, code string) (time.Duration, error) {
	cio := &kernel.CellIO{Stdout: io.Discard, Stderr: io.Discard}
	t0 := time.Now()
	_, err := e.Execute(ctx, code, cio)
	return time.Since(t0), err
}

// BenchmarkNotebooks replays the Go and magic cells of the seven notebooks, in order,
// each notebook in a fresh engine (as a kernel per notebook would), on the query
// service in SLUICE_DSN at a small scale. One iteration is the whole chain.
func BenchmarkNotebooks(b *testing.B) {
	if os.Getenv("FEBENCH_NOTEBOOKS") != "1" {
		b.Skip("set FEBENCH_NOTEBOOKS=1 with a private SLUICE_HOME (as run.sh does): the notebooks rewrite their datasets")
	}
	paths, err := filepath.Glob(filepath.Join(root(), "notebooks", "src", "0*.nb"))
	if err != nil || len(paths) != 7 {
		b.Fatalf("want the seven notebook sources, got %d (%v)", len(paths), err)
	}
	ctx := context.Background()
	// The process's one-time costs (symbol tables, type data) are not a cell's: pay them
	// in a throwaway engine first.
	warm := newEngine(b)
	d, err := run(ctx, warm, "x := 1\nfmt.Sprint(x)")
	record(b, []sample{{Set: "first", Cell: "warm-up", Kind: "go", MS: ms(d), OK: err == nil, Error: errText(err)}})
	warm.Close()
	var all []sample
	b.ResetTimer()
	for rep := 0; rep < b.N; rep++ {
		for _, p := range paths {
			cells, err := readNB(p)
			if err != nil {
				b.Fatal(err)
			}
			base := strings.TrimSuffix(filepath.Base(p), ".nb")
			e := newEngine(b)
			for _, c := range cells {
				codes := []string{c.code}
				if c.params && nbParams[base] != "" {
					codes = append(codes, nbParams[base])
				}
				for k, code := range codes {
					cctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
					d, err := run(cctx, e, code)
					cancel()
					name := c.name
					if k > 0 {
						name += "+params"
					}
					kind := "go"
					if isMagic(code) {
						kind = "magic"
					}
					all = append(all, sample{Set: "notebooks", Cell: name, Kind: kind, Rep: rep, MS: ms(d), OK: err == nil, Error: errText(err)})
				}
			}
			e.Close()
		}
	}
	b.StopTimer()
	record(b, all)
	var goCells []sample
	for _, s := range all {
		if s.Kind == "go" {
			goCells = append(goCells, s)
		}
	}
	report(b, goCells, "go-")
	report(b, all, "all-")
}

// The corpus runs in child processes of this test binary: some programs overflow
// yaegi's stack or never finish building a type, which ends or hangs the process. A
// child runs the programs from an index on, each in a fresh engine, and writes one
// JSON line per program; when it dies or stalls, the parent records the program as
// failed and starts a new child after it.
const childEnv = "FEBENCH_CORPUS_CHILD"

func corpusFiles(b testing.TB) []string {
	paths, err := filepath.Glob(filepath.Join(root(), "kernel", "engine", "testdata", "corpus", "*.go"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no corpus programs under %s (%v)", root(), err)
	}
	return paths
}

// TestCorpusChild is the child's entry point; it does nothing in a normal test run.
func TestCorpusChild(t *testing.T) {
	from, err := strconv.Atoi(os.Getenv(childEnv))
	if err != nil {
		t.Skip("only run as the corpus benchmark's child process")
	}
	paths := corpusFiles(t)
	ctx := context.Background()
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	// Process-wide one-time costs first, in a throwaway engine; reported as the first
	// cell of a process.
	warm := newEngine(t)
	d, err := run(ctx, warm, "x := 1\nfmt.Sprint(x)")
	warm.Close()
	enc.Encode(sample{Set: "first", Cell: "warm-up", Kind: "go", MS: ms(d), OK: err == nil, Error: errText(err)})
	out.Flush()
	for i := from; i < len(paths); i++ {
		src, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		e := newEngine(t)
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		d, err := run(cctx, e, string(src))
		cancel()
		e.Close()
		enc.Encode(sample{Set: "corpus", Cell: filepath.Base(paths[i]), Kind: "go", MS: ms(d), OK: err == nil, Error: errText(err)})
		out.Flush()
	}
}

// BenchmarkCorpus runs each program of kernel/engine/testdata/corpus as one cell in a
// fresh engine. One iteration is the whole corpus.
func BenchmarkCorpus(b *testing.B) {
	paths := corpusFiles(b)
	var all, first []sample
	b.ResetTimer()
	for rep := 0; rep < b.N; rep++ {
		next := 0
		for next < len(paths) {
			got, died := corpusChild(b, next)
			for _, s := range got {
				s.Rep = rep
				if s.Set == "first" {
					first = append(first, s)
					continue
				}
				all = append(all, s)
				next++
			}
			if died != "" && next < len(paths) {
				all = append(all, sample{Set: "corpus", Cell: filepath.Base(paths[next]), Kind: "go", Rep: rep, MS: -1, Error: died})
				next++
			}
		}
	}
	b.StopTimer()
	record(b, first)
	record(b, all)
	var measured []sample
	for _, s := range all {
		if s.MS >= 0 {
			measured = append(measured, s)
		}
	}
	report(b, measured, "")
	b.ReportMetric(float64(len(all)-len(measured)), "crashed")
	b.ReportMetric(quantile(first, 0.5), "first-cell-ms")
}

// corpusChild runs a child from index from; it returns the samples it wrote and, when it
// ended before the last program, why.
func corpusChild(b *testing.B, from int) ([]sample, string) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCorpusChild$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+strconv.Itoa(from))
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var got []sample
	why := ""
	const stall = 20 * time.Second // a program's timeout is 10 s; engine start is included
	timer := time.NewTimer(stall)
	defer timer.Stop()
loop:
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				break loop
			}
			var s sample
			if json.Unmarshal([]byte(line), &s) == nil && s.Set != "" {
				got = append(got, s)
			}
			timer.Reset(stall)
		case <-timer.C:
			why = "stalled; killed"
			cmd.Process.Kill()
			for range lines {
			}
			break loop
		}
	}
	if err := cmd.Wait(); err != nil && why == "" {
		why = "child died: " + err.Error()
	}
	return got, why
}

// smallSetup and smallCells are the kernel round trip's cells (roundtrip_test.go), kept
// here too so that this file stays self-contained.
const smallSetup = "func first[T any](xs []T) T { return xs[0] }\ntype point struct{ X, Y int }"

var smallCells = []string{
	"1+1",
	"x := 1",
	"fmt.Println(x)",
	"func sq(n int) int { return n * n }",
	"sq(x + 2)",
	`first([]string{"a", "b"})`,
	"p := point{X: x, Y: 2}\np.X + p.Y",
	"s := 0\nfor i := range 100 {\n\ts += i\n}\ns",
}

// BenchmarkSmallCells runs the round trip's small cells in one engine, in process: the
// engine's share of the round trip, and what to profile (-test.cpuprofile). One
// iteration runs every cell once.
func BenchmarkSmallCells(b *testing.B) {
	ctx := context.Background()
	e := newEngine(b)
	defer e.Close()
	if _, err := run(ctx, e, smallSetup); err != nil {
		b.Fatal(err)
	}
	var all []sample
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, c := range smallCells {
			d, err := run(ctx, e, c)
			if err != nil {
				b.Fatalf("%q: %v", c, err)
			}
			all = append(all, sample{Set: "small", Cell: strings.ReplaceAll(c, "\n", "; "), Kind: "go", Rep: n, MS: ms(d), OK: true})
		}
	}
	b.StopTimer()
	record(b, all)
	report(b, all, "")
	for k, c := range smallCells {
		var one []sample
		for _, s := range all {
			if s.Cell == strings.ReplaceAll(c, "\n", "; ") {
				one = append(one, s)
			}
		}
		b.ReportMetric(quantile(one, 0.5), fmt.Sprintf("cell%d-median-ms", k))
	}
}

// BenchmarkSessionSize measures a small cell ("y := x + 1" and "fmt.Sprint(y)") after
// the session has accumulated n declarations (n/3 funcs, types and variables, one cell
// each): the front end type-checks every cell together with the session's declarations.
func BenchmarkSessionSize(b *testing.B) {
	for _, n := range []int{0, 30, 150, 600} {
		b.Run(fmt.Sprintf("decls=%d", n), func(b *testing.B) {
			ctx := context.Background()
			e := newEngine(b)
			defer e.Close()
			for i := 0; i < n/3; i++ {
				for _, c := range []string{
					fmt.Sprintf("type t%d struct{ A, B int }", i),
					fmt.Sprintf("func f%d(v t%d) int { return v.A + v.B + %d }", i, i, i),
					fmt.Sprintf("v%d := f%d(t%d{A: %d})", i, i, i, i),
				} {
					if _, err := run(ctx, e, c); err != nil {
						b.Fatalf("%q: %v", c, err)
					}
				}
			}
			if _, err := run(ctx, e, "x := 1"); err != nil {
				b.Fatal(err)
			}
			var all []sample
			b.ResetTimer()
			for k := 0; k < b.N; k++ {
				for _, c := range []string{"y := x + 1", "fmt.Sprint(y)"} {
					d, err := run(ctx, e, c)
					if err != nil {
						b.Fatalf("%q: %v", c, err)
					}
					all = append(all, sample{Set: "session", Cell: fmt.Sprintf("%d declarations", n), Kind: "go", Rep: k, MS: ms(d), OK: true})
				}
			}
			b.StopTimer()
			record(b, all)
			b.ReportMetric(quantile(all, 0.5), "median-ms")
			b.ReportMetric(quantile(all, 0.9), "p90-ms")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func errText(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
