// Package kernel speaks the Jupyter messaging protocol: it reads the connection file,
// binds the five sockets, verifies and signs messages, publishes busy/idle, runs one
// execution queue, serves control requests (interrupt, shutdown) on their own goroutine,
// captures output, routes stdin requests, keeps history and answers comms. The language
// itself is behind the Engine interface; kernel knows nothing about Go or SQL.
//
// Output. With Options.CaptureOutput, file descriptors 1 and 2 are pipes for the kernel's
// lifetime: fmt, os.Stdout/os.Stderr, log, compiled libraries and child processes all
// reach the running cell as stream messages, coalesced for Options.FlushInterval and
// flushed before every display message and before the execute_reply. Output that
// arrives while no cell runs (from goroutines a cell left running) is sent under the
// last cell that ran, so it shows where it belongs; before the first cell it is only
// logged. The kernel's own logs go to a copy of the original standard error or a file,
// never into a cell.
//
// Input. CellIO.Input, display.Input and (on Linux) every read of file descriptor 0
// become input_request messages on the stdin channel when the execute_request allowed
// stdin; otherwise they fail with ErrNoStdin (reads of fd 0 see end-of-file and the cell's
// stderr says why).
package kernel

import (
	"context"
	"io"

	"github.com/sluice-dev/sluice/display"
)

// Engine evaluates cells for the kernel. kernel/engine implements it with yaegi.
// The kernel calls Execute, Complete, Inspect and IsComplete from its single shell
// goroutine, never concurrently with each other; Interrupt-by-context may arrive at any
// time through ctx.
type Engine interface {
	// Execute runs one cell. It writes output through io and returns the value to show as
	// the cell's execute_result (nil for none). A cell failure is returned as an error; an
	// *ExecError gives the kernel its ename, evalue and traceback. Cancelling ctx (an
	// interrupt) must make Execute return promptly with ctx.Err() wrapped in the error.
	Execute(ctx context.Context, code string, io *CellIO) (any, error)
	// Complete returns completion matches for code at cursor (a byte offset) and the byte
	// range [start, end) in code that a match replaces.
	Complete(ctx context.Context, code string, cursor int) (matches []string, start, end int)
	// Inspect returns documentation for the name at cursor (a byte offset): signature, doc,
	// and for variables their type and value. detail is the protocol's detail_level (0 or 1).
	Inspect(ctx context.Context, code string, cursor, detail int) (b display.Bundle, found bool)
	// IsComplete reports whether code is ready to run: "complete", "incomplete" (with the
	// indent to continue with), "invalid" or "unknown".
	IsComplete(code string) (status, indent string)
	// Eval evaluates a user_expressions entry and returns its value for rendering.
	Eval(ctx context.Context, expr string) (any, error)
	// Close releases the engine's resources at shutdown.
	Close() error
}

// CellIO is what a running cell may use to reach the front end.
type CellIO struct {
	// Stdout and Stderr deliver text as stream messages (coalesced by the kernel).
	Stdout io.Writer
	Stderr io.Writer
	// Input asks the front end for a line of input; it fails when the request did not allow
	// stdin.
	Input func(prompt string, password bool) (string, error)
}

// ExecError is a cell failure with the fields of a Jupyter error message.
type ExecError struct {
	Name      string   // ename, e.g. "CompileError", "panic", "SQLError"
	Value     string   // evalue: a one-line message
	Traceback []string // lines shown to the user (ANSI colour allowed)
}

func (e *ExecError) Error() string { return e.Name + ": " + e.Value }
