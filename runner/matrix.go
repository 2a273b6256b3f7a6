package runner

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Dim is one axis of a parameter matrix: a parameter and the values it takes.
type Dim struct {
	Name   string
	Values []any
}

// Job is one combination of a matrix: its parameters and a name made of them
// (users=1000,seed=1), also used to name its outputs.
type Job struct {
	Name   string
	Params map[string]any
}

// MatrixJobs returns every combination of dims, each on top of fixed, in the order the
// dims and their values were given (the last dim varies fastest).
func MatrixJobs(fixed map[string]any, dims []Dim) []Job {
	jobs := []Job{{Params: copyParams(fixed)}}
	for _, d := range dims {
		var next []Job
		for _, j := range jobs {
			for _, v := range d.Values {
				p := copyParams(j.Params)
				p[d.Name] = v
				name := fmt.Sprintf("%s=%v", d.Name, v)
				if j.Name != "" {
					name = j.Name + "," + name
				}
				next = append(next, Job{Name: name, Params: p})
			}
		}
		jobs = next
	}
	return jobs
}

func copyParams(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// MatrixFromFile takes the "matrix:" section out of a parameters file's values: a map of
// parameter names to lists of values (a single value is a list of one).
func MatrixFromFile(values map[string]any) ([]Dim, error) {
	raw, ok := values["matrix"]
	if !ok {
		return nil, nil
	}
	delete(values, "matrix")
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("matrix: want a map of parameter names to lists of values, got %T", raw)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	var dims []Dim
	for _, k := range names {
		vs, ok := m[k].([]any)
		if !ok {
			vs = []any{m[k]}
		}
		dims = append(dims, Dim{Name: k, Values: vs})
	}
	return dims, nil
}

// JobResult is how one job of a matrix went.
type JobResult struct {
	Job
	Runs     []NotebookRun
	Code     int // the exit code of its chain
	Duration time.Duration
}

// MatrixOptions configure RunMatrix.
type MatrixOptions struct {
	// Parallel bounds how many jobs run at once (at least 1).
	Parallel int
	// JobOptions returns the options of a job's runs (its own output names, its own
	// SLUICE_HOME in Env) and a cleanup to call when its chain is over.
	JobOptions func(j Job) (Options, func(), error)
	// Done is called as each job finishes (from the job's goroutine).
	Done func(r JobResult)
}

// RunMatrix runs the chain of notebooks once per job, at most mo.Parallel jobs at a
// time. Within a job the notebooks run in order and a failure stops its chain; jobs are
// independent. Results come back in job order.
func RunMatrix(ctx context.Context, notebooks []string, jobs []Job, mo MatrixOptions) []JobResult {
	if mo.Parallel < 1 {
		mo.Parallel = 1
	}
	results := make([]JobResult, len(jobs))
	sem := make(chan struct{}, mo.Parallel)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = runJob(ctx, notebooks, j, mo)
			if mo.Done != nil {
				mo.Done(results[i])
			}
		}()
	}
	wg.Wait()
	return results
}

func runJob(ctx context.Context, notebooks []string, j Job, mo MatrixOptions) JobResult {
	start := time.Now()
	r := JobResult{Job: j}
	opts, cleanup, err := mo.JobOptions(j)
	if err != nil {
		r.Code = ExitCode(err)
		r.Runs = append(r.Runs, NotebookRun{Input: notebooks[0], Err: err})
		return r
	}
	if cleanup != nil {
		defer cleanup()
	}
	opts.Params = j.Params
	for _, nb := range notebooks {
		if r.Code != 0 {
			r.Runs = append(r.Runs, NotebookRun{Input: nb, NotRun: true})
			continue
		}
		res, err := Run(ctx, nb, opts)
		r.Runs = append(r.Runs, NotebookRun{Input: nb, Result: res, Err: err})
		r.Code = ExitCode(err)
	}
	r.Duration = time.Since(start)
	return r
}

// JobOutput is the output template of a job's runs: template itself when it has
// placeholders ({name}, {param}), else {name}-<job>.ipynb in dir (the current directory
// when dir is empty), so every notebook of every job has its own output.
func JobOutput(template, dir string, j Job) string {
	if strings.Contains(template, "{") {
		return template
	}
	tag := strings.NewReplacer("=", "-", ",", "_", "/", "-", " ", "-", "$", "-", "{", "-", "}", "-").Replace(j.Name)
	if dir == "" {
		dir = "."
	}
	return filepath.Join(dir, "{name}-"+tag+".ipynb")
}

// WriteMatrixSummary writes the table of jobs: parameters, status, exit code, time and
// outputs.
func WriteMatrixSummary(w io.Writer, results []JobResult) {
	fmt.Fprintf(w, "\n%-4s %-32s %-8s %4s %8s  %s\n", "job", "parameters", "status", "exit", "seconds", "outputs")
	for i, r := range results {
		status := "ok"
		if r.Code != 0 {
			status = "FAILED"
		}
		var outs []string
		for _, run := range r.Runs {
			if run.Result != nil && run.Result.Written {
				outs = append(outs, run.Result.Output)
			}
		}
		fmt.Fprintf(w, "%-4d %-32s %-8s %4d %8.1f  %s\n", i+1, r.Name, status, r.Code, r.Duration.Seconds(), strings.Join(outs, " "))
	}
}
