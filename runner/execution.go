package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// errorCellTag marks the cells the runner adds on failure (papermill's tag, so existing
// tooling recognizes and removes them).
const errorCellTag = "papermill-error-cell-tag"

// execution is one notebook run in progress.
type execution struct {
	nb        *Notebook
	opts      Options
	res       *Result
	disp      displays
	lastWrite time.Time
	failed    *Cell
	resumeAt  int // --resume: the index of the cell to run from; cells before it are replayed (-1: none)
}

func (ex *execution) run(ctx context.Context, spec *KernelSpec, cwd string) error {
	// The kernel's own stderr is kept (its crash report or its last lines explain a
	// death) and shown live only with --log-output.
	klog := newKernelLog()
	var kernelErr io.Writer = klog
	if ex.opts.LogOutput {
		kernelErr = io.MultiWriter(klog, &logWriter{w: ex.opts.Log, prefix: "kernel"})
	}
	k, info, err := StartKernel(ctx, spec, cwd, ex.opts.Env, kernelErr, ex.opts.StartTimeout, ex.opts.Logger)
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, ErrKernelDied) {
			err = fmt.Errorf("%w: %v", ErrKernelDied, err)
		}
		return klog.kernelDied(err)
	}
	if li, ok := info["language_info"].(map[string]any); ok {
		ex.nb.Metadata["language_info"] = li
	}
	var runErr error
	defer func() {
		k.Shutdown(5 * time.Second)
	}()
	code := 0
	for _, c := range ex.nb.Cells {
		if c.Type == "code" {
			code++
		}
	}
	done := 0
	for i, c := range ex.nb.Cells {
		if c.Type != "code" {
			continue
		}
		pm := c.Metadata["papermill"].(map[string]any)
		if i < ex.resumeAt {
			if err := ex.replay(ctx, k, i, c); err != nil {
				runErr = err
				ex.failed = c
				ex.res.Cells = append(ex.res.Cells, CellSummary{Index: i, ID: c.ID, Status: "failed", Source: c.Source, Error: err.Error()})
				break
			}
			st, _ := pm["status"].(string)
			ex.res.Cells = append(ex.res.Cells, CellSummary{Index: i, ID: c.ID, Status: st, Source: c.Source})
			done++
			continue
		}
		if tag := ex.skipTag(c); tag != "" {
			pm["status"] = "skipped"
			pm["skipped_by"] = tag
			ex.res.Cells = append(ex.res.Cells, CellSummary{Index: i, ID: c.ID, Status: "skipped", Source: c.Source})
			ex.opts.Events.Emit(Event{Event: "cell_end", Notebook: ex.res.Input, Job: ex.opts.Job, Cell: i + 1, CellID: c.ID, Status: "skipped", Duration: seconds(0)})
			done++
			continue
		}
		if strings.TrimSpace(c.Source) == "" {
			pm["status"] = "completed"
			ex.res.Cells = append(ex.res.Cells, CellSummary{Index: i, ID: c.ID, Status: "completed", Source: c.Source})
			done++
			continue
		}
		if ex.opts.LogOutput {
			fmt.Fprintf(ex.opts.Log, "\n── cell %d/%d (%s) ──\n", done+1, code, firstLine(c.Source))
		} else if ex.opts.Progress {
			fmt.Fprintf(ex.opts.Log, "\r\033[K%s %d/%d cells · %s", bar(done, code), done, code, firstLine(c.Source))
		}
		start := time.Now().UTC()
		pm["start_time"] = start.Format(time.RFC3339Nano)
		pm["status"] = "running"
		var onOut OutputFunc
		if ex.opts.LogOutput {
			onOut = ex.logOutput
		}
		ex.opts.Events.Emit(Event{Event: "cell_start", Time: start, Notebook: ex.res.Input, Job: ex.opts.Job, Cell: i + 1, CellID: c.ID})
		cr, err := ex.execute(ctx, k, i, c, onOut)
		end := time.Now().UTC()
		pm["end_time"] = end.Format(time.RFC3339Nano)
		pm["duration"] = end.Sub(start).Seconds()
		if cr != nil {
			c.ExecutionCount = cr.ExecutionCount
			if len(cr.Timing) > 0 {
				c.Metadata["execution"] = cr.Timing
			}
		}
		sum := CellSummary{Index: i, ID: c.ID, Status: "completed", Duration: end.Sub(start), Source: c.Source}
		switch {
		case err != nil:
			pm["status"] = "failed"
			pm["exception"] = true
			sum.Status = "failed"
			runErr = err
			if errors.Is(err, ErrCellTimeout) {
				c.Outputs = append(c.Outputs, map[string]any{"output_type": "error", "ename": "CellTimeoutError",
					"evalue": fmt.Sprintf("the cell did not finish within %s; it was interrupted", ex.opts.CellTimeout), "traceback": []any{}})
			}
		case cr.Status == "error" && !c.HasTag("raises-exception"):
			pm["status"] = "failed"
			pm["exception"] = true
			sum.Status = "failed"
			runErr = &CellError{Index: i, ExecutionCount: cr.ExecutionCount, EName: cr.EName, EValue: cr.EValue, Traceback: cr.Traceback}
		default:
			pm["status"] = "completed"
		}
		if sum.Status == "failed" {
			sum.Error = runErr.Error()
			if cr != nil {
				sum.Traceback = cr.Traceback
			}
		}
		ex.res.Cells = append(ex.res.Cells, sum)
		ex.opts.Events.Emit(Event{Event: "cell_end", Time: end, Notebook: ex.res.Input, Job: ex.opts.Job, Cell: i + 1, CellID: c.ID,
			Status: sum.Status, Duration: seconds(sum.Duration), Error: errText(runErr)})
		done++
		if runErr != nil {
			ex.failed = c
			break
		}
		ex.checkpoint()
	}
	if ex.opts.Progress && !ex.opts.LogOutput {
		fmt.Fprintf(ex.opts.Log, "\r\033[K%s %d/%d cells\n", bar(done, code), done, code)
	}
	ex.addPending()
	if runErr != nil && ctx.Err() != nil {
		// Interrupted or out of time: stop the cell that may still run, then shut down.
		_ = k.Interrupt()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%w: the run exceeded --timeout %s", context.DeadlineExceeded, ex.opts.Timeout)
		}
		return fmt.Errorf("interrupted: %w", context.Canceled)
	}
	if errors.Is(runErr, ErrKernelDied) {
		// Give the process a moment to flush its last words.
		time.Sleep(100 * time.Millisecond)
		if ex.failed != nil {
			ex.failed.Outputs = append(ex.failed.Outputs, klog.diedOutput(runErr))
		}
		return klog.kernelDied(runErr)
	}
	return runErr
}

// execute runs cell c (the i-th of the notebook); a cell tagged "retry" that fails with
// an error of its own (not a timeout or a dead kernel) runs again, up to opts.Retries
// more times, RetryDelay × attempt apart. The attempts are recorded in
// metadata.papermill.attempts.
func (ex *execution) execute(ctx context.Context, k *Kernel, i int, c *Cell, onOut OutputFunc) (*CellResult, error) {
	retries := 0
	if c.HasTag("retry") {
		retries = ex.opts.Retries
	}
	pm := c.Metadata["papermill"].(map[string]any)
	for attempt := 1; ; attempt++ {
		cr, err := k.Execute(ctx, c, ex.disp, ex.opts.CellTimeout, onOut)
		if retries > 0 {
			pm["attempts"] = attempt
		}
		if err != nil || cr.Status != "error" || attempt > retries {
			return cr, err
		}
		msg := fmt.Sprintf("%s: %s", cr.EName, cr.EValue)
		ex.opts.Events.Emit(Event{Event: "cell_retry", Notebook: ex.res.Input, Job: ex.opts.Job, Cell: i + 1, CellID: c.ID, Status: "failed", Error: &msg})
		if ex.opts.Log != nil && (ex.opts.LogOutput || !ex.opts.Progress) {
			fmt.Fprintf(ex.opts.Log, "cell %d failed (%s); retry %d of %d\n", i+1, msg, attempt, retries)
		}
		t := time.NewTimer(ex.opts.RetryDelay * time.Duration(attempt))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return cr, ctx.Err()
		}
	}
}

// addPending records the code cells that a failure left unrun.
func (ex *execution) addPending() {
	seen := map[int]bool{}
	for _, c := range ex.res.Cells {
		seen[c.Index] = true
	}
	for i, c := range ex.nb.Cells {
		if c.Type == "code" && !seen[i] {
			ex.res.Cells = append(ex.res.Cells, CellSummary{Index: i, ID: c.ID, Status: "pending", Source: c.Source})
		}
	}
}

// checkpoint writes the partial notebook at most every few seconds, so an external kill
// still leaves recent progress on disk. Standard output gets the notebook once, at the
// end.
func (ex *execution) checkpoint() {
	if ex.res.Output == StdoutPath || time.Since(ex.lastWrite) < 3*time.Second {
		return
	}
	ex.lastWrite = time.Now()
	if err := ex.nb.WriteFile(ex.res.Output); err != nil {
		ex.opts.Logger.Warn("checkpoint write failed", "path", ex.res.Output, "err", err)
		return
	}
	ex.res.Checkpointed = true
}

// skipTag returns the tag that makes the cell skipped, or "".
func (ex *execution) skipTag(c *Cell) string {
	if c.HasTag("skip-execution") {
		return "skip-execution"
	}
	for _, t := range ex.opts.SkipTags {
		if c.HasTag(t) {
			return t
		}
	}
	return ""
}

// logOutput writes one output to the live log as it arrives.
func (ex *execution) logOutput(out map[string]any) {
	w := ex.opts.Log
	switch out["output_type"] {
	case "stream":
		fmt.Fprint(w, out["text"])
	case "execute_result", "display_data":
		data, _ := out["data"].(map[string]any)
		if s, ok := data["text/plain"].(string); ok {
			fmt.Fprintln(w, s)
		}
	case "error":
		fmt.Fprintf(w, "%s: %s\n", out["ename"], out["evalue"])
		if tb, ok := out["traceback"].([]string); ok {
			for _, l := range tb {
				fmt.Fprintln(w, l)
			}
		}
	}
}

// summary prints the final table of cells with status and duration, when the run shows a
// live log or a progress bar.
func (ex *execution) summary(runErr error) {
	w := ex.opts.Log
	if !ex.opts.LogOutput && !ex.opts.Progress {
		return // the caller reports runErr: Run returns it
	}
	fmt.Fprintf(w, "\n%-5s %-10s %9s  %s\n", "cell", "status", "seconds", "source")
	for _, c := range ex.res.Cells {
		fmt.Fprintf(w, "%-5d %-10s %9.2f  %s\n", c.Index+1, c.Status, c.Duration.Seconds(), firstLine(c.Source))
	}
	status := "ok"
	if runErr != nil {
		status = "FAILED: " + runErr.Error()
	}
	out := ex.res.Output
	if ex.res.HTMLPath != "" {
		out += " and " + ex.res.HTMLPath
	}
	fmt.Fprintf(w, "%s → %s in %.1fs: %s\n", ex.res.Input, out, ex.res.Duration.Seconds(), status)
}

// addErrorBanner puts the red banner at the top of the notebook and an anchor before the
// failing cell, tagged so the next run removes them.
func addErrorBanner(nb *Notebook, runErr error) {
	failedIdx := -1
	label := "a cell"
	for i, c := range nb.Cells {
		if pm, ok := c.Metadata["papermill"].(map[string]any); ok && pm["status"] == "failed" {
			failedIdx = i
			if c.ExecutionCount != nil {
				label = fmt.Sprintf("In [%d]", *c.ExecutionCount)
			}
			break
		}
	}
	style := `color:#c00; font-family:Helvetica, Arial, sans-serif; font-size:1.6em;`
	// The banner says what stopped the run; a kernel's crash report stays in the cell.
	text, _, _ := strings.Cut(runErr.Error(), "\nstart of the kernel's crash report:")
	text, _, _ = strings.Cut(text, "\nlast kernel output:")
	msg := strings.ReplaceAll(htmlEscape(text), "\n", " ")
	top := &Cell{ID: NewCellID(), Type: "markdown", Metadata: map[string]any{"tags": []any{errorCellTag}}, extra: map[string]any{},
		Source: fmt.Sprintf(`<span style="%s">The run stopped with an error at <a href="#papermill-error-cell">%s</a>: %s</span>`, style, label, msg)}
	if failedIdx >= 0 {
		anchor := &Cell{ID: NewCellID(), Type: "markdown", Metadata: map[string]any{"tags": []any{errorCellTag}}, extra: map[string]any{},
			Source: fmt.Sprintf(`<span id="papermill-error-cell" style="%s">The run stopped here with an error:</span>`, style)}
		nb.Cells = append(nb.Cells[:failedIdx], append([]*Cell{anchor}, nb.Cells[failedIdx:]...)...)
	}
	nb.Cells = append([]*Cell{top}, nb.Cells...)
}

func firstLine(src string) string {
	s := strings.TrimSpace(src)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

func bar(done, total int) string {
	const width = 24
	n := 0
	if total > 0 {
		n = done * width / total
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat(" ", width-n) + "]"
}

// logWriter prefixes the kernel's own stderr lines in the runner's log. A line written
// in several pieces (as the Go runtime writes a crash) gets one prefix.
type logWriter struct {
	mu      sync.Mutex
	w       io.Writer
	prefix  string
	midLine bool
}

func (l *logWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		return len(p), nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		if !l.midLine {
			fmt.Fprintf(&b, "[%s] ", l.prefix)
		}
		b.WriteString(line)
		l.midLine = !strings.HasSuffix(line, "\n")
	}
	io.WriteString(l.w, b.String())
	return len(p), nil
}
