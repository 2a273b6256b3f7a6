//go:build !unix

package kernel

import (
	"errors"
	"io"
	"os"
)

// capture is not available on this system: CaptureOutput fails at start.
type capture struct{}

func startCapture(*kernel) (*capture, error) {
	return nil, errors.New("output capture needs a Unix system")
}
func (*capture) stop()                          {}
func (*capture) logWriter() io.Writer           { return nil }
func (*capture) sync()                          {}
func (*capture) watchStdin(*cell) (stop func()) { return func() {} }

// StderrCopy returns os.Stderr: without capture it is never redirected.
func StderrCopy() (*os.File, error) { return os.Stderr, nil }
