package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --resume continues a failed run in a fresh kernel: the cells before the failed one run
// again for their state but keep their first outputs, a no-replay cell does not run
// twice, and the run goes on from the failed cell.
func TestSluiceResume(t *testing.T) {
	dir := t.TempDir()
	regenerated, replayed, ready := filepath.Join(dir, "regenerated"), filepath.Join(dir, "replayed"), filepath.Join(dir, "ready")
	appendLine := func(path string) string {
		return fmt.Sprintf("prev, _ := os.ReadFile(%q)\nos.WriteFile(%q, append(prev, '\\n'), 0o644)\nfmt.Println(\"run\", len(prev)+1)", path, path)
	}
	in := goNotebook(t, false,
		"import \"os\"\nx := 41",
		"#tag:no-replay\n"+appendLine(regenerated),
		appendLine(replayed),
		fmt.Sprintf("if _, err := os.Stat(%q); err != nil {\n\tpanic(\"not ready\")\n}\nfmt.Println(x + 1)", ready),
		"fmt.Println(\"done\")")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	opts := sluiceOpts(t, out)
	if _, err := Run(context.Background(), in, opts); ExitCode(err) != ExitCellFailed {
		t.Fatalf("first run: %v", err)
	}
	if err := os.WriteFile(ready, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	if _, err := Run(context.Background(), in, opts); err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	nb := readOut(t, out)
	for id, want := range map[string]string{"g1": "run 1\n", "g2": "run 1\n", "g3": "42\n", "g4": "done\n"} {
		if got := streamText(cellByID(t, nb, id)); got != want {
			t.Errorf("cell %s shows %q, want %q", id, got, want)
		}
	}
	if n := strings.Count(readFile(t, regenerated), "\n"); n != 1 {
		t.Errorf("the no-replay cell ran %d times", n)
	}
	if n := strings.Count(readFile(t, replayed), "\n"); n != 2 {
		t.Errorf("the replayed cell ran %d times, want 2", n)
	}
	for _, c := range nb.Cells {
		if c.HasTag(errorCellTag) {
			t.Error("the first run's error banner is still there")
		}
	}
	if pm := nb.Metadata["papermill"].(map[string]any); fmt.Sprint(pm["resumed_from_cell"]) != "4" || pm["exception"] != nil {
		t.Errorf("metadata.papermill: %v", pm)
	}

	// Nothing left to resume; parameters cannot change on resume.
	if _, err := Run(context.Background(), in, opts); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "nothing to resume") {
		t.Errorf("resuming a completed run: %v", err)
	}
	opts.Params = map[string]any{"x": "1"}
	if _, err := Run(context.Background(), in, opts); ExitCode(err) != ExitUsage {
		t.Errorf("resuming with parameters: %v", err)
	}
}
