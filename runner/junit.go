package runner

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// NotebookRun is one notebook of a `sluice run` command for the JUnit report: its
// result and error as Run returned them, or NotRun when an earlier notebook of the
// chain failed.
type NotebookRun struct {
	Input  string
	Result *Result
	Err    error
	NotRun bool
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes a JUnit XML report of runs to w: one test suite per notebook with a
// test case for the notebook and, with perCell, one per code cell. A cell that fails is
// a failure carrying its error and source; a run stopped by anything else (timeout,
// kernel death, I/O, usage) is an error; skipped cells and notebooks that did not run
// are skipped.
func WriteJUnit(w io.Writer, runs []NotebookRun, perCell bool) error {
	all := junitSuites{Name: "sluice run"}
	var total time.Duration
	for _, r := range runs {
		s := junitSuite{Name: r.Input}
		var dur time.Duration
		if r.Result != nil {
			dur = r.Result.Duration
		}
		total += dur
		nbCase := junitCase{Name: "notebook", Classname: r.Input, Time: secs(dur)}
		switch {
		case r.NotRun:
			nbCase.Skipped = &junitProblem{Message: "not run: an earlier notebook of the chain failed"}
		case r.Err != nil:
			p := &junitProblem{Message: r.Err.Error(), Type: exitName(ExitCode(r.Err)), Text: failedSource(r.Result)}
			if ExitCode(r.Err) == ExitCellFailed {
				nbCase.Failure = p
			} else {
				nbCase.Error = p
			}
		}
		s.Cases = append(s.Cases, nbCase)
		if perCell && r.Result != nil {
			for _, c := range r.Result.Cells {
				tc := junitCase{Name: fmt.Sprintf("cell %d", c.Index+1), Classname: r.Input, Time: secs(c.Duration)}
				if c.ID != "" {
					tc.Name += " (" + c.ID + ")"
				}
				switch c.Status {
				case "failed":
					tc.Failure = &junitProblem{Message: c.Error, Type: "CellError", Text: cellReport(c)}
				case "skipped":
					tc.Skipped = &junitProblem{Message: "skipped by a tag"}
				case "pending":
					tc.Skipped = &junitProblem{Message: "not run: an earlier cell failed"}
				}
				s.Cases = append(s.Cases, tc)
			}
		}
		for _, c := range s.Cases {
			s.Tests++
			switch {
			case c.Failure != nil:
				s.Failures++
			case c.Error != nil:
				s.Errors++
			case c.Skipped != nil:
				s.Skipped++
			}
		}
		s.Time = secs(dur)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
		all.Suites = append(all.Suites, s)
	}
	all.Time = secs(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// exitName names the kind of failure an exit code stands for.
func exitName(code int) string {
	switch code {
	case ExitCellFailed:
		return "CellFailed"
	case ExitUsage:
		return "UsageError"
	case ExitTimeout:
		return "Timeout"
	case ExitKernelDied:
		return "KernelDied"
	case ExitIO:
		return "IOError"
	case ExitInterrupted:
		return "Interrupted"
	}
	return "Error"
}

// failedSource is the report of the cell that stopped the run, if one did.
func failedSource(res *Result) string {
	if res == nil {
		return ""
	}
	for _, c := range res.Cells {
		if c.Status == "failed" {
			return cellReport(c)
		}
	}
	return ""
}

// cellReport is a failed cell's error, traceback and source as a JUnit body.
func cellReport(c CellSummary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Error)
	if len(c.Traceback) > 0 {
		b.WriteString("\n" + ansi.ReplaceAllString(strings.Join(c.Traceback, "\n"), "") + "\n")
	}
	fmt.Fprintf(&b, "\ncell %d source:\n%s\n", c.Index+1, c.Source)
	return b.String()
}
