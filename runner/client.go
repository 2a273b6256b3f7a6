package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// ErrKernelDied is returned when the kernel process exits or stops answering heartbeats.
var ErrKernelDied = errors.New("kernel died")

// Kernel is a running kernel process and a client connected to its sockets.
type Kernel struct {
	spec    *KernelSpec
	cmd     *exec.Cmd
	conn    wire.ConnectionInfo
	connDir string
	signer  *wire.Signer
	session string
	log     *slog.Logger

	shell, control, iopub, hb zmq4.Socket

	mu      sync.Mutex
	waiters map[string]*waiter            // parent msg_id → its iopub messages
	replies map[string]chan *wire.Message // request msg_id → shell/control reply

	dead     chan struct{}
	deadOnce sync.Once
	deadErr  error
	exited   chan struct{} // closed once the process has exited and been reaped
	cancel   context.CancelFunc
}

// StartKernel launches spec's kernel in cwd, connects to it and waits until it answers
// kernel_info (with at least one iopub message, as Jupyter clients require), within
// startTimeout. stderr receives the kernel's own stderr.
func StartKernel(ctx context.Context, spec *KernelSpec, cwd string, env []string, stderr io.Writer, startTimeout time.Duration, log *slog.Logger) (*Kernel, map[string]any, error) {
	conn, err := wire.LoopbackConnection()
	if err != nil {
		return nil, nil, err
	}
	conn.KernelName = spec.Name
	connDir, err := os.MkdirTemp("", "sluice-run-")
	if err != nil {
		return nil, nil, err
	}
	k := &Kernel{
		spec: spec, connDir: connDir, session: wire.NewID(), log: log,
		waiters: map[string]*waiter{}, replies: map[string]chan *wire.Message{},
		dead: make(chan struct{}), exited: make(chan struct{}), conn: conn,
	}
	connFile := filepath.Join(connDir, "kernel.json")
	if err := wire.WriteConnectionFile(connFile, k.conn); err != nil {
		os.RemoveAll(connDir)
		return nil, nil, err
	}
	if k.signer, err = k.conn.Signer(); err != nil {
		os.RemoveAll(connDir)
		return nil, nil, err
	}
	argv := make([]string, len(spec.Argv))
	for i, a := range spec.Argv {
		argv[i] = strings.ReplaceAll(a, "{connection_file}", connFile)
		argv[i] = strings.ReplaceAll(argv[i], "{resource_dir}", spec.Dir)
	}
	k.cmd = exec.Command(argv[0], argv[1:]...)
	k.cmd.Dir = cwd
	k.cmd.Env = append(os.Environ(), env...)
	for name, v := range spec.Env {
		k.cmd.Env = append(k.cmd.Env, name+"="+v)
	}
	k.cmd.Stdout = stderr
	k.cmd.Stderr = stderr
	// Its own process group, so a terminal's Ctrl-C reaches the runner only; the runner
	// decides what to tell the kernel.
	k.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := k.cmd.Start(); err != nil {
		os.RemoveAll(connDir)
		return nil, nil, fmt.Errorf("starting kernel %s (%s): %w", spec.Name, argv[0], err)
	}
	go func() {
		err := k.cmd.Wait()
		close(k.exited)
		k.markDead(fmt.Errorf("%w: process exited (%v)", ErrKernelDied, err))
	}()

	sctx, cancel := context.WithCancel(context.Background())
	k.cancel = cancel
	retries := int(startTimeout/(50*time.Millisecond)) + 1
	opts := []zmq4.Option{zmq4.WithDialerRetry(50 * time.Millisecond), zmq4.WithDialerMaxRetries(retries)}
	k.shell = zmq4.NewDealer(sctx, append(opts, zmq4.WithID(zmq4.SocketIdentity(k.session)))...)
	k.control = zmq4.NewDealer(sctx, opts...)
	k.iopub = zmq4.NewSub(sctx, opts...)
	k.hb = zmq4.NewReq(sctx, opts...)

	started := time.Now()
	fail := func(err error) (*Kernel, map[string]any, error) {
		k.Kill()
		return nil, nil, err
	}
	dialAll := make(chan error, 1)
	go func() {
		for _, d := range []struct {
			s    zmq4.Socket
			port int
		}{{k.shell, k.conn.ShellPort}, {k.control, k.conn.ControlPort}, {k.iopub, k.conn.IOPubPort}, {k.hb, k.conn.HBPort}} {
			if err := d.s.Dial(k.conn.Endpoint(d.port)); err != nil {
				dialAll <- err
				return
			}
		}
		dialAll <- k.iopub.SetOption(zmq4.OptionSubscribe, "")
	}()
	select {
	case err := <-dialAll:
		if err != nil {
			return fail(fmt.Errorf("connecting to kernel: %w", err))
		}
	case <-k.dead:
		return fail(k.deadErr)
	case <-time.After(startTimeout):
		return fail(fmt.Errorf("kernel did not open its sockets within %s", startTimeout))
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	go k.readLoop(k.shell)
	go k.readLoop(k.control)
	go k.readIOPub()

	// Ask for kernel_info until it answers and iopub delivers (the subscription may take a
	// moment to reach the kernel, so early iopub messages can be missed).
	for {
		remaining := startTimeout - time.Since(started)
		if remaining <= 0 {
			return fail(fmt.Errorf("kernel did not answer kernel_info within %s", startTimeout))
		}
		wait := min(remaining, time.Second)
		reply, sawIOPub, err := k.request(ctx, k.shell, wire.KernelInfoRequest, nil, wait)
		if err != nil {
			if errors.Is(err, ErrKernelDied) || ctx.Err() != nil {
				return fail(err)
			}
			continue
		}
		if !sawIOPub {
			continue
		}
		var info map[string]any
		if err := reply.DecodeContent(&info); err != nil {
			return fail(fmt.Errorf("kernel_info_reply: %w", err))
		}
		go k.heartbeat()
		return k, info, nil
	}
}

func (k *Kernel) markDead(err error) {
	k.deadOnce.Do(func() {
		k.deadErr = err
		close(k.dead)
	})
}

// Dead is closed when the kernel has died; Err then says how.
func (k *Kernel) Dead() <-chan struct{} { return k.dead }

// Err returns why the kernel died, or nil while it lives.
func (k *Kernel) Err() error {
	select {
	case <-k.dead:
		return k.deadErr
	default:
		return nil
	}
}

// readLoop routes replies on a shell or control socket to their waiting requests.
func (k *Kernel) readLoop(s zmq4.Socket) {
	k.receive(s, "dropping message from kernel", func(m *wire.Message) {
		k.mu.Lock()
		ch := k.replies[m.ParentID()]
		k.mu.Unlock()
		if ch != nil {
			select {
			case ch <- m:
			default:
			}
		}
	})
}

// readIOPub routes iopub messages to the waiter registered for their parent.
func (k *Kernel) readIOPub() {
	k.receive(k.iopub, "dropping iopub message", func(m *wire.Message) {
		k.mu.Lock()
		w := k.waiters[m.ParentID()]
		k.mu.Unlock()
		if w != nil {
			select {
			case w.ch <- m:
			case <-w.done:
			}
		}
	})
}

// receive hands every message read from s to route until the socket fails; a message
// that does not decode (a bad signature, malformed frames) is logged as drop and skipped.
func (k *Kernel) receive(s zmq4.Socket, drop string, route func(*wire.Message)) {
	for {
		m, err := wire.Recv(s, k.signer)
		if err != nil {
			var de *wire.DecodeError
			if errors.As(err, &de) {
				k.log.Warn(drop, "err", err)
				continue
			}
			return
		}
		route(m)
	}
}

// waiter receives the iopub messages of one request until done is closed.
type waiter struct {
	ch   chan *wire.Message
	done chan struct{}
}

// watch registers a waiter for the iopub messages whose parent is id.
func (k *Kernel) watch(id string) *waiter {
	w := &waiter{ch: make(chan *wire.Message, 256), done: make(chan struct{})}
	k.mu.Lock()
	k.waiters[id] = w
	k.mu.Unlock()
	return w
}

// unwatch removes the waiter for id and releases a reader blocked on it.
func (k *Kernel) unwatch(id string, w *waiter) {
	k.mu.Lock()
	delete(k.waiters, id)
	k.mu.Unlock()
	close(w.done)
}

// heartbeat pings the kernel once a second and marks it dead after missing several.
func (k *Kernel) heartbeat() {
	missed := 0
	for {
		select {
		case <-k.dead:
			return
		case <-time.After(time.Second):
		}
		got := make(chan error, 1)
		go func() {
			if err := k.hb.Send(zmq4.NewMsg([]byte("ping"))); err != nil {
				got <- err
				return
			}
			_, err := k.hb.Recv()
			got <- err
		}()
		select {
		case err := <-got:
			if err == nil {
				missed = 0
				continue
			}
			missed++
		case <-time.After(5 * time.Second):
			missed = 3
		case <-k.dead:
			return
		}
		if missed >= 3 {
			k.markDead(fmt.Errorf("%w: no heartbeat", ErrKernelDied))
			return
		}
	}
}

// request sends a request on s and waits up to timeout for its reply, reporting whether
// any iopub message with the request as parent arrived meanwhile.
func (k *Kernel) request(ctx context.Context, s zmq4.Socket, msgType string, content any, timeout time.Duration) (*wire.Message, bool, error) {
	m, err := k.newMessage(msgType, content)
	if err != nil {
		return nil, false, err
	}
	id := m.Header.MsgID
	reply := k.expectReply(id)
	w := k.watch(id)
	iopub := w.ch
	defer func() {
		k.unwatch(id, w)
		k.forgetReply(id)
	}()
	if err := wire.Send(s, m, k.signer); err != nil {
		return nil, false, err
	}
	deadline := time.After(timeout)
	sawIOPub := false
	var got *wire.Message
	for {
		select {
		case r := <-reply:
			got = r
			if sawIOPub {
				return got, true, nil
			}
			// Give iopub a moment to deliver the busy/idle of this request.
			select {
			case <-iopub:
				return got, true, nil
			case <-time.After(200 * time.Millisecond):
				return got, false, nil
			}
		case <-iopub:
			sawIOPub = true
			if got != nil {
				return got, true, nil
			}
		case <-deadline:
			return nil, sawIOPub, fmt.Errorf("no %s reply within %s", msgType, timeout)
		case <-k.dead:
			return nil, false, k.deadErr
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
}

// expectReply registers interest in the reply to request id.
func (k *Kernel) expectReply(id string) chan *wire.Message {
	ch := make(chan *wire.Message, 1)
	k.mu.Lock()
	k.replies[id] = ch
	k.mu.Unlock()
	return ch
}

func (k *Kernel) forgetReply(id string) {
	k.mu.Lock()
	delete(k.replies, id)
	k.mu.Unlock()
}

func (k *Kernel) newMessage(msgType string, content any) (*wire.Message, error) {
	m, err := wire.New(msgType, k.session, nil, content)
	if err != nil {
		return nil, err
	}
	m.Header.Username = "sluice-run"
	m.RawHeader = nil
	return m, nil
}

// Interrupt interrupts the running cell: an interrupt_request on control when the
// kernelspec asks for message mode, else SIGINT.
func (k *Kernel) Interrupt() error {
	if k.spec.InterruptMode == "message" {
		_, _, err := k.request(context.Background(), k.control, wire.InterruptRequest, nil, 5*time.Second)
		return err
	}
	return k.cmd.Process.Signal(os.Interrupt)
}

// Shutdown asks the kernel to shut down, waits for it to exit (up to timeout), then kills
// it if it is still there, and removes the connection file.
func (k *Kernel) Shutdown(timeout time.Duration) {
	if k.Err() == nil {
		_, _, _ = k.request(context.Background(), k.control, wire.ShutdownRequest, map[string]any{"restart": false}, timeout)
		select {
		case <-k.dead:
		case <-time.After(timeout):
		}
	}
	k.Kill()
}

// Kill kills the kernel's process group and closes the client's sockets. The group is
// killed even when the kernel counts as dead already: a kernel that stopped answering
// heartbeats may still be running, and one that exited may leave children behind.
func (k *Kernel) Kill() {
	if k.cmd != nil && k.cmd.Process != nil {
		// The group id stays reserved while any member lives, so this reaches only
		// the kernel's own group (or nothing).
		_ = syscall.Kill(-k.cmd.Process.Pid, syscall.SIGKILL)
		if k.exited != nil {
			select {
			case <-k.exited:
			case <-time.After(5 * time.Second):
			}
		}
	}
	if k.cancel != nil {
		k.cancel()
	}
	for _, s := range []zmq4.Socket{k.shell, k.control, k.iopub, k.hb} {
		if s != nil {
			s.Close()
		}
	}
	os.RemoveAll(k.connDir)
}

// Pid returns the kernel process id.
func (k *Kernel) Pid() int { return k.cmd.Process.Pid }
