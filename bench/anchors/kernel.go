package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// A notebook of Go cells run headless by the real kernel (`sluice run`); each timed
// cell's time is its execute_input → execute_reply interval from the executed
// notebook's metadata (nbclient's format), so process and kernel start are not counted.

type nbCell struct {
	src   string
	timed string // the measurement the cell's time counts towards ("" for setup)
}

// runNotebook runs cells in one kernel with SLUICE_HOME home and returns each timed
// cell's seconds by measurement, in order.
func runNotebook(sluice, home, dir string, cells []nbCell) (map[string][]float64, error) {
	res, _, err := runNotebookCPU(sluice, home, dir, cells)
	return res, err
}

// runNotebookCPU is runNotebook that also returns the CPU seconds (user and system) of
// the run: `sluice run` and the kernel it starts and waits for.
func runNotebookCPU(sluice, home, dir string, cells []nbCell) (map[string][]float64, float64, error) {
	type cell struct {
		CellType string         `json:"cell_type"`
		Source   string         `json:"source"`
		Metadata map[string]any `json:"metadata"`
		Outputs  []any          `json:"outputs"`
		ExecN    *int           `json:"execution_count"`
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]string{"name": "sluice", "display_name": "Go (Sluice)", "language": "go"}},
	}
	var cs []cell
	for _, c := range cells {
		cs = append(cs, cell{CellType: "code", Source: c.src, Metadata: map[string]any{}, Outputs: []any{}})
	}
	nb["cells"] = cs
	in, out := filepath.Join(dir, "anchors.ipynb"), filepath.Join(dir, "anchors-out.ipynb")
	b, err := json.Marshal(nb)
	if err != nil {
		return nil, 0, err
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		return nil, 0, err
	}
	os.Remove(out)
	cmd := exec.Command(sluice, "run", "-output", out, in)
	cmd.Env = append(os.Environ(), "SLUICE_HOME="+home, "SLUICE_BIN="+sluice)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return nil, 0, fmt.Errorf("sluice run: %v\n%s", err, msg)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, 0, err
	}
	var done struct {
		Cells []struct {
			Metadata struct {
				Execution map[string]string `json:"execution"`
			} `json:"metadata"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &done); err != nil {
		return nil, 0, err
	}
	if len(done.Cells) != len(cells) {
		return nil, 0, fmt.Errorf("executed notebook has %d cells, want %d", len(done.Cells), len(cells))
	}
	res := map[string][]float64{}
	for i, c := range cells {
		if c.timed == "" {
			continue
		}
		ex := done.Cells[i].Metadata.Execution
		t0, err0 := time.Parse(time.RFC3339Nano, ex["iopub.execute_input"])
		t1, err1 := time.Parse(time.RFC3339Nano, ex["shell.execute_reply"])
		if err0 != nil || err1 != nil {
			return nil, 0, fmt.Errorf("cell %d has no execution times: %v", i+1, ex)
		}
		res[c.timed] = append(res[c.timed], t1.Sub(t0).Seconds())
	}
	return res, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(), nil
}

// runPython runs code with python and decodes the JSON object it prints.
func runPython(python, code string, into any, args ...string) error {
	cmd := exec.Command(python, append([]string{"-c", code}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s: %v", python, err)
	}
	if err := json.Unmarshal(out, into); err != nil {
		return fmt.Errorf("%s printed %q: %v", python, strings.TrimSpace(string(out)), err)
	}
	return nil
}
