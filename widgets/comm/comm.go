// Package comm is the Jupyter comm protocol seen from Go: a channel between an object in
// the kernel and its counterpart in the front end, opened from either side, carrying
// JSON data and binary buffers both ways (comm_open, comm_msg, comm_close). ipywidgets is
// built on it; package widgets is its main user.
//
// The kernel installs a Kernel with SetKernel and delivers what front ends send with
// HandleOpen, HandleMsg and HandleClose. It calls them from its shell queue, one message
// at a time and never while a cell runs, so handlers registered here (RegisterTarget,
// Comm.OnMsg, Comm.OnClose) never run beside a cell. Without a kernel (plain Go programs,
// tests) Open fails with ErrNoKernel.
package comm

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// Message is what a comm message carries: data (any JSON object), metadata and binary
// buffers.
type Message struct {
	Data     map[string]any
	Metadata map[string]any
	Buffers  [][]byte
	// ID is the protocol message's msg_id for messages from a front end ("" for messages
	// built in Go): the same for its arrival (OnArrive) and its handling (OnMsg).
	ID string

	ctx context.Context
}

// Context returns the context of the message being handled: cancelled when the user
// interrupts the kernel while its handler runs. It is context.Background() for messages
// built in Go.
func (m Message) Context() context.Context {
	if m.ctx == nil {
		return context.Background()
	}
	return m.ctx
}

// WithContext returns m carrying ctx; the kernel uses it for the messages it delivers.
func (m Message) WithContext(ctx context.Context) Message {
	m.ctx = ctx
	return m
}

// Kernel sends comm messages to the front ends. The kernel installs one with SetKernel.
type Kernel interface {
	// Send publishes a comm_open, comm_msg or comm_close message with content (comm_id,
	// data and, for comm_open, target_name) under the message being handled now.
	Send(msgType string, content map[string]any, metadata map[string]any, buffers [][]byte) error
	// ParentID is the id of the request being handled now (an execute_request or a comm
	// message from the front end), or "" between requests.
	ParentID() string
	// Context is the context of the request being handled now, cancelled when the user
	// interrupts it; context.Background() between requests.
	Context() context.Context
}

// ErrNoKernel is returned by Open without a kernel (in a plain Go program).
var ErrNoKernel = errors.New("comm: no Jupyter kernel is running")

// ErrClosed is returned when sending on a closed comm.
var ErrClosed = errors.New("comm: the comm is closed")

// Message types, as in the Jupyter messaging protocol.
const (
	msgOpen  = "comm_open"
	msgMsg   = "comm_msg"
	msgClose = "comm_close"
)

var (
	mu      sync.Mutex
	kern    Kernel
	targets = map[string]func(*Comm, Message){}
	comms   = map[string]*Comm{}
)

// SetKernel installs k as the way to the front ends and returns the one it replaces.
func SetKernel(k Kernel) Kernel {
	mu.Lock()
	defer mu.Unlock()
	old := kern
	kern = k
	return old
}

func currentKernel() Kernel {
	mu.Lock()
	defer mu.Unlock()
	return kern
}

// RegisterTarget makes name a target front ends may open comms to: open is called with
// the new comm and the comm_open's message. It replaces an earlier registration; a nil
// open removes the target (later comm_open messages to it are refused with a comm_close).
func RegisterTarget(name string, open func(c *Comm, m Message)) {
	mu.Lock()
	defer mu.Unlock()
	if open == nil {
		delete(targets, name)
		return
	}
	targets[name] = open
}

// Targets returns the names of the registered targets, sorted.
func Targets() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(targets))
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Comm is one open comm.
type Comm struct {
	id, target string

	mu       sync.Mutex
	closed   bool
	onMsg    func(Message)
	onClose  func(Message)
	onArrive func(Message)
}

// ID returns the comm's id (for widgets, the model id).
func (c *Comm) ID() string { return c.id }

// Target returns the target name the comm was opened with.
func (c *Comm) Target() string { return c.target }

// Open opens a comm from the kernel to target in the front ends, sending m with the
// comm_open message.
func Open(target string, m Message) (*Comm, error) {
	return OpenID(newID(), target, m)
}

// OpenID is Open with a chosen comm id.
func OpenID(id, target string, m Message) (*Comm, error) {
	k := currentKernel()
	if k == nil {
		return nil, ErrNoKernel
	}
	c := &Comm{id: id, target: target}
	mu.Lock()
	if _, dup := comms[id]; dup {
		mu.Unlock()
		return nil, fmt.Errorf("comm: a comm with id %q is already open", id)
	}
	comms[id] = c
	mu.Unlock()
	content := map[string]any{"comm_id": id, "target_name": target, "data": dataOf(m)}
	if err := k.Send(msgOpen, content, m.Metadata, m.Buffers); err != nil {
		forget(c)
		return nil, fmt.Errorf("comm: open %s: %w", target, err)
	}
	return c, nil
}

// Send sends m to the comm's counterpart.
func (c *Comm) Send(m Message) error {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return ErrClosed
	}
	k := currentKernel()
	if k == nil {
		return ErrNoKernel
	}
	return k.Send(msgMsg, map[string]any{"comm_id": c.id, "data": dataOf(m)}, m.Metadata, m.Buffers)
}

// Close closes the comm, sending m with the comm_close message. Closing twice does
// nothing.
func (c *Comm) Close(m Message) error {
	if !c.markClosed() {
		return nil
	}
	forget(c)
	k := currentKernel()
	if k == nil {
		return nil
	}
	return k.Send(msgClose, map[string]any{"comm_id": c.id, "data": dataOf(m)}, m.Metadata, m.Buffers)
}

// Closed reports whether the comm was closed by either side.
func (c *Comm) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// OnMsg sets the function called for each comm_msg from the front end.
func (c *Comm) OnMsg(f func(Message)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onMsg = f
}

// OnArrive sets a function called with each comm_msg as soon as the kernel receives it,
// on the kernel's receiving goroutine and possibly while a cell runs, before the message
// waits in the shell queue for OnMsg. It must be quick, must not block and must not call
// cell code: it is for taking in state (so that Go reads a value the user has just set
// while a cell still runs), not for callbacks.
func (c *Comm) OnArrive(f func(Message)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onArrive = f
}

// OnClose sets the function called when the front end closes the comm.
func (c *Comm) OnClose(f func(Message)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onClose = f
}

// Context returns the context of the request the kernel is handling now (a cell, or
// the comm message whose callback is running), cancelled when the user interrupts it;
// context.Background() without a kernel or between requests.
func Context() context.Context {
	if k := currentKernel(); k != nil {
		return k.Context()
	}
	return context.Background()
}

// ParentID returns the id of the request the kernel is handling now, or "".
func ParentID() string {
	if k := currentKernel(); k != nil {
		return k.ParentID()
	}
	return ""
}

func (c *Comm) markClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.closed = true
	return true
}

func forget(c *Comm) {
	mu.Lock()
	defer mu.Unlock()
	if comms[c.id] == c {
		delete(comms, c.id)
	}
}

func dataOf(m Message) map[string]any {
	if m.Data == nil {
		return map[string]any{}
	}
	return m.Data
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
