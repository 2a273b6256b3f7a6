package runner

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes of sluice run.
const (
	ExitOK          = 0
	ExitCellFailed  = 1
	ExitUsage       = 2
	ExitTimeout     = 3
	ExitKernelDied  = 4
	ExitIO          = 5
	ExitInterrupted = 130
)

// UsageError is a problem with the command line, the parameters or the notebook itself,
// found before anything runs.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// IOError is a failure to read the input or write the output.
type IOError struct{ Err error }

func (e *IOError) Error() string { return e.Err.Error() }
func (e *IOError) Unwrap() error { return e.Err }

// CellError is a cell that failed: its index among all cells, its execution count and
// the kernel's error.
type CellError struct {
	Index          int
	ExecutionCount *int
	EName, EValue  string
	Traceback      []string
}

func (e *CellError) Error() string {
	n := "?"
	if e.ExecutionCount != nil {
		n = fmt.Sprint(*e.ExecutionCount)
	}
	return fmt.Sprintf("cell %d (In [%s]) failed: %s: %s", e.Index+1, n, e.EName, e.EValue)
}

// ExitCode maps a run's error to the process exit code. A failure to write the output
// wins over the failure that stopped the run (exit 5, not 1): the results are not where
// the caller will look for them.
func ExitCode(err error) int {
	var (
		usage *UsageError
		ioErr *IOError
		cell  *CellError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &usage):
		return ExitUsage
	case errors.As(err, &ioErr):
		return ExitIO
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.Is(err, ErrCellTimeout), errors.Is(err, context.DeadlineExceeded):
		return ExitTimeout
	case errors.Is(err, ErrKernelDied):
		return ExitKernelDied
	case errors.As(err, &cell):
		return ExitCellFailed
	}
	return ExitCellFailed
}
