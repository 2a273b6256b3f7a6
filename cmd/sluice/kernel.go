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

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

func init() {
	register("kernel", "run the Jupyter kernel (started by Jupyter from the kernelspec)", runKernel)
}

func runKernel(args []string) int {
	fs := flag.NewFlagSet("sluice kernel", flag.ContinueOnError)
	connFile := fs.String("connection-file", "", "Jupyter connection `FILE` (ports, transport, signing key)")
	logFile := fs.String("log-file", "", "write the kernel's logs to `FILE` instead of standard error")
	logLevel := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: sluice kernel --connection-file FILE [--log-file FILE]\n\nJupyter runs this from the kernelspec that 'sluice install' writes.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *connFile == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.ToUpper(*logLevel))); err != nil {
		fmt.Fprintf(os.Stderr, "sluice kernel: bad --log-level %q\n", *logLevel)
		return 2
	}

	// Logs never go into a cell: they go to the log file or to a copy of standard error
	// taken before the kernel redirects descriptor 2 into the cells.
	var logOut io.Writer
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice kernel: open log file: %v\n", err)
			return 1
		}
		defer f.Close()
		logOut = f
	} else {
		f, err := kernel.StderrCopy()
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice kernel: %v\n", err)
			return 1
		}
		logOut = f
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: level}))

	eng, err := engine.New(engine.Options{
		// Output written outside any cell goes through the redirected descriptors too.
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Display: func(b display.Bundle) error {
			return display.Show(b)
		},
		Logger: logger,
	})
	if err != nil {
		logger.Error("start the Go engine", "err", err)
		fmt.Fprintf(os.Stderr, "sluice kernel: %v\n", err)
		return 1
	}
	err = kernel.Run(context.Background(), *connFile, eng, kernel.Options{
		Logger:         logger,
		CaptureOutput:  true,
		HandleSIGINT:   true,
		ExitWithParent: true,
	})
	if err != nil && !errors.Is(err, kernel.ErrRestart) {
		logger.Error("kernel stopped with an error", "err", err)
		return 1
	}
	return 0
}
