package hostile

// Attacks by cell code on the engine (rows 3, 4, 6 and 21 of the hardening table), run
// in the real kernel: runaway recursion, allocations past the limit, a goroutine that
// panics after its cell ended, and the line a panic is reported at.

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/kernel/wire"
)

func init() {
	register(3, "runaway recursion", engAttackRecursion)
	register(4, "one allocation above SLUICE_MAX_ALLOC", engAttackHugeAlloc)
	register(4, "heap growth past SLUICE_MAX_HEAP_GROWTH", engAttackHeapGrowth)
	register(6, "goroutine panic after its cell ended", engAttackLatePanic)
	register(21, "panic on line 3 after a call on line 1", engAttackPanicLine)
}

// engLimits are the guards' limits the attacks run under (the 1 GiB).
var engLimits = []string{"SLUICE_MAX_ALLOC=1G", "SLUICE_MAX_HEAP_GROWTH=1G"}

// engKernel is a Jupyter client on a sluice kernel process.
type engKernel struct {
	t       *testing.T
	cmd     *exec.Cmd
	exited  chan struct{}
	logs    *engLog
	signer  *wire.Signer
	session string
	shell   zmq4.Socket
	iopub   zmq4.Socket
	replies chan *wire.Message
	pub     chan *wire.Message
}

// engLog keeps the kernel process's own output.
type engLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *engLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *engLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// engCell is what one execute_request produced.
type engCell struct {
	status         string
	stdout, stderr string
	ename, evalue  string
	traceback      []string
}

// engStart starts `sluice kernel` with env added, connects shell and IOPub, and sets keep.
func engStart(t *testing.T, env ...string) *engKernel {
	t.Helper()
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	// Five free ports, released before the kernel starts (another process may take one
	// meanwhile; rare).
	var ports [5]int
	var ls []net.Listener
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		ls = append(ls, l)
	}
	for _, l := range ls {
		l.Close()
	}
	ci := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: ports[0], IOPubPort: ports[1], StdinPort: ports[2],
		ControlPort: ports[3], HBPort: ports[4], SignatureScheme: "hmac-sha256", Key: wire.NewID()}
	cf := filepath.Join(dir, "kernel.json")
	if err := wire.WriteConnectionFile(cf, ci); err != nil {
		t.Fatal(err)
	}
	signer, err := ci.Signer()
	if err != nil {
		t.Fatal(err)
	}
	k := &engKernel{t: t, exited: make(chan struct{}), logs: &engLog{}, signer: signer, session: wire.NewID(),
		replies: make(chan *wire.Message, 16), pub: make(chan *wire.Message, 4096)}
	k.cmd = exec.Command(bin, "kernel", "--connection-file", cf)
	k.cmd.Dir = dir
	k.cmd.Env = append(os.Environ(), env...)
	k.cmd.Stdout, k.cmd.Stderr = k.logs, k.logs
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = k.cmd.Wait(); close(k.exited) }()
	ctx, cancel := context.WithCancel(context.Background())
	opts := []zmq4.Option{zmq4.WithDialerRetry(50 * time.Millisecond), zmq4.WithDialerMaxRetries(600)}
	k.shell = zmq4.NewDealer(ctx, append(opts, zmq4.WithID(zmq4.SocketIdentity(k.session)))...)
	k.iopub = zmq4.NewSub(ctx, opts...)
	t.Cleanup(func() {
		select {
		case <-k.exited:
		default:
			_ = k.cmd.Process.Kill()
			<-k.exited
		}
		cancel()
		k.shell.Close()
		k.iopub.Close()
	})
	if err := k.shell.Dial(ci.Endpoint(ci.ShellPort)); err != nil {
		t.Fatalf("dial shell: %v\n%s", err, k.logs)
	}
	if err := k.iopub.Dial(ci.Endpoint(ci.IOPubPort)); err != nil {
		t.Fatalf("dial iopub: %v\n%s", err, k.logs)
	}
	if err := k.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go k.recv(k.shell, k.replies)
	go k.recv(k.iopub, k.pub)
	for i := 0; k.kernelInfo(2*time.Second) != nil; i++ {
		if i == 60 {
			t.Fatalf("the kernel never answered kernel_info\n%s", k.logs)
		}
	}
	if c := k.run("keep := 42"); c.status != "ok" {
		t.Fatalf("keep := 42: %s: %s", c.ename, c.evalue)
	}
	return k
}

func (k *engKernel) recv(sock zmq4.Socket, ch chan<- *wire.Message) {
	for {
		m, err := wire.Recv(sock, k.signer)
		if err != nil {
			if _, ok := err.(*wire.DecodeError); ok {
				continue
			}
			return
		}
		ch <- m
	}
}

// request sends a shell request and waits for its reply and IOPub's idle status.
func (k *engKernel) request(msgType string, content any, timeout time.Duration) (*wire.Message, []*wire.Message, error) {
	m, err := wire.New(msgType, k.session, nil, content)
	if err != nil {
		return nil, nil, err
	}
	if err := wire.Send(k.shell, m, k.signer); err != nil {
		return nil, nil, err
	}
	deadline := time.After(timeout)
	var reply *wire.Message
	var pub []*wire.Message
	for idle := false; reply == nil || !idle; {
		select {
		case r := <-k.replies:
			if r.ParentID() == m.Header.MsgID {
				reply = r
			}
		case p := <-k.pub:
			if p.ParentID() != m.Header.MsgID {
				continue
			}
			pub = append(pub, p)
			if p.Header.MsgType == wire.Status {
				var st wire.StatusContent
				_ = p.DecodeContent(&st)
				idle = st.ExecutionState == "idle"
			}
		case <-k.exited:
			return nil, nil, fmt.Errorf("the kernel process exited (%v) during %s", k.cmd.ProcessState, msgType)
		case <-deadline:
			return nil, nil, fmt.Errorf("no answer to %s within %s", msgType, timeout)
		}
	}
	return reply, pub, nil
}

func (k *engKernel) kernelInfo(timeout time.Duration) error {
	r, _, err := k.request(wire.KernelInfoRequest, nil, timeout)
	if err == nil && r.Header.MsgType != wire.KernelInfoReply {
		err = fmt.Errorf("kernel_info_request answered with %s", r.Header.MsgType)
	}
	return err
}

// run executes code and collects its streams and error.
func (k *engKernel) run(code string) engCell {
	k.t.Helper()
	r, pub, err := k.request(wire.ExecuteRequest, map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}, 2*time.Minute)
	if err != nil {
		k.t.Fatalf("cell %q: %v\nkernel output:\n%s", code, err, k.logs)
	}
	var rc wire.ExecuteReplyContent
	if err := r.DecodeContent(&rc); err != nil {
		k.t.Fatal(err)
	}
	c := engCell{status: rc.Status}
	for _, p := range pub {
		switch p.Header.MsgType {
		case wire.Stream:
			var s wire.StreamContent
			_ = p.DecodeContent(&s)
			if s.Name == "stderr" {
				c.stderr += s.Text
			} else {
				c.stdout += s.Text
			}
		case wire.Error:
			var e wire.ErrorContent
			_ = p.DecodeContent(&e)
			c.ename, c.evalue, c.traceback = e.EName, e.EValue, e.Traceback
		}
	}
	return c
}

// survived checks that the process lives, answers kernel_info and still holds keep.
func (k *engKernel) survived() {
	k.t.Helper()
	select {
	case <-k.exited:
		k.t.Fatalf("the kernel process died: %v\n%s", k.cmd.ProcessState, k.logs)
	default:
	}
	if err := k.kernelInfo(30 * time.Second); err != nil {
		k.t.Fatalf("after the attack: %v\n%s", err, k.logs)
	}
	if c := k.run(`fmt.Println("keep =", keep)`); c.status != "ok" || !strings.Contains(c.stdout, "keep = 42") {
		k.t.Fatalf("the session lost keep: %+v", c)
	}
}

// engFailsWith runs code and checks the cell's error.
func (k *engKernel) engFailsWith(code, ename, evalue string) engCell {
	k.t.Helper()
	c := k.run(code)
	if c.status != "error" || c.ename != ename || !strings.Contains(c.evalue, evalue) {
		k.t.Fatalf("cell %q: got %s %s: %s, want %s containing %q", code, c.status, c.ename, c.evalue, ename, evalue)
	}
	return c
}

func engAttackRecursion(t *testing.T) {
	k := engStart(t, engLimits...)
	k.engFailsWith("func rec(n int) int { return rec(n+1) + 1 }\nrec(0)", "RecursionError", "maximum recursion depth exceeded in rec")
	k.survived()
}

func engAttackHugeAlloc(t *testing.T) {
	k := engStart(t, engLimits...)
	k.engFailsWith("b := make([]byte, 20<<30)\n_ = b", "panic", "make: 20.0 GiB exceeds the allocation limit of 1.0 GiB (SLUICE_MAX_ALLOC)")
	k.survived()
	k.engFailsWith("n := 40\ns := strings.Repeat(\"x\", n<<30)\n_ = s", "panic", "strings.Repeat: 40.0 GiB exceeds the allocation limit")
	k.survived()
}

func engAttackHeapGrowth(t *testing.T) {
	k := engStart(t, engLimits...)
	k.engFailsWith("var hold [][]byte\nfor {\n\thold = append(hold, make([]byte, 16<<20))\n}", "MemoryError", "SLUICE_MAX_HEAP_GROWTH")
	k.survived()
	k.run("hold = nil")
}

func engAttackLatePanic(t *testing.T) {
	k := engStart(t)
	c := k.run("started := make(chan bool)\ngo func() {\n\tclose(started)\n\ttime.Sleep(300 * time.Millisecond)\n\tpanic(\"late boom\")\n}()\n<-started")
	if c.status != "ok" {
		t.Fatalf("the starting cell failed: %s: %s", c.ename, c.evalue)
	}
	// The panic happens between cells; the next cell shows it.
	time.Sleep(time.Second)
	c = k.run("x := 1\n_ = x")
	want := `panic in a goroutine started by an earlier cell (the cell beginning "started := make(chan bool)"): late boom`
	if c.status != "ok" || !strings.Contains(c.stderr, want) {
		t.Fatalf("the next cell: status %s, stderr %q, want %q", c.status, c.stderr, want)
	}
	k.survived()
}

func engAttackPanicLine(t *testing.T) {
	k := engStart(t)
	for _, code := range []string{
		"fmt.Println(1)\nvar m map[string]int\nm[\"a\"] = 1",
		"func g() {\n\tfmt.Println(1)\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\ng()",
	} {
		c := k.engFailsWith(code, "panic", "assignment to entry in nil map (cell line")
		tb := strings.Join(c.traceback, "\n")
		if !strings.Contains(c.evalue, "(cell line 4)") && !strings.Contains(c.evalue, "(cell line 3)") || strings.Contains(tb, "at cell:1:") {
			t.Fatalf("cell %q: %s\n%s", code, c.evalue, tb)
		}
		want := "(cell line 3)"
		if strings.HasPrefix(code, "func") {
			want = "(cell line 4)"
		}
		if !strings.Contains(c.evalue, want) {
			t.Fatalf("cell %q reported at %s, want %s", code, c.evalue, want)
		}
	}
	k.survived()
}
