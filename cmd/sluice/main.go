// Command sluice is the Sluice binary: a Jupyter kernel for Go, its installer, a
// papermill-style batch runner and the embedded sandbox query service.
//
// Each subcommand lives in its own file and registers itself in commands at init;
// main only picks the subcommand and hands it the remaining arguments.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
)

// command is one subcommand: a one-line summary for the usage text and the function that
// runs it with the arguments after the subcommand name, returning the process exit code.
type command struct {
	summary string
	run     func(args []string) int
}

// commands is the subcommand registry, filled by init functions in this package.
var commands = map[string]command{}

func register(name, summary string, run func(args []string) int) {
	commands[name] = command{summary: summary, run: run}
}

// flagExit is the exit code after a flag parse error: 0 when -h or --help asked for the
// usage text (already printed by the flag set), 2 for a bad flag.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: sluice <command> [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(os.Stderr, "\nRun 'sluice <command> -h' for a command's flags.")
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		usage()
		if len(os.Args) < 2 {
			os.Exit(2)
		}
		return
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "sluice: unknown command %q\n\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	os.Exit(c.run(os.Args[2:]))
}
