package notebooks

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestNotebooksAreCommittedClean checks the committed .ipynb files: generated from
// notebooks/src (build.py --check), nbformat 4.5 with unique cell ids, the sluice
// kernelspec and Go language_info, no outputs or execution counts, exactly one cell
// tagged parameters, and an opening markdown cell.
func TestNotebooksAreCommittedClean(t *testing.T) {
	root := testenv.RepoRoot(t)
	py := testenv.Python(t)
	if out, err := exec.Command(py, filepath.Join(root, "notebooks", "src", "build.py"), "--check").CombinedOutput(); err != nil {
		t.Errorf("notebooks differ from their sources: %v\n%s", err, out)
	}
	idRE := regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
	for _, path := range notebooksIn(t) {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var nb struct {
			NBFormat      int `json:"nbformat"`
			NBFormatMinor int `json:"nbformat_minor"`
			Metadata      struct {
				Kernelspec   map[string]string `json:"kernelspec"`
				LanguageInfo map[string]string `json:"language_info"`
			} `json:"metadata"`
			Cells []struct {
				ID             string           `json:"id"`
				CellType       string           `json:"cell_type"`
				Metadata       map[string]any   `json:"metadata"`
				Outputs        []map[string]any `json:"outputs"`
				ExecutionCount *int             `json:"execution_count"`
			} `json:"cells"`
		}
		if err := json.Unmarshal(data, &nb); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if nb.NBFormat != 4 || nb.NBFormatMinor != 5 {
			t.Errorf("%s: nbformat %d.%d, want 4.5", name, nb.NBFormat, nb.NBFormatMinor)
		}
		wantKS := map[string]string{"name": "sluice", "display_name": "Go (Sluice)", "language": "go"}
		for k, v := range wantKS {
			if nb.Metadata.Kernelspec[k] != v {
				t.Errorf("%s: kernelspec.%s = %q, want %q", name, k, nb.Metadata.Kernelspec[k], v)
			}
		}
		wantLI := map[string]string{"name": "go", "file_extension": ".go", "mimetype": "text/x-go", "codemirror_mode": "go", "pygments_lexer": "go"}
		for k, v := range wantLI {
			if nb.Metadata.LanguageInfo[k] != v {
				t.Errorf("%s: language_info.%s = %q, want %q", name, k, nb.Metadata.LanguageInfo[k], v)
			}
		}
		if len(nb.Cells) == 0 || nb.Cells[0].CellType != "markdown" {
			t.Errorf("%s: must open with a markdown cell", name)
		}
		ids, params := map[string]bool{}, 0
		for i, c := range nb.Cells {
			if !idRE.MatchString(c.ID) || ids[c.ID] {
				t.Errorf("%s: cell %d has a missing, invalid or duplicate id %q", name, i, c.ID)
			}
			ids[c.ID] = true
			if len(c.Outputs) > 0 || c.ExecutionCount != nil {
				t.Errorf("%s: cell %s is committed with outputs or an execution count", name, c.ID)
			}
			if tags, ok := c.Metadata["tags"].([]any); ok {
				for _, tag := range tags {
					if tag == "parameters" {
						params++
					}
				}
			}
		}
		if params != 1 {
			t.Errorf("%s: %d cells tagged parameters, want 1", name, params)
		}
	}
}
