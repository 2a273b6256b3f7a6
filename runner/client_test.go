package runner

import (
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// A kernel marked dead for missing heartbeats may still be running: Kill must end its
// process group all the same.
func TestKillEndsKernelMarkedDeadByHeartbeat(t *testing.T) {
	cmd := exec.Command("/bin/sh", "-c", "sleep 60 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	k := &Kernel{cmd: cmd, dead: make(chan struct{}), exited: make(chan struct{}), connDir: t.TempDir()}
	go func() { _ = cmd.Wait(); close(k.exited) }()
	k.markDead(errors.New("kernel died: no heartbeat"))

	k.Kill()
	select {
	case <-k.exited:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Fatal("Kill left a kernel that had stopped answering heartbeats running")
	}
	// The shell's child is reaped by init a moment later.
	for i := 0; ; i++ {
		err := syscall.Kill(-cmd.Process.Pid, 0)
		if errors.Is(err, syscall.ESRCH) {
			break
		}
		if i == 100 {
			t.Fatalf("the kernel's process group still has members after Kill (kill -0: %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
