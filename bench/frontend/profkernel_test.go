package frontend

// A profiled kernel: the test binary started as "<test binary> kernel --connection-file F"
// with FEBENCH_KERNEL_CPUPROFILE=FILE set serves the Jupyter protocol as `sluice kernel`
// does (engine.New + kernel.Run with output capture), under a CPU profile that is written
// to FILE when the kernel shuts down. profile.sh passes this binary to BenchmarkRoundTrip
// as FEBENCH_NEW_BIN, so that the kernel's side of the round trip can be profiled
// (go test -cpuprofile profiles only the client). Like roundtrip_test.go, this file is
// not copied into the old worktree.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

func init() {
	prof := os.Getenv("FEBENCH_KERNEL_CPUPROFILE")
	if prof == "" || len(os.Args) != 4 || os.Args[1] != "kernel" || os.Args[2] != "--connection-file" {
		return
	}
	os.Exit(profiledKernel(os.Args[3], prof))
}

func profiledKernel(connFile, prof string) int {
	f, err := os.Create(prof)
	if err != nil {
		fmt.Fprintln(os.Stderr, "profiled kernel:", err)
		return 1
	}
	defer f.Close()
	eng, err := engine.New(engine.Options{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Display: func(b display.Bundle) error { return display.Show(b) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "profiled kernel:", err)
		return 1
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "profiled kernel:", err)
		return 1
	}
	err = kernel.Run(context.Background(), connFile, eng, kernel.Options{
		CaptureOutput:  true,
		HandleSIGINT:   true,
		ExitWithParent: true,
	})
	pprof.StopCPUProfile()
	if err != nil && !errors.Is(err, kernel.ErrRestart) {
		fmt.Fprintln(os.Stderr, "profiled kernel:", err)
		return 1
	}
	return 0
}
