package runner

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// reportChain runs three notebooks as one `sluice run` chain: a passes (with a skipped
// cell), b fails at its second cell, c does not run. It returns the JUnit and events
// files.
func reportChain(t *testing.T) (junit, events string) {
	t.Helper()
	a := testNotebook(t, "sluice", "go", "a", false, "x := 1", "#tag:skipme\nfmt.Println(\"skipped\")", "fmt.Println(x)")
	b := testNotebook(t, "sluice", "go", "b", false, "y := 2", "fmt.Println(y)\npanic(\"boom\")", "fmt.Println(\"after\")")
	c := testNotebook(t, "sluice", "go", "c", false, "fmt.Println(3)")
	sluiceOpts(t, "")
	dir := t.TempDir()
	junit, events = filepath.Join(dir, "report.xml"), filepath.Join(dir, "events.jsonl")
	cmd := exec.Command(testenv.SluiceBinary(t), "run", a, b, c, "-o", filepath.Join(dir, "out"), "--skip-tag", "skipme",
		"--junit", junit, "--junit-cells", "--json-events", events, "--quiet")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitCellFailed {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	return junit, events
}

func TestSluiceRunReports(t *testing.T) {
	py := testenv.Python(t, "junitparser", "jsonschema")
	junit, events := reportChain(t)

	// JUnit, read by junitparser: the counts of the test cases' results match the
	// suites' attributes and what ran.
	script := `
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
out = {"suites": [], "tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped}
for s in xml:
    cases = list(s)
    kinds = [type(r).__name__ for c in cases for r in c.result]
    out["suites"].append({"name": s.name, "tests": s.tests, "failures": s.failures, "errors": s.errors, "skipped": s.skipped,
        "cases": len(cases), "counted": {k: kinds.count(k) for k in ("Failure", "Error", "Skipped")},
        "names": [c.name for c in cases],
        "failure_text": [r.text for c in cases for r in c.result if isinstance(r, Failure)]})
print(json.dumps(out))
`
	data, err := exec.Command(py, "-c", script, junit).CombinedOutput()
	if err != nil {
		t.Fatalf("junitparser: %v\n%s", err, data)
	}
	var rep struct {
		Tests, Failures, Errors, Skipped int
		Suites                           []struct {
			Name                                    string
			Tests, Failures, Errors, Skipped, Cases int
			Counted                                 map[string]int
			Names                                   []string
			FailureText                             []string `json:"failure_text"`
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	if rep.Tests != 9 || rep.Failures != 2 || rep.Errors != 0 || rep.Skipped != 3 || len(rep.Suites) != 3 {
		t.Fatalf("totals: %s", data)
	}
	want := []struct{ tests, failures, skipped int }{{4, 0, 1}, {4, 2, 1}, {1, 0, 1}}
	for i, s := range rep.Suites {
		w := want[i]
		if s.Tests != w.tests || s.Cases != w.tests || s.Failures != w.failures || s.Counted["Failure"] != w.failures ||
			s.Skipped != w.skipped || s.Counted["Skipped"] != w.skipped || s.Errors != 0 || s.Counted["Error"] != 0 {
			t.Fatalf("suite %d: %+v", i, s)
		}
	}
	b := rep.Suites[1]
	if b.Names[0] != "notebook" || b.Names[2] != "cell 2 (b1)" {
		t.Fatalf("case names: %v", b.Names)
	}
	for _, text := range b.FailureText {
		if !strings.Contains(text, "boom") || !strings.Contains(text, "panic(\"boom\")") {
			t.Fatalf("a failure lacks the error or the cell's source:\n%s", text)
		}
	}

	// Events: every line is valid against the committed schema, and they tell the run.
	script = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for n, line in enumerate(open(sys.argv[2]), 1):
    for e in v.iter_errors(json.loads(line)):
        print("line %d: %s" % (n, e.message)); bad += 1
sys.exit(1 if bad else 0)
`
	if out, err := exec.Command(py, "-c", script, "events.schema.json", events).CombinedOutput(); err != nil {
		t.Fatalf("events do not match the schema: %v\n%s", err, out)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(readFile(t, events)), "\n") {
		var ev Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		s := ev.Event + " " + filepath.Base(ev.Notebook)
		if ev.Cell > 0 {
			s += " " + ev.CellID
		}
		if ev.Status != "" {
			s += " " + ev.Status
		}
		if ev.Error != nil && !strings.Contains(*ev.Error, "boom") {
			t.Fatalf("error %q", *ev.Error)
		}
		got = append(got, s)
	}
	wantEvents := "run_start a.ipynb|cell_start a.ipynb a0|cell_end a.ipynb a0 completed|cell_end a.ipynb a1 skipped|" +
		"cell_start a.ipynb a2|cell_end a.ipynb a2 completed|run_end a.ipynb ok|" +
		"run_start b.ipynb|cell_start b.ipynb b0|cell_end b.ipynb b0 completed|cell_start b.ipynb b1|cell_end b.ipynb b1 failed|run_end b.ipynb failed"
	if strings.Join(got, "|") != wantEvents {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.ReplaceAll(wantEvents, "|", "\n"))
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
