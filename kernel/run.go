package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/kernel/wire"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// Options configures a kernel. The zero value serves the sockets without touching the
// process's file descriptors or signals (what in-process tests want); the sluice binary
// sets CaptureOutput and HandleSIGINT.
type Options struct {
	// Logger receives the kernel's own logs. nil logs to standard error as it was before
	// output capture started (never into a cell).
	Logger *slog.Logger
	// CaptureOutput redirects file descriptors 1 and 2 onto pipes so that everything the
	// process writes there (os.Stdout, fmt.Print, compiled libraries) reaches the running
	// cell as stream messages, and (on Linux) fd 0 onto a pipe fed from input_reply
	// messages. The descriptors are restored when the kernel returns.
	CaptureOutput bool
	// HandleSIGINT makes SIGINT interrupt the running cell instead of ending the process.
	HandleSIGINT bool
	// Ready, when set, is called once the sockets are bound, with the connection info
	// holding the actual ports (a port of 0 in the connection info binds an ephemeral one).
	Ready func(wire.ConnectionInfo)
	// InterruptGrace is how long an interrupted cell may take to return before it is
	// reported as stuck in a native call. Default 1 s.
	InterruptGrace time.Duration
	// FlushInterval is how long stream output is coalesced before it is sent. Default 30 ms.
	FlushInterval time.Duration
	// Version is the sluice version shown in kernel_info_reply. Default from build info.
	Version string
	// ExitWithParent stops the kernel when the process that started it (the Jupyter
	// server or client) exits, so a crashed front end leaves no orphaned kernel.
	ExitWithParent bool
	// Guard bounds what a peer of the kernel's sockets can make it do (frame sizes, the
	// handshake deadline, unsent bytes per peer). Zero fields come from the environment
	// (SLUICE_MAX_FRAME, SLUICE_HANDSHAKE_TIMEOUT, SLUICE_MAX_UNSENT), then the defaults.
	Guard wire.GuardConfig
}

// ErrRestart is returned by Run and Serve after a shutdown_request asking for a restart.
// The process should exit normally: the kernel manager starts a new one.
var ErrRestart = errors.New("kernel: shutdown for restart")

// Run reads the connection file and serves the Jupyter protocol with eng until a
// shutdown_request arrives or ctx is cancelled. It returns nil after a plain shutdown
// or cancellation, ErrRestart after a shutdown that asked for a restart.
func Run(ctx context.Context, connectionFile string, eng Engine, opts Options) error {
	ci, err := wire.ReadConnectionFile(connectionFile)
	if err != nil {
		return err
	}
	return Serve(ctx, ci, eng, opts)
}

// Serve is Run with the connection info already read.
func Serve(ctx context.Context, ci wire.ConnectionInfo, eng Engine, opts Options) (err error) {
	if opts.InterruptGrace <= 0 {
		opts.InterruptGrace = time.Second
	}
	if opts.FlushInterval <= 0 {
		opts.FlushInterval = 30 * time.Millisecond
	}
	if opts.Version == "" {
		opts.Version = Versions().Sluice
	}
	signer, err := ci.Signer()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	k := &kernel{
		ci:      ci,
		eng:     eng,
		opts:    opts,
		signer:  signer,
		session: wire.NewID(),
		started: time.Now(),
		ctx:     ctx,
		stop:    cancel,
		queued:  make(chan struct{}, 1),
		replies: make(chan *wire.Message, 1),
	}
	k.stdout = newStream(k, "stdout")
	k.stderr = newStream(k, "stderr")
	// The debugger's dumped cells go when Serve returns, whatever else is still ending.
	defer k.debug.removeFiles()

	var logOut io.Writer = os.Stderr
	if opts.CaptureOutput {
		cap, err := startCapture(k)
		if err != nil {
			return fmt.Errorf("capture output: %w", err)
		}
		k.capture = cap
		defer cap.stop()
		logOut = cap.logWriter()
	}
	k.log = opts.Logger
	if k.log == nil {
		k.log = slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	// The log may quote cell output and errors: no password reaches it.
	k.log = slog.New(redact.Handler(k.log.Handler()))

	gcfg, err := opts.Guard.WithEnv()
	if err != nil {
		return err
	}
	if opts.Guard.Logger == nil {
		gcfg.Logger = k.log
	}
	k.guard = wire.NewGuard(gcfg)
	if err := k.bind(); err != nil {
		k.closeSockets()
		return err
	}
	defer k.closeSockets()
	if opts.Ready != nil {
		opts.Ready(k.ci)
	}

	old := display.SetPublisher(&publisher{k: k})
	defer display.SetPublisher(old)
	oldComm := comm.SetKernel(commKernel{k})
	defer comm.SetKernel(oldComm)

	if opts.HandleSIGINT {
		sigc := make(chan os.Signal, 1)
		signal.Notify(sigc, os.Interrupt)
		defer signal.Stop(sigc)
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case <-sigc:
					k.log.Info("SIGINT: interrupting the running cell")
					k.interrupt()
				}
			}
		}()
	}

	if opts.ExitWithParent {
		go k.watchParent(os.Getppid())
	}

	var wg sync.WaitGroup
	for _, f := range []func(){k.heartbeat, k.readShell, k.serveControl, k.readStdin} {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	k.log.Info("kernel started", "session", k.session, "transport", ci.Transport, "ip", ci.IP,
		"shell", k.ci.ShellPort, "iopub", k.ci.IOPubPort, "control", k.ci.ControlPort)
	k.publishStatus(nil, "starting")

	k.work() // returns when ctx is done
	k.flushOutput()
	if k.stuckCell == nil {
		if cerr := eng.Close(); cerr != nil {
			k.log.Warn("closing the engine", "err", cerr)
		}
	} else {
		k.log.Warn("not closing the engine: a cell is still stuck in a native call")
	}
	// Give the PUB socket a moment to deliver the last messages (shutdown_reply, idle).
	k.drainIOPub(200 * time.Millisecond)
	k.closeSockets()
	wg.Wait()
	k.log.Info("kernel stopped")
	if errors.Is(context.Cause(ctx), ErrRestart) {
		return ErrRestart
	}
	return nil
}

// kernel is one running kernel: its sockets, its session and the state of the shell.
type kernel struct {
	ci      wire.ConnectionInfo
	eng     Engine
	opts    Options
	signer  *wire.Signer
	session string
	started time.Time
	log     *slog.Logger
	ctx     context.Context
	stop    context.CancelCauseFunc

	shell, control, stdinSock, iopub, hb zmq4.Socket
	guard                                *wire.Guard // in front of all five sockets
	closeOnce                            sync.Once

	iopubMu   sync.Mutex // orders iopub sends
	shellMu   sync.Mutex // serializes shell replies
	controlMu sync.Mutex
	stdinMu   sync.Mutex // one input_request at a time

	// shell queue, filled by readShell, drained by work.
	qmu          sync.Mutex
	queue        []queued
	queued       chan struct{}
	received     int64 // shell messages received so far
	abortThrough int64 // execute requests received up to this number are aborted

	// cell state, guarded by cellMu.
	cellMu     sync.Mutex
	cell       *cell         // the running execute request, nil between cells
	lastParent *wire.Message // parent of output arriving between cells
	stuckCell  chan execResult

	replies chan *wire.Message // input_reply messages from readStdin

	stdout, stderr *stream
	capture        *capture

	// worker-only state.
	count   int
	history history

	debug debugAdapter // debug_request (debug.go)
}

func (k *kernel) bind() error {
	zlog := log.New(slogWriter{k}, "zmq4: ", 0)
	mk := func(f func(context.Context, ...zmq4.Option) zmq4.Socket) zmq4.Socket {
		// The sockets get their own context: they must outlive k.ctx long enough to send
		// the shutdown reply and the last idle status. closeSockets ends them.
		return f(context.Background(), zmq4.WithLogger(zlog), zmq4.WithTimeout(10*time.Second))
	}
	k.shell = mk(zmq4.NewRouter)
	k.control = mk(zmq4.NewRouter)
	k.stdinSock = mk(zmq4.NewRouter)
	k.iopub = mk(zmq4.NewPub)
	k.hb = mk(zmq4.NewRep)
	for _, s := range []struct {
		name string
		sock zmq4.Socket
		port *int
	}{
		{"shell", k.shell, &k.ci.ShellPort},
		{"control", k.control, &k.ci.ControlPort},
		{"stdin", k.stdinSock, &k.ci.StdinPort},
		{"iopub", k.iopub, &k.ci.IOPubPort},
		{"heartbeat", k.hb, &k.ci.HBPort},
	} {
		ep := k.ci.Endpoint(*s.port)
		// Through the guarded transport: a peer cannot crash the kernel with a huge frame
		// header, hold up other clients with a silent handshake, or block it by not reading.
		gs := wire.GuardedSocket{Name: s.name}
		if s.sock == k.iopub {
			// iopub_welcome (JEP 65): called once zmq4 has recorded a subscription, so a
			// message published from here reaches the new subscriber.
			gs.OnSubscribe = k.welcomer()
		}
		if err := k.guard.Listen(s.sock, ep, gs); err != nil {
			return fmt.Errorf("bind %s socket on %s: %w", s.name, ep, err)
		}
		if a, ok := s.sock.Addr().(*net.TCPAddr); ok && *s.port == 0 {
			*s.port = a.Port
		}
	}
	return nil
}

func (k *kernel) closeSockets() {
	k.closeOnce.Do(func() {
		for _, s := range []zmq4.Socket{k.shell, k.control, k.stdinSock, k.iopub, k.hb} {
			if s != nil {
				s.Close()
			}
		}
		// Let closed connections send what they still had queued (the shutdown reply, the
		// last idle status); a peer that does not read is given up after Linger.
		k.guard.Wait(k.guard.Config().Linger + 100*time.Millisecond)
	})
}

// drainIOPub waits up to d for queued iopub messages to leave.
func (k *kernel) drainIOPub(d time.Duration) {
	// zmq4's PUB socket sends from its own queue; there is no way to ask whether it is
	// empty, so wait a short, fixed time for the last messages to go out.
	time.Sleep(d)
}

// watchParent stops the kernel once its parent process has exited (the kernel is then
// re-parented, so its parent pid changes).
func (k *kernel) watchParent(ppid int) {
	if ppid <= 1 {
		return
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-k.ctx.Done():
			return
		case <-t.C:
			if os.Getppid() != ppid {
				k.log.Warn("the process that started the kernel exited; stopping", "parent", ppid)
				k.interrupt()
				k.stop(nil)
				return
			}
		}
	}
}

// heartbeat echoes every heartbeat ping.
func (k *kernel) heartbeat() {
	for {
		m, err := k.hb.Recv()
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			k.log.Debug("heartbeat receive", "err", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if err := k.hb.Send(m); err != nil && k.ctx.Err() == nil {
			k.log.Warn("heartbeat send", "err", err)
		}
	}
}

// recvLoop receives from sock until the kernel stops, dropping (and logging) messages
// that are malformed, unsigned or mis-signed, and hands the others to handle.
func (k *kernel) recvLoop(name string, sock zmq4.Socket, handle func(*wire.Message)) {
	for {
		m, err := wire.Recv(sock, k.signer)
		if err != nil {
			if k.ctx.Err() != nil {
				return
			}
			var de *wire.DecodeError
			if errors.As(err, &de) {
				k.log.Warn("dropped a message", "socket", name, "err", de.Err)
				continue
			}
			k.log.Debug("receive", "socket", name, "err", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		handle(m)
	}
}

// slogWriter turns the lines zmq4 logs into warnings of the kernel's logger.
type slogWriter struct{ k *kernel }

func (w slogWriter) Write(p []byte) (int, error) {
	if w.k.log != nil {
		w.k.log.Warn(string(trimNewline(p)))
	}
	return len(p), nil
}

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}
