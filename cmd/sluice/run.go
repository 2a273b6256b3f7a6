package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/sluice-dev/sluice/platform/sandbox"
	"github.com/sluice-dev/sluice/runner"
)

func init() {
	register("run", "execute notebooks headless with parameters (papermill-style)", runNotebooks)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runNotebooks(args []string) int {
	fs := flag.NewFlagSet("sluice run", flag.ContinueOnError)
	var (
		params, skipTags, envs                 stringList
		outDir, output, paramFile, kernel, cwd string
		startTimeout, cellTimeout, timeout     time.Duration
		logOutput, html, prepareOnly, helpNB   bool
		quiet, junitCells                      bool
		junitFile, eventsFile                  string
		retries                                int
		resume, keepHomes                      bool
		matrix                                 stringList
		parallel                               int
		retryDelay                             time.Duration
	)
	fs.StringVar(&outDir, "o", "", "write executed notebooks into `DIR` (same file names)")
	fs.StringVar(&output, "output", "", "output notebook `FILE`; {name} and {param} expand (e.g. out/{name}-{users}.ipynb); - for standard output")
	fs.Var(&params, "p", "parameter `name=value` (repeatable); converted to the type declared in the parameters cell")
	fs.StringVar(&paramFile, "f", "", "parameters from a YAML or JSON `FILE`")
	fs.StringVar(&kernel, "kernel", "", "kernelspec `NAME` to use instead of the notebook's (e.g. python3)")
	fs.StringVar(&cwd, "cwd", "", "working `DIR` of the kernel (default: the notebook's directory)")
	fs.DurationVar(&startTimeout, "start-timeout", 60*time.Second, "time allowed for the kernel to start")
	fs.DurationVar(&cellTimeout, "cell-timeout", 0, "time limit per cell (0: none)")
	fs.DurationVar(&timeout, "timeout", 0, "time limit for each notebook (0: none)")
	fs.BoolVar(&logOutput, "log-output", false, "stream each cell's output to stderr as it runs")
	fs.Var(&skipTags, "skip-tag", "skip cells carrying `TAG` (repeatable); they are recorded as skipped")
	fs.BoolVar(&html, "html", false, "also write a standalone HTML rendering of each executed notebook")
	fs.BoolVar(&prepareOnly, "prepare-only", false, "inject the parameters and write the notebook without running it")
	fs.BoolVar(&helpNB, "help-notebook", false, "list the notebook's parameters with types, defaults and comments")
	fs.BoolVar(&quiet, "quiet", false, "no progress bar or summary")
	fs.StringVar(&junitFile, "junit", "", "write a JUnit XML report to `FILE` (a test case per notebook)")
	fs.BoolVar(&junitCells, "junit-cells", false, "with --junit, also a test case per code cell")
	fs.StringVar(&eventsFile, "json-events", "", "append one JSON object per line to `FILE` as the run goes (run_start, cell_start, cell_end, run_end)")
	noSign := fs.Bool("no-sign", false, "do not sign the executed notebooks in your Jupyter trust database (signed, Jupyter shows their HTML and SVG outputs)")
	fs.Var(&matrix, "m", "matrix parameter `name=value` (repeatable; repeating a name adds a value): every combination runs as a job")
	fs.IntVar(&parallel, "j", 1, "run up to `N` matrix jobs at once, each with its own kernel and SLUICE_HOME")
	fs.BoolVar(&keepHomes, "keep-job-homes", false, "keep each matrix job's SLUICE_HOME (a temporary directory) after the run")
	fs.BoolVar(&resume, "resume", false, "continue the failed run whose output notebook is at the output path, in a fresh kernel: replay the cells before the failed one (keeping their outputs; cells tagged no-replay are not run), then run from it")
	fs.IntVar(&retries, "retries", 0, "run a cell tagged \"retry\" up to `N` more times when it fails with an error of its own (not a timeout)")
	fs.DurationVar(&retryDelay, "retry-delay", time.Second, "wait this long times the attempt number between retries")
	fs.Var(&envs, "env", "`NAME=value` added to the kernel's environment (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice run NOTEBOOK... [flags]\n\nExit codes: 0 ok, 1 a cell failed, 2 usage or parameter error, 3 timeout, 4 kernel died, 5 I/O error (also when a run that failed could not write its output), 130 interrupted.\nThe output must be a new or regular file in a writable directory; it is checked before anything runs. --output - writes the notebook to standard output.\n\nflags:")
		fs.PrintDefaults()
	}
	var notebooks []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return runner.ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		notebooks = append(notebooks, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(notebooks) == 0 {
		fmt.Fprintln(os.Stderr, "sluice run: no notebook given")
		fs.Usage()
		return runner.ExitUsage
	}
	if helpNB {
		return helpNotebooks(notebooks)
	}
	values := map[string]any{}
	if paramFile != "" {
		data, err := os.ReadFile(paramFile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: %v\n", err)
			return runner.ExitIO
		}
		m, err := runner.ParseParamsFile(data)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: %s: %v\n", paramFile, err)
			return runner.ExitUsage
		}
		for k, v := range m {
			values[k] = v
		}
	}
	dims, err := runner.MatrixFromFile(values)
	if err != nil {
		fmt.Fprintf(os.Stderr, "sluice run: %s: %v\n", paramFile, err)
		return runner.ExitUsage
	}
	for _, p := range params {
		name, value, err := runner.ParseValueArg(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: %v\n", err)
			return runner.ExitUsage
		}
		values[name] = value
	}
	if dims, err = addMatrixArgs(dims, matrix); err != nil {
		fmt.Fprintf(os.Stderr, "sluice run: %v\n", err)
		return runner.ExitUsage
	}
	if output != "" && len(notebooks) > 1 && !strings.Contains(output, "{name}") && !strings.Contains(output, "{notebook_name}") {
		fmt.Fprintln(os.Stderr, "sluice run: --output names one file but several notebooks were given; use -o DIR or put {name} in the path")
		return runner.ExitUsage
	}
	self, _ := os.Executable()
	opts := runner.Options{
		Output: output, OutputDir: outDir, Params: values, Kernel: kernel, Cwd: cwd,
		StartTimeout: startTimeout, CellTimeout: cellTimeout, Timeout: timeout,
		LogOutput: logOutput, Progress: !quiet && !logOutput && term.IsTerminal(int(os.Stderr.Fd())),
		Log: os.Stderr, SkipTags: skipTags, HTML: html, PrepareOnly: prepareOnly,
		SelfBinary: self, Env: envs, Retries: retries, RetryDelay: retryDelay, Resume: resume,
		NoSign: *noSign,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if quiet {
		opts.Log = nil
	}
	if retries < 0 {
		fmt.Fprintln(os.Stderr, "sluice run: --retries must be 0 or more")
		return runner.ExitUsage
	}
	if junitCells && junitFile == "" {
		fmt.Fprintln(os.Stderr, "sluice run: --junit-cells needs --junit FILE")
		return runner.ExitUsage
	}
	if eventsFile != "" {
		f, err := os.OpenFile(eventsFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: --json-events: %v\n", err)
			return runner.ExitIO
		}
		defer f.Close()
		opts.Events = runner.NewEventLog(f)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(dims) > 0 {
		m := matrixRun{notebooks: notebooks, base: opts, output: output, outDir: outDir, parallel: parallel,
			keepHomes: keepHomes, quiet: quiet, junitFile: junitFile, junitCells: junitCells}
		return m.run(ctx, runner.MatrixJobs(values, dims))
	}
	var runs []runner.NotebookRun
	code := 0
	for _, nb := range notebooks {
		if code != 0 {
			runs = append(runs, runner.NotebookRun{Input: nb, NotRun: true})
			continue
		}
		start := time.Now()
		res, err := runner.Run(ctx, nb, opts)
		runs = append(runs, runner.NotebookRun{Input: nb, Result: res, Err: err})
		if err != nil {
			code = runner.ExitCode(err)
			fmt.Fprintf(os.Stderr, "sluice run: %s: %v\n", nb, err)
			if res != nil && res.Output != "" {
				fmt.Fprintf(os.Stderr, "sluice run: %s\n", whereOutput(res))
			}
			continue
		}
		if !quiet && !opts.Progress && !logOutput {
			fmt.Fprintf(os.Stderr, "%s → %s%s (%.1fs)\n", nb, outputName(res.Output), htmlNote(res), time.Since(start).Seconds())
		}
	}
	if junitFile != "" {
		if err := writeJUnit(junitFile, runs, junitCells); err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: --junit: %v\n", err)
			if code == 0 {
				code = runner.ExitIO
			}
		}
	}
	return code
}

// htmlNote names the HTML report written beside the output notebook, if any.
func htmlNote(res *runner.Result) string {
	if res.HTMLPath == "" {
		return ""
	}
	return " and " + res.HTMLPath
}

// writeJUnit writes the JUnit report of runs to path.
func writeJUnit(path string, runs []runner.NotebookRun, perCell bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := runner.WriteJUnit(f, runs, perCell); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// whereOutput tells what a failed run left at its output: only what was written.
func whereOutput(res *runner.Result) string {
	switch {
	case res.Written:
		return "the output notebook, as far as the run went, is in " + outputName(res.Output) + htmlNote(res)
	case res.Checkpointed:
		return res.Output + " holds only a checkpoint written during the run, not the final notebook"
	}
	return "no output notebook was written"
}

func outputName(path string) string {
	if path == runner.StdoutPath {
		return "standard output"
	}
	return path
}

// helpNotebooks prints each notebook's parameters.
func helpNotebooks(notebooks []string) int {
	for _, path := range notebooks {
		nb, err := runner.ReadNotebook(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: %v\n", err)
			return runner.ExitUsage
		}
		fmt.Printf("Parameters of %s:\n", path)
		found := false
		for _, c := range nb.Cells {
			if c.Type != "code" || !c.HasTag("parameters") {
				continue
			}
			found = true
			ps, err := runner.ParseParams(c.Source)
			if err != nil {
				fmt.Fprintf(os.Stderr, "sluice run: %s: %v\n", path, err)
				return runner.ExitUsage
			}
			for _, p := range ps {
				typ := p.Type
				if typ == "" {
					typ = "?"
				}
				fmt.Printf("  %-16s %-14s default %-22s %s\n", p.Name, typ, p.Default, p.Help)
			}
			break
		}
		if !found {
			fmt.Println("  (no cell tagged \"parameters\")")
		}
	}
	return 0
}

// addMatrixArgs adds the -m name=value arguments to dims: a name seen again gets
// another value.
func addMatrixArgs(dims []runner.Dim, args []string) ([]runner.Dim, error) {
	for _, a := range args {
		name, value, err := runner.ParseValueArg(a)
		if err != nil {
			return nil, fmt.Errorf("-m: %w", err)
		}
		found := false
		for i := range dims {
			if dims[i].Name == name {
				dims[i].Values = append(dims[i].Values, value)
				found = true
			}
		}
		if !found {
			dims = append(dims, runner.Dim{Name: name, Values: []any{value}})
		}
	}
	return dims, nil
}

// matrixRun runs the notebooks' chain once per matrix job, -j at a time, each job with
// its own kernel, its own SLUICE_HOME and outputs named after its parameters.
type matrixRun struct {
	notebooks            []string
	base                 runner.Options
	output, outDir       string
	parallel             int
	keepHomes, quiet     bool
	junitFile            string
	junitCells           bool
	mu                   sync.Mutex
	finished, totalCount int
}

func (m *matrixRun) run(ctx context.Context, jobs []runner.Job) int {
	if m.output == runner.StdoutPath {
		fmt.Fprintln(os.Stderr, "sluice run: a matrix writes one notebook per job; --output - cannot hold them")
		return runner.ExitUsage
	}
	if m.base.LogOutput && m.parallel > 1 {
		fmt.Fprintln(os.Stderr, "sluice run: --log-output with -j above 1 would interleave the jobs' outputs; use -j 1 or --json-events")
		return runner.ExitUsage
	}
	if m.output != "" && !strings.Contains(m.output, "{") && len(jobs) > 1 {
		fmt.Fprintln(os.Stderr, "sluice run: --output names one file but the matrix has several jobs; put {name} and a {param} in it, or use -o DIR")
		return runner.ExitUsage
	}
	if m.base.Resume {
		fmt.Fprintln(os.Stderr, "sluice run: --resume continues one run; it does not take a matrix")
		return runner.ExitUsage
	}
	m.totalCount = len(jobs)
	homes, err := os.MkdirTemp("", "sluice-jobs-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "sluice run: %v\n", err)
		return runner.ExitIO
	}
	if !m.keepHomes {
		defer os.RemoveAll(homes)
	}
	base := m.base
	base.Log, base.Progress, base.Logger = nil, false, m.base.Logger
	results := runner.RunMatrix(ctx, m.notebooks, jobs, runner.MatrixOptions{
		Parallel: m.parallel,
		JobOptions: func(j runner.Job) (runner.Options, func(), error) {
			o := base
			o.Job = j.Name
			o.Output, o.OutputDir = runner.JobOutput(m.output, m.outDir, j), ""
			home := filepath.Join(homes, fmt.Sprintf("job-%s", strings.NewReplacer("=", "-", ",", "_", "/", "-").Replace(j.Name)))
			if err := os.MkdirAll(home, 0o700); err != nil {
				return o, nil, &runner.IOError{Err: err}
			}
			o.Env = append(append([]string(nil), base.Env...), "SLUICE_HOME="+home)
			// A notebook that queried the sandbox started one in the job's home: stop it.
			return o, func() { _, _ = sandbox.Stop(filepath.Join(home, "sandbox"), 10*time.Second) }, nil
		},
		Done: m.done,
	})
	code := 0
	var runs []runner.NotebookRun
	for _, r := range results {
		code = max(code, r.Code)
		for _, run := range r.Runs {
			run.Input = fmt.Sprintf("%s [%s]", run.Input, r.Name)
			runs = append(runs, run)
		}
	}
	if !m.quiet {
		runner.WriteMatrixSummary(os.Stderr, results)
		if m.keepHomes {
			fmt.Fprintf(os.Stderr, "the jobs' SLUICE_HOME directories are under %s\n", homes)
		}
	}
	if m.junitFile != "" {
		if err := writeJUnit(m.junitFile, runs, m.junitCells); err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: --junit: %v\n", err)
			code = max(code, runner.ExitIO)
		}
	}
	return code
}

// done reports a finished job (jobs finish in any order).
func (m *matrixRun) done(r runner.JobResult) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.finished++
	for _, run := range r.Runs {
		if run.Err != nil {
			fmt.Fprintf(os.Stderr, "sluice run: [%s] %s: %v\n", r.Name, run.Input, run.Err)
		}
	}
	if !m.quiet {
		status := "ok"
		if r.Code != 0 {
			status = fmt.Sprintf("failed (exit %d)", r.Code)
		}
		fmt.Fprintf(os.Stderr, "job %d/%d done: %s: %s (%.1fs)\n", m.finished, m.totalCount, r.Name, status, r.Duration.Seconds())
	}
}
