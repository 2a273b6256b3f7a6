package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// resumeFrom loads the output notebook of an earlier run that failed, for --resume: the
// cells before the one that stopped it are replayed with their outputs kept, and the run
// goes on from that cell. It returns the notebook (the earlier run's parameters and
// injected cell kept, its error banner removed), the index of the cell to run from, and
// the earlier run's parameters.
func resumeFrom(output string, spec *KernelSpec, opts Options) (*Notebook, int, map[string]any, error) {
	if len(opts.Params) > 0 {
		return nil, 0, nil, usageErrorf("--resume continues the earlier run with its parameters; give no -p or -f")
	}
	if output == StdoutPath {
		return nil, 0, nil, usageErrorf("--resume continues the run whose output notebook is a file; --output - has none")
	}
	nb, err := ReadNotebook(output)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, 0, nil, usageErrorf("--resume: there is no earlier run's output at %s", output)
		}
		return nil, 0, nil, &UsageError{fmt.Errorf("--resume: %w", err)}
	}
	pm, _ := nb.Metadata["papermill"].(map[string]any)
	if pm == nil {
		return nil, 0, nil, usageErrorf("--resume: %s was not written by sluice run or papermill (no metadata.papermill)", output)
	}
	if err := prepare(nb, spec, nil); err != nil {
		return nil, 0, nil, err
	}
	at := -1
	for i, c := range nb.Cells {
		if c.Type != "code" || strings.TrimSpace(c.Source) == "" {
			continue
		}
		cpm, _ := c.Metadata["papermill"].(map[string]any)
		if st, _ := cpm["status"].(string); st != "completed" && st != "skipped" {
			at = i
			break
		}
	}
	if at < 0 {
		return nil, 0, nil, usageErrorf("--resume: the run that wrote %s completed; there is nothing to resume", output)
	}
	params, _ := pm["parameters"].(map[string]any)
	return nb, at, params, nil
}

// replay runs cell c again in the fresh kernel for its side effects on the session,
// keeping the outputs and execution count of the earlier run. A cell tagged "no-replay"
// (one that drops and regenerates data) or skipped before is not run.
func (ex *execution) replay(ctx context.Context, k *Kernel, i int, c *Cell) error {
	pm := c.Metadata["papermill"].(map[string]any)
	if st, _ := pm["status"].(string); st == "skipped" || strings.TrimSpace(c.Source) == "" {
		return nil
	}
	if c.HasTag("no-replay") || ex.skipTag(c) != "" {
		pm["replayed"] = false
		return nil
	}
	scratch := &Cell{ID: c.ID, Type: "code", Source: c.Source, Metadata: map[string]any{}, extra: map[string]any{}}
	cr, err := k.Execute(ctx, scratch, displays{}, ex.opts.CellTimeout, nil)
	if err == nil && cr.Status == "error" && !c.HasTag("raises-exception") {
		err = &CellError{Index: i, ExecutionCount: cr.ExecutionCount, EName: cr.EName, EValue: "replaying it for --resume: " + cr.EValue, Traceback: cr.Traceback}
	}
	if err != nil {
		pm["status"] = "failed"
		pm["exception"] = true
		c.Outputs = scratch.Outputs
		return err
	}
	pm["replayed"] = true
	return nil
}
