//go:build unix && !linux

package kernel

// stdinPipe is Linux-only: elsewhere reads of standard input are not turned into input
// requests (cells can still call CellIO.Input or display input helpers).
type stdinPipe struct{}

func startStdin(*kernel) *stdinPipe          { return nil }
func (*stdinPipe) restore()                  {}
func (*stdinPipe) watch(*cell) (stop func()) { return func() {} }

func growPipe(int) {}
