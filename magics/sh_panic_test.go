package magics

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
)

// shPanicWriter is a cell output whose Write panics.
type shPanicWriter struct{}

func (shPanicWriter) Write([]byte) (int, error) { panic("output stream broke") }

// TestShellOutputPanicIsTheCellsError checks that a panic in the output writer, called
// from os/exec's copying goroutine, is the %%sh cell's error rather than the end of
// the process.
func TestShellOutputPanicIsTheCellsError(t *testing.T) {
	env, _, _, _ := testEnv()
	env.Stdout = shPanicWriter{}
	_, _, err := Handle(context.Background(), env, "%%sh\necho one")
	var me *Error
	if !errors.As(err, &me) || !strings.Contains(me.Error(), "output stream broke") {
		t.Fatalf("err = %v", err)
	}
}

// TestShellWatcherPanicIsTheCellsError checks that a panic in the goroutine that
// interrupts the shell is the cell's error, and that the shell is still stopped.
func TestShellWatcherPanicIsTheCellsError(t *testing.T) {
	killGroup = func(int, syscall.Signal) error { panic("signal failed") }
	t.Cleanup(func() { killGroup = syscall.Kill })
	env, _, _, _ := testEnv()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Handle(ctx, env, "%%sh\nsleep 30")
	var me *Error
	if !errors.As(err, &me) || !strings.Contains(me.Value, "signal failed") || !strings.Contains(me.Value, "killed") {
		t.Fatalf("err = %v", err)
	}
}
