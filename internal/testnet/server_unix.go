//go:build unix

package testnet

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// Server says how to start a server process for a test and how to know it serves.
type Server struct {
	Name  string   // what failures call it ("jupyter-lab")
	Path  string   // the program
	Args  []string // its arguments
	Env   []string // its environment (nil: the test's)
	Dir   string   // its working directory ("": the test's)
	Log   string   // the file its stdout and stderr go to
	Ready string   // a URL that answers 200 once it serves
	// Within bounds the wait for Ready; Grace how long it may take to stop.
	Within, Grace time.Duration
}

// Start starts the server in a process group of its own (it may start children, as
// Jupyter servers start kernels) with its output in s.Log (a file, so that no child
// keeps a pipe open), and waits until s.Ready answers 200. When the test ends the
// whole group gets SIGTERM, and SIGKILL after s.Grace. A server that exits first or
// does not answer within s.Within fails the test with the end of its log.
func (s Server) Start(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, s.Path, s.Args...)
	cmd.Env, cmd.Dir = s.Env, s.Dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = s.Grace
	logFile, err := os.Create(s.Log)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		cancel()
		logFile.Close()
		t.Fatalf("starting %s: %v", s.Name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
		logFile.Close()
	})
	deadline := time.Now().Add(s.Within)
	for {
		resp, err := http.Get(s.Ready)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("%s exited (%v):\n%s", s.Name, err, LogTail(s.Log))
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer %s within %s:\n%s", s.Name, s.Ready, s.Within, LogTail(s.Log))
		}
	}
}

// LogTail is the last 8,000 bytes of a server's log file.
func LogTail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 8000 {
		b = b[len(b)-8000:]
	}
	return string(b)
}
