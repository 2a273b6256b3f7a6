package jupyter

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/kernel/wire"
)

func TestSluiceVersion(t *testing.T) {
	out, err := exec.Command(testenv.SluiceBinary(t), "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sluice ", runtime.Version(), "yaegi  v0.16.1"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("sluice version output lacks %q:\n%s", want, out)
		}
	}
}

// TestKernelCommandWithLogFile starts `sluice kernel --log-file` directly, talks to it
// with a kernel/wire client, shuts it down and checks it exited cleanly, logging to the
// file and not into its messages.
func TestKernelCommandWithLogFile(t *testing.T) {
	t.Parallel()
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	ci, err := wire.LoopbackConnection()
	if err != nil {
		t.Fatal(err)
	}
	connFile := filepath.Join(dir, "kernel.json")
	if err := wire.WriteConnectionFile(connFile, ci); err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(dir, "kernel.log")
	cmd := exec.Command(bin, "kernel", "--connection-file", connFile, "--log-file", logFile)
	cmd.Env = append(os.Environ(), "SLUICE_HOME="+filepath.Join(dir, "home"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
	}()

	signer, _ := ci.Signer()
	ctx := context.Background()
	shell := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("t-"+wire.NewID()[:8])))
	control := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("t-"+wire.NewID()[:8])))
	defer shell.Close()
	defer control.Close()
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{shell, ci.ShellPort}, {control, ci.ControlPort}} {
		// The kernel may not listen yet; zmq4's dialer retries.
		if err := d.s.Dial(ci.Endpoint(d.port)); err != nil {
			t.Fatalf("dial: %v", err)
		}
	}
	session := wire.NewID()
	call := func(sock zmq4.Socket, typ string, content any) *wire.Message {
		req, _ := wire.New(typ, session, nil, content)
		if err := wire.Send(sock, req, signer); err != nil {
			t.Fatal(err)
		}
		got := make(chan *wire.Message, 1)
		go func() {
			for {
				m, err := wire.Recv(sock, signer)
				if err != nil {
					close(got)
					return
				}
				if m.ParentID() == req.Header.MsgID {
					got <- m
					return
				}
			}
		}()
		select {
		case m, ok := <-got:
			if !ok {
				t.Fatalf("no reply to %s", typ)
			}
			return m
		case <-time.After(60 * time.Second):
			t.Fatalf("no reply to %s; stderr:\n%s", typ, stderr.String())
		}
		return nil
	}
	var info struct {
		Implementation string `json:"implementation"`
	}
	call(shell, wire.KernelInfoRequest, nil).DecodeContent(&info)
	if info.Implementation != "sluice" {
		t.Errorf("kernel_info implementation = %q", info.Implementation)
	}
	var sd struct {
		Status string `json:"status"`
	}
	call(control, wire.ShutdownRequest, map[string]any{"restart": false}).DecodeContent(&sd)
	if sd.Status != "ok" {
		t.Errorf("shutdown_reply status = %q", sd.Status)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("kernel exited with %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("kernel did not exit after shutdown_request")
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kernel started", "shutdown requested", "kernel stopped"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("log file lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(stderr.String(), "kernel started") {
		t.Errorf("logs went to stderr despite --log-file:\n%s", stderr.String())
	}
}
