package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sluice-dev/sluice/install"
)

func init() {
	register("install", "install (or --uninstall) the Jupyter kernelspec", installKernel)
}

func installKernel(args []string) int {
	fs := flag.NewFlagSet("sluice install", flag.ContinueOnError)
	user := fs.Bool("user", false, "install into your own Jupyter data directory (~/.local/share/jupyter)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the active Python environment's share/jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	name := fs.String("name", install.DefaultName, "kernelspec directory `name`")
	display := fs.String("display-name", install.DefaultDisplayName, "the `name` Jupyter shows in its kernel list")
	uninstall := fs.Bool("uninstall", false, "remove the kernelspec instead of installing it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice install [--user|--sys-prefix|--prefix DIR] [--name N] [--display-name S] [--uninstall]\n\nWithout a scope flag the kernelspec goes to the system-wide directory (/usr/local/share/jupyter/kernels).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "sluice install: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opts := install.Options{Name: *name, DisplayName: *display, Prefix: *prefix}
	n := 0
	if *user {
		opts.Scope, n = install.User, n+1
	}
	if *sysPrefix {
		opts.Scope, n = install.SysPrefix, n+1
	}
	if *prefix != "" {
		opts.Scope, n = install.Prefix, n+1
	}
	if n > 1 {
		fmt.Fprintln(os.Stderr, "sluice install: choose one of --user, --sys-prefix and --prefix")
		return 2
	}
	if *uninstall {
		dir, err := install.Uninstall(opts)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sluice", err)
			return 1
		}
		fmt.Printf("Removed kernelspec %s from %s\n", opts.Name, dir)
		return 0
	}
	dir, err := install.Install(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sluice", err)
		return 1
	}
	fmt.Printf("Installed kernelspec %s (%q) in %s\n", opts.Name, opts.DisplayName, dir)
	return 0
}
