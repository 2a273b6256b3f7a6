package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/sluice-dev/sluice/kernel"
)

func init() {
	register("version", "print the versions of sluice, Go and the yaegi interpreter", printVersion)
}

func printVersion(args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "usage: sluice version")
		return 2
	}
	v := kernel.Versions()
	fmt.Printf("sluice %s\ngo     %s %s/%s\nyaegi  %s\n", v.Sluice, v.Go, runtime.GOOS, runtime.GOARCH, v.Yaegi)
	return 0
}
