package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sluice-dev/sluice/runner"
)

func init() {
	register("trust", "sign notebooks so Jupyter shows their HTML and SVG outputs (as jupyter trust)", trustNotebooks)
}

// trustNotebooks signs each notebook named in the user's Jupyter trust database
// (notebook_secret and nbsignatures.db in the Jupyter data directory), as `jupyter trust`
// does. Exit codes: 0 all signed, 1 one could not be signed, 2 usage.
func trustNotebooks(args []string) int {
	fs := flag.NewFlagSet("sluice trust", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice trust NOTEBOOK...\n\nSigns each notebook with your Jupyter notebook secret in the signature database of\nyour Jupyter data directory ($JUPYTER_DATA_DIR, else ~/.local/share/jupyter), as\n`jupyter trust` does, so JupyterLab and Notebook show its HTML, SVG and JavaScript\noutputs. `sluice run` signs the notebooks it writes unless --no-sign.")
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	n, err := runner.DefaultNotary()
	if err != nil {
		fmt.Fprintf(os.Stderr, "sluice trust: %v\n", err)
		return 1
	}
	code := 0
	for _, path := range fs.Args() {
		if err := n.SignFile(path); err != nil {
			fmt.Fprintf(os.Stderr, "sluice trust: %v\n", err)
			code = 1
			continue
		}
		fmt.Printf("Signing notebook: %s\n", path)
	}
	return code
}
