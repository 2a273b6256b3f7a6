package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
	"github.com/sluice-dev/sluice/runner"
)

func init() {
	register("check", "type-check notebooks and their parameters without running them (CI pre-flight)", checkNotebooks)
}

// checkNotebooks type-checks every code cell of each notebook with the engine's typed
// front end, in order, against what the cells before it declare, after validating and
// injecting the parameters as `sluice run` would. Exit 0: all good; 1: a cell does not
// check; 2: usage, an unreadable notebook or a bad parameter.
func checkNotebooks(args []string) int {
	fs := flag.NewFlagSet("sluice check", flag.ContinueOnError)
	var params, skipTags stringList
	var paramFile string
	var quiet bool
	fs.Var(&params, "p", "parameter `name=value` (repeatable), validated against the parameters cell")
	fs.StringVar(&paramFile, "f", "", "parameters from a YAML or JSON `FILE`")
	fs.Var(&skipTags, "skip-tag", "do not check cells carrying `TAG` (repeatable)")
	fs.BoolVar(&quiet, "quiet", false, "print only the errors")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice check NOTEBOOK... [flags]\n\nType-checks every Go cell (as the kernel's front end does before running it) and validates\nthe parameters, without running anything. Magic cells are not checked.\nExit codes: 0 ok, 1 a cell does not check, 2 usage, unreadable notebook or bad parameter.\n\nflags:")
		fs.PrintDefaults()
	}
	var notebooks []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return flagExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		notebooks = append(notebooks, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(notebooks) == 0 {
		fmt.Fprintln(os.Stderr, "sluice check: no notebook given")
		fs.Usage()
		return runner.ExitUsage
	}
	values := map[string]any{}
	if paramFile != "" {
		data, err := os.ReadFile(paramFile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice check: %v\n", err)
			return runner.ExitUsage
		}
		m, err := runner.ParseParamsFile(data)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice check: %s: %v\n", paramFile, err)
			return runner.ExitUsage
		}
		for k, v := range m {
			values[k] = v
		}
	}
	for _, p := range params {
		name, value, err := runner.ParseValueArg(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice check: %v\n", err)
			return runner.ExitUsage
		}
		values[name] = value
	}
	code := 0
	for _, path := range notebooks {
		c := checkNotebook(path, values, skipTags, quiet)
		if c > code {
			code = c
		}
	}
	return code
}

// checkNotebook checks one notebook and returns its exit code.
func checkNotebook(path string, values map[string]any, skipTags []string, quiet bool) int {
	nb, err := runner.PrepareCheck(path, values)
	if err != nil {
		fmt.Fprintf(os.Stderr, "sluice check: %s: %v\n", path, err)
		return runner.ExitUsage
	}
	eng, err := engine.New(engine.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Fprintf(os.Stderr, "sluice check: %v\n", err)
		return runner.ExitUsage
	}
	defer eng.Close()
	checked, failed, n := 0, 0, 0
	for _, c := range nb.Cells {
		// Cells are numbered as in the file: a cell injected for the given parameters is not.
		injected := len(values) > 0 && c.HasTag("injected-parameters")
		if !injected {
			n++
		}
		if c.Type != "code" || strings.TrimSpace(c.Source) == "" || c.HasTag("skip-execution") || hasAnyTag(c, skipTags) {
			continue
		}
		checked++
		if err := eng.Check(context.Background(), c.Source); err != nil {
			failed++
			where := fmt.Sprintf("cell %d%s", n, cellIDNote(c))
			if injected {
				where = "the injected parameters"
			}
			fmt.Fprintf(os.Stderr, "%s: %s: %s\n", path, where, checkMessage(err))
		}
	}
	switch {
	case failed > 0:
		fmt.Fprintf(os.Stderr, "%s: %d of %d code cells do not check\n", path, failed, checked)
		return runner.ExitCellFailed
	case !quiet:
		fmt.Fprintf(os.Stderr, "%s: %d code cells check\n", path, checked)
	}
	return 0
}

func hasAnyTag(c *runner.Cell, tags []string) bool {
	for _, t := range tags {
		if c.HasTag(t) {
			return true
		}
	}
	return false
}

func cellIDNote(c *runner.Cell) string {
	if c.ID == "" {
		return ""
	}
	return " (" + c.ID + ")"
}

// checkMessage is the error with the source line it points at, indented.
func checkMessage(err error) string {
	var ee *kernel.ExecError
	if !errors.As(err, &ee) {
		return err.Error()
	}
	msg := ee.Value
	if len(ee.Traceback) > 1 {
		msg += "\n\t" + strings.Join(ee.Traceback[1:], "\n\t")
	}
	return msg
}
