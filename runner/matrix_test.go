package runner

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// A 2×2 matrix with -j 2: four jobs, each with its own kernel and SLUICE_HOME, at most
// two at once, outputs named after the parameters and valid for nbformat, one failing
// combination giving the exit code, a summary table at the end.
func TestSluiceRunMatrix(t *testing.T) {
	py := testenv.Python(t, "nbformat", "jsonschema")
	running := t.TempDir()
	// Each job marks itself running, counts the jobs running with it, and stays a moment.
	cell := fmt.Sprintf("import (\n\t\"os\"\n\t\"path/filepath\"\n\t\"time\"\n)\n"+
		"mark := filepath.Join(%q, fmt.Sprint(users, \"-\", seed))\nos.WriteFile(mark, nil, 0o644)\n"+
		"entries, _ := os.ReadDir(%q)\ntime.Sleep(300 * time.Millisecond)\nos.Remove(mark)\n"+
		"fmt.Println(users*seed, len(entries), os.Getenv(\"SLUICE_HOME\"))\n"+
		"if users == 3 && seed == 2 {\n\tpanic(\"bad combination\")\n}", running, running)
	in := goNotebook(t, true, "users := 100 // how many\nseed := 1", cell)
	sluiceOpts(t, "")
	dir := t.TempDir()
	outDir, events := filepath.Join(dir, "out"), filepath.Join(dir, "events.jsonl")
	cmd := exec.Command(testenv.SluiceBinary(t), "run", in, "-m", "users=1", "-m", "users=3", "-m", "seed=1", "-m", "seed=2",
		"-j", "2", "-o", outDir, "--json-events", events)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitCellFailed {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	homes := map[string]bool{}
	for _, job := range []struct {
		name    string
		product int
	}{{"users-1_seed-1", 1}, {"users-1_seed-2", 2}, {"users-3_seed-1", 3}, {"users-3_seed-2", 6}} {
		path := filepath.Join(outDir, "g-"+job.name+".ipynb")
		if b, err := exec.Command(py, "-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, b)
		}
		var product, together int
		var home string
		text := streamText(cellByID(t, readOut(t, path), "g1"))
		if _, err := fmt.Sscan(text, &product, &together, &home); err != nil || product != job.product {
			t.Fatalf("%s shows %q", path, text)
		}
		if together > 2 {
			t.Errorf("%d jobs ran at once with -j 2", together)
		}
		if home == "" || homes[home] {
			t.Errorf("job %s's SLUICE_HOME %q is not its own", job.name, home)
		}
		homes[home] = true
		if _, err := os.Stat(home); err == nil {
			t.Errorf("the job's SLUICE_HOME %s was left behind", home)
		}
	}
	table := string(out)[strings.Index(string(out), "job  parameters"):]
	if strings.Count(table, " ok ") != 3 || !strings.Contains(table, "users=3,seed=2                   FAILED      1") {
		t.Errorf("summary:\n%s", table)
	}
	script := `
import json, sys, jsonschema
v = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
for n, line in enumerate(open(sys.argv[2]), 1):
    for e in v.iter_errors(json.loads(line)):
        print("line %d: %s" % (n, e.message))
        sys.exit(1)
`
	if b, err := exec.Command(py, "-c", script, "events.schema.json", events).CombinedOutput(); err != nil {
		t.Fatalf("events: %v\n%s", err, b)
	}
	jobs := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(readFile(t, events)), "\n") {
		var ev Event
		json.Unmarshal([]byte(line), &ev)
		if ev.Event == "run_end" {
			jobs[ev.Job] = *ev.ExitCode
		}
	}
	if len(jobs) != 4 || jobs["users=3,seed=2"] != 1 || jobs["users=1,seed=1"] != 0 {
		t.Errorf("run_end events by job: %v", jobs)
	}
}
