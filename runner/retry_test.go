package runner

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// flakyCell fails until it has run n times (counted in a file), like a network step.
func flakyCell(counter string, n int) string {
	return fmt.Sprintf("#tag:retry\nimport \"os\"\nprev, _ := os.ReadFile(%q)\nos.WriteFile(%q, append(prev, 'x'), 0o644)\nif len(prev)+1 < %d {\n\tpanic(\"flaky\")\n}\nfmt.Println(\"attempt\", len(prev)+1)", counter, counter, n)
}

// A cell tagged retry runs again after a failure, up to --retries more times; a cell
// without the tag is not retried.
func TestSluiceRetries(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name     string
		retries  int
		tagged   bool
		wantErr  bool
		attempts int
	}{
		{"enough retries", 2, true, false, 3},
		{"too few", 1, true, true, 2},
		{"untagged", 5, false, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			counter := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			src := flakyCell(counter, 3)
			if !tc.tagged {
				src = strings.TrimPrefix(src, "#tag:retry\n")
			}
			in := goNotebook(t, false, "x := 1", src)
			out := filepath.Join(t.TempDir(), "out.ipynb")
			opts := sluiceOpts(t, out)
			var events bytes.Buffer
			opts.Retries, opts.RetryDelay, opts.Events = tc.retries, 0, NewEventLog(&events)
			_, err := Run(context.Background(), in, opts)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			c := cellByID(t, readOut(t, out), "g1")
			if got := strings.Count(readFile(t, counter), "x"); got != tc.attempts {
				t.Fatalf("the cell ran %d times, want %d", got, tc.attempts)
			}
			if !tc.wantErr && streamText(c) != "attempt 3\n" {
				t.Fatalf("outputs of the last attempt only: %q", streamText(c))
			}
			if tc.tagged {
				if a := c.Metadata["papermill"].(map[string]any)["attempts"]; fmt.Sprint(a) != fmt.Sprint(tc.attempts) {
					t.Fatalf("metadata.papermill.attempts = %v", a)
				}
			}
			if n := strings.Count(events.String(), `"event":"cell_retry"`); n != tc.attempts-1 {
				t.Fatalf("%d cell_retry events:\n%s", n, events.String())
			}
		})
	}
}
