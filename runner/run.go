// Package runner executes notebooks headless, papermill-style: it launches a kernel from
// its kernelspec, injects typed parameters after the cell tagged "parameters", runs the
// code cells one by one over the Jupyter protocol (a client built on kernel/wire), and
// writes the executed notebook in papermill's format (metadata.papermill, nbclient's
// metadata.execution timings, the error banner), atomically, even when the run fails.
// The output is checked before the kernel starts: a run never replaces anything but a
// regular file, and never executes only to find that it cannot write its results.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/internal/redact"
)

// Version is written into metadata.papermill.version.
const Version = "sluice-run/1"

// Options configure a run.
type Options struct {
	// Output is the output notebook path; {name} expands to the input's base name without
	// extension and {param} to a parameter's value. Empty: OutputDir/<input file name>,
	// or <input>.out.ipynb beside the input when OutputDir is empty too. "-" (StdoutPath)
	// writes the executed notebook to Stdout instead, once, at the end.
	Output    string
	OutputDir string
	// Stdout receives the notebook when Output is "-" (default os.Stdout).
	Stdout io.Writer
	// Params are the parameter values: strings from -p, typed values from -f.
	Params map[string]any
	// Kernel overrides the notebook's kernelspec name.
	Kernel string
	// Cwd is the kernel's working directory (default: the notebook's directory).
	Cwd string
	// StartTimeout bounds kernel start-up; CellTimeout each cell; Timeout the whole run.
	StartTimeout, CellTimeout, Timeout time.Duration
	// LogOutput streams each cell's header, streams and text results to Log as they happen.
	LogOutput bool
	// Progress shows a progress bar on Log (a terminal) when not logging output.
	Progress bool
	// Log receives the live log, progress and the final summary (usually stderr).
	Log io.Writer
	// SkipTags: cells carrying one of these tags (and "skip-execution") are not run.
	SkipTags []string
	// HTML also writes a standalone HTML rendering next to the output notebook.
	HTML bool
	// PrepareOnly writes the parameterized notebook without executing it.
	PrepareOnly bool
	// SelfBinary is the sluice binary that serves the "sluice" kernel when no kernelspec of
	// that name is installed (normally os.Executable()).
	SelfBinary string
	// Env is added to the kernel's environment.
	Env []string
	// NoSign leaves the executed notebook unsigned; by default it is signed in the user's
	// Jupyter trust database (see Notary), as `jupyter trust` would.
	NoSign bool
	// Logger receives diagnostics (default: discard).
	Logger *slog.Logger
	// Events receives the run's events (--json-events); nil for none.
	Events *EventLog
	// Job names the matrix job this run belongs to, for its events.
	Job string
	// Resume continues the failed run whose output notebook is at the output path, in a
	// fresh kernel: the cells before the one that stopped it run again with their earlier
	// outputs kept (except cells tagged "no-replay"), then the run goes on from that cell.
	Resume bool
	// Retries is how many more times a cell tagged "retry" runs after it fails with an
	// error of its own; RetryDelay × attempt separates the attempts.
	Retries    int
	RetryDelay time.Duration
}

// Result summarizes a run.
type Result struct {
	Input, Output, HTMLPath string
	Cells                   []CellSummary
	Duration                time.Duration
	// Written reports that the final output notebook was written; Checkpointed that at
	// least a partial one was (written during the run, before any failure at the end).
	Written, Checkpointed bool
}

// CellSummary is one row of the final table.
type CellSummary struct {
	Index     int
	ID        string
	Status    string // completed, failed, skipped, pending
	Duration  time.Duration
	Source    string
	Error     string   // why the cell failed ("" unless Status is failed)
	Traceback []string // the kernel's traceback of a failed cell
}

// Run executes the notebook at input with opts and writes the executed notebook. The
// returned error maps to an exit code with ExitCode; whatever happened, the output
// notebook holds everything executed so far (unless the input could not be read).
func Run(ctx context.Context, input string, opts Options) (*Result, error) {
	opts.Events.Emit(Event{Event: "run_start", Notebook: input, Job: opts.Job})
	start := time.Now()
	res, err := run(ctx, input, opts)
	end := Event{Event: "run_end", Notebook: input, Job: opts.Job, Duration: seconds(time.Since(start)), Error: errText(err), Status: "ok"}
	if err != nil {
		end.Status = "failed"
	}
	code := ExitCode(err)
	end.ExitCode = &code
	if res != nil && res.Written {
		end.Output = res.Output
	}
	opts.Events.Emit(end)
	return res, err
}

func run(ctx context.Context, input string, opts Options) (*Result, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	// The log shows kernel output and errors: no password may reach it.
	opts.Log = redact.Writer(opts.Log)
	opts.Logger = slog.New(redact.Handler(opts.Logger.Handler()))
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 60 * time.Second
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	nb, err := ReadNotebook(input)
	if err != nil {
		if os.IsNotExist(err) || errors.Is(err, os.ErrPermission) {
			return nil, &IOError{err}
		}
		return nil, &UsageError{err}
	}
	res := &Result{Input: input}
	spec, err := resolveKernel(nb, opts)
	if err != nil {
		return nil, err
	}
	if err := prepare(nb, spec, opts.Params); err != nil {
		return nil, err
	}
	res.Output, err = outputPath(input, opts)
	if err != nil {
		return nil, err
	}
	absIn, _ := filepath.Abs(input)
	if err := checkDestinations(input, res.Output, opts.HTML); err != nil {
		return nil, err
	}
	resumeAt := -1
	if opts.Resume {
		var params map[string]any
		if nb, resumeAt, params, err = resumeFrom(res.Output, spec, opts); err != nil {
			return nil, err
		}
		opts.Params = params
	}
	start := time.Now().UTC()
	pm := map[string]any{
		"version":               Version,
		"input_path":            input,
		"output_path":           res.Output,
		"parameters":            paramsRecord(opts.Params),
		"default_parameters":    defaultParams(nb, spec),
		"environment_variables": map[string]any{},
		"start_time":            nil, "end_time": nil, "duration": nil, "exception": nil,
	}
	nb.Metadata["papermill"] = pm
	if resumeAt >= 0 {
		pm["resumed_from_cell"] = resumeAt + 1
	}
	for i, c := range nb.Cells {
		if c.Type != "code" || i < resumeAt {
			continue
		}
		c.Outputs = nil
		c.ExecutionCount = nil
		delete(c.Metadata, "execution")
		c.Metadata["papermill"] = map[string]any{"start_time": nil, "end_time": nil, "duration": nil, "status": "pending", "exception": nil}
	}
	if opts.PrepareOnly {
		if err := writeOutput(nb, res.Output, opts.Stdout); err != nil {
			return res, &IOError{err}
		}
		res.Written = true
		return res, nil
	}

	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	cwd := opts.Cwd
	if cwd == "" {
		cwd = filepath.Dir(absIn)
	}
	pm["start_time"] = start.Format(time.RFC3339Nano)
	ex := &execution{nb: nb, opts: opts, res: res, disp: displays{}, resumeAt: resumeAt}
	runErr := ex.run(ctx, spec, cwd)

	end := time.Now().UTC()
	res.Duration = end.Sub(start)
	pm["end_time"] = end.Format(time.RFC3339Nano)
	pm["duration"] = res.Duration.Seconds()
	if runErr != nil {
		pm["exception"] = true
		addErrorBanner(nb, runErr)
	}
	if err := writeOutput(nb, res.Output, opts.Stdout); err != nil {
		return res, errors.Join(runErr, &IOError{fmt.Errorf("writing %s: %w", displayPath(res.Output), err)})
	}
	res.Written = true
	signOutput(opts, res)
	if opts.HTML {
		res.HTMLPath = htmlPath(res.Output)
		if err := WriteHTML(res.HTMLPath, nb, RunStatus{ExitCode: ExitCode(runErr), Err: runErr}); err != nil {
			return res, errors.Join(runErr, &IOError{fmt.Errorf("writing %s: %w", res.HTMLPath, err)})
		}
	}
	ex.summary(runErr)
	return res, runErr
}

// checkDestinations refuses an output that would overwrite the input, that is not a
// regular file, or that cannot be written, before the kernel starts.
func checkDestinations(input, output string, html bool) error {
	if output == StdoutPath {
		if html {
			return usageErrorf("--html writes a file next to the output notebook; with --output - there is none (give an output file)")
		}
		return nil
	}
	absIn, _ := filepath.Abs(input)
	absOut, _ := filepath.Abs(output)
	if absIn == absOut {
		return usageErrorf("the output %s would overwrite the input notebook; choose another with -o or --output", output)
	}
	if err := checkOutput(output); err != nil {
		return &IOError{err}
	}
	if html {
		if err := checkOutput(htmlPath(output)); err != nil {
			return &IOError{err}
		}
	}
	return nil
}

// writeOutput writes nb to the run's output: stdout for "-", else the file at path.
func writeOutput(nb *Notebook, path string, stdout io.Writer) error {
	if path != StdoutPath {
		return nb.WriteFile(path)
	}
	data, err := nb.Marshal()
	if err != nil {
		return err
	}
	_, err = stdout.Write(data)
	return err
}

// displayPath names an output path in messages.
func displayPath(path string) string {
	if path == StdoutPath {
		return "standard output"
	}
	return path
}

// htmlPath is where --html writes the rendering of the output notebook at path.
func htmlPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".html"
}

// resolveKernel picks the kernelspec: --kernel, else the notebook's kernelspec; the
// sluice kernel is served by this binary when no kernelspec of that name is installed.
func resolveKernel(nb *Notebook, opts Options) (*KernelSpec, error) {
	name := opts.Kernel
	if name == "" {
		name = nb.KernelName()
	}
	if name == "" {
		return nil, usageErrorf("the notebook has no metadata.kernelspec.name; pass --kernel NAME (installed: %s)", strings.Join(InstalledKernels(), ", "))
	}
	spec, err := FindKernelSpec(name)
	if err == nil {
		return spec, nil
	}
	if name == "sluice" {
		if opts.SelfBinary != "" {
			return selfSpec(opts.SelfBinary), nil
		}
		spec, err := SelfKernelSpec()
		if err != nil {
			return nil, &UsageError{err}
		}
		return spec, nil
	}
	return nil, &UsageError{err}
}

// prepare removes what an earlier run left (error banners, injected parameters) and
// injects the parameters after the cell tagged "parameters".
func prepare(nb *Notebook, spec *KernelSpec, params map[string]any) error {
	// New parameters replace the ones injected by an earlier run; without new ones the
	// earlier injected cell stays, as papermill does.
	kept := nb.Cells[:0]
	for _, c := range nb.Cells {
		if c.HasTag(errorCellTag) || (len(params) > 0 && c.HasTag("injected-parameters")) {
			continue
		}
		kept = append(kept, c)
	}
	nb.Cells = kept
	if len(params) == 0 {
		return nil
	}
	at := -1
	for i, c := range nb.Cells {
		if c.Type == "code" && c.HasTag("parameters") {
			at = i
			break
		}
	}
	var src string
	var err error
	if languageOf(nb, spec) == "python" {
		src, err = pythonSource(params)
	} else {
		var declared []Param
		if at >= 0 {
			if declared, err = ParseParams(nb.Cells[at].Source); err != nil {
				return &UsageError{err}
			}
		}
		src, err = InjectedSource(declared, params)
	}
	if err != nil {
		return &UsageError{err}
	}
	cell := &Cell{ID: NewCellID(), Type: "code", Source: src,
		Metadata: map[string]any{"tags": []any{"injected-parameters"}}, extra: map[string]any{}}
	nb.Cells = append(nb.Cells[:at+1], append([]*Cell{cell}, nb.Cells[at+1:]...)...)
	return nil
}

func languageOf(nb *Notebook, spec *KernelSpec) string {
	if spec != nil && spec.Language != "" {
		return strings.ToLower(spec.Language)
	}
	li, _ := nb.Metadata["language_info"].(map[string]any)
	name, _ := li["name"].(string)
	return strings.ToLower(name)
}

// defaultParams records the parameters cell's defaults, as papermill does.
func defaultParams(nb *Notebook, spec *KernelSpec) map[string]any {
	out := map[string]any{}
	if languageOf(nb, spec) == "python" {
		return out
	}
	for _, c := range nb.Cells {
		if c.Type == "code" && c.HasTag("parameters") {
			ps, err := ParseParams(c.Source)
			if err != nil {
				return out
			}
			for _, p := range ps {
				out[p.Name] = map[string]any{"type": p.Type, "default": p.Default, "help": p.Help}
			}
			break
		}
	}
	return out
}

func paramsRecord(params map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range params {
		out[k] = jsonValue(v)
	}
	return out
}

// outputPath computes the output notebook path from the options' template.
func outputPath(input string, opts Options) (string, error) {
	base := filepath.Base(input)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	tmpl := opts.Output
	switch {
	case tmpl == "" && opts.OutputDir != "":
		tmpl = filepath.Join(opts.OutputDir, base)
	case tmpl == "":
		tmpl = filepath.Join(filepath.Dir(input), name+".out.ipynb")
	}
	var err error
	out := os.Expand(strings.NewReplacer("{", "${", "}", "}").Replace(tmpl), func(key string) string {
		switch key {
		case "name", "notebook_name":
			return name
		}
		if v, ok := opts.Params[key]; ok {
			return fmt.Sprint(v)
		}
		err = usageErrorf("output path %q uses {%s}, which is neither {name} nor a parameter", tmpl, key)
		return ""
	})
	return out, err
}
