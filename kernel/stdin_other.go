//go:build unix && !linux

package kernel

import "golang.org/x/sys/unix"

// stdinPipe is Linux-only: elsewhere reads of standard input are not turned into input
// requests (cells can still call CellIO.Input or display input helpers).
type stdinPipe struct{}

func startStdin(*kernel) *stdinPipe          { return nil }
func (*stdinPipe) restore()                  {}
func (*stdinPipe) watch(*cell) (stop func()) { return func() {} }

func growPipe(int) {}

// pipe makes a blocking pipe whose ends are closed on exec.
func pipe(p []int) error {
	if err := unix.Pipe(p); err != nil {
		return err
	}
	unix.CloseOnExec(p[0])
	unix.CloseOnExec(p[1])
	return nil
}
