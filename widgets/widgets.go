// Package widgets is ipywidgets for Go cells: sliders, text, dropdowns, checkboxes,
// buttons, dates, progress bars, output areas and layout boxes that JupyterLab (with
// ipywidgets 8) draws, whose values Go reads at any time, and Interact, which re-runs a Go
// function and re-draws what it shows whenever a control changes.
//
//	n := widgets.NewIntSlider("points", 10, 1000, 100)
//	widgets.Interact(func(n int) any { return display.ScatterChart(xs[:n], ys[:n], display.ChartOptions{}) }, n)
//
// It speaks the Jupyter widget protocol 2.1 over package comm: each widget is a model of
// @jupyter-widgets/controls 2.0 (or @jupyter-widgets/output 1.0) whose state is kept in
// Go and synchronised with the front ends (update, echo_update, request_state, custom
// messages, binary buffers), and the jupyter.widget.control target answers a front end
// that asks for every widget's state at once (after a page reload).
//
// Values can be read from Go at any time: what the user sets in the front end is taken in
// as soon as the kernel receives it, even while a cell runs, and values set from Go reach
// the front end at once. Callbacks (OnChange, OnClick, OnSubmit, Interact's function) run
// on the kernel from its shell queue, one at a time and never while a cell runs; a panic
// in one is reported under the message that triggered it (an Output widget capturing it
// shows it) and the kernel goes on.
//
// An interrupt while a callback runs cancels Context() and stops the callback's
// interpreted code as it stops a cell (an endless loop, a long time.Sleep); only a
// callback blocked in a compiled call that ignores the context is reported stuck after a
// second, and the next cell waits for it as after a stuck cell.
//
// Widgets are drawn by front ends with ipywidgets 8 (JupyterLab 4, Notebook 7, VS Code);
// elsewhere (the classic Notebook's ipywidgets 6, nbconvert, sluice run) a widget shows
// its text form. Without a kernel (a plain Go program) widgets still hold and change
// their values.
package widgets

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// Versions of the protocol and model modules spoken.
const (
	ProtocolVersion = "2.1.0"
	controlsModule  = "@jupyter-widgets/controls"
	controlsVersion = "2.0.0"
	baseModule      = "@jupyter-widgets/base"
	baseVersion     = "2.0.0"
	outputModule    = "@jupyter-widgets/output"
	outputVersion   = "1.0.0"

	// MIMEWidgetView is the MIME type of a widget's display_data.
	MIMEWidgetView = "application/vnd.jupyter.widget-view+json"

	widgetTarget  = "jupyter.widget"
	controlTarget = "jupyter.widget.control"
)

// Widget is anything this package draws: it can be a cell's value, passed to
// display.Show, or put in a box.
type Widget interface {
	// ModelID is the widget's model id (its comm id).
	ModelID() string
	// Bundle is its display: the widget view, with a text fallback.
	Bundle() display.Bundle
}

// model is the kernel's copy of one widget model and its comm.
type model struct {
	id   string
	name string // _model_name, for text and errors
	comm *comm.Comm

	mu        sync.Mutex
	state     map[string]any
	noEcho    map[string]bool
	observers map[string][]func()
	custom    []func(content map[string]any)
	closed    bool
	layout    *model              // the LayoutModel SetLayout made, or nil
	arrived   map[string][]string // updates taken in on arrival, by message id: the keys they changed

	valueKey string     // the state key Interact watches
	value    func() any // the value Interact passes to its function
	text     func() string
}

var (
	modelsMu sync.Mutex
	models   = map[string]*model{}
	localIDs atomic.Int64

	// frontEnd is set once a front end with an ipywidgets 8 widget manager has spoken to
	// this kernel (through the control target or a widget's comm).
	frontEnd atomic.Bool
)

// newModel makes a model of @jupyter-widgets/controls (or module) with state on top of
// the protocol's fixed keys, and opens its comm when a kernel runs.
func newModel(module, version, modelName, viewName string, state map[string]any) *model {
	st := map[string]any{
		"_model_module": module, "_model_module_version": version, "_model_name": modelName,
		"_view_module": module, "_view_module_version": version, "_view_name": nil,
	}
	if viewName != "" {
		st["_view_name"] = viewName
	}
	for k, v := range state {
		st[k] = v
	}
	m := &model{name: strings.TrimSuffix(modelName, "Model"), state: st, observers: map[string][]func(){}}
	data, bufs := splitBuffers(st)
	c, err := comm.Open(widgetTarget, comm.Message{Data: data, Buffers: bufs,
		Metadata: map[string]any{"version": ProtocolVersion}})
	if err == nil {
		m.comm = c
		m.id = c.ID()
		c.OnMsg(m.handle)
		c.OnArrive(m.arrive)
		c.OnClose(func(comm.Message) { m.markClosed() })
	} else {
		m.id = fmt.Sprintf("local-%d", localIDs.Add(1))
	}
	modelsMu.Lock()
	models[m.id] = m
	modelsMu.Unlock()
	return m
}

// ModelID returns the model id.
func (m *model) ModelID() string { return m.id }

// Bundle returns the widget's view with its text form as the fallback.
func (m *model) Bundle() display.Bundle {
	return display.Bundle{Data: map[string]any{
		MIMEWidgetView:   map[string]any{"model_id": m.id, "version_major": 2, "version_minor": 1},
		display.MIMEText: m.String(),
	}}
}

// String is the widget's text form.
func (m *model) String() string {
	if m.text != nil {
		return m.text()
	}
	return m.name + "()"
}

// get returns the state value of key.
func (m *model) get(key string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[key]
}

// set changes keys of the state from Go: the front ends get an update and the observers
// of the keys that changed run (on the caller's goroutine).
func (m *model) set(kv map[string]any) {
	m.mu.Lock()
	var changed []string
	for k, v := range kv {
		if !sameValue(m.state[k], v) {
			changed = append(changed, k)
		}
		m.state[k] = v
	}
	closed := m.closed
	m.mu.Unlock()
	if len(changed) == 0 {
		return
	}
	if !closed {
		m.send("update", kv)
	}
	m.notify(changed)
}

// send sends a state message (update or echo_update) holding kv.
func (m *model) send(method string, kv map[string]any) {
	if m.comm == nil {
		return
	}
	state, bufs := splitBuffers(kv)
	data := map[string]any{"method": method, "state": state["state"], "buffer_paths": state["buffer_paths"]}
	_ = m.comm.Send(comm.Message{Data: data, Buffers: bufs})
}

// observe calls f after each change of key (from the front end or from Go).
func (m *model) observe(key string, f func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.observers[key] = append(m.observers[key], f)
}

// onCustom calls f with the content of each custom message from the front end.
func (m *model) onCustom(f func(content map[string]any)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.custom = append(m.custom, f)
}

func (m *model) notify(keys []string) {
	sort.Strings(keys)
	var fs []func()
	m.mu.Lock()
	for _, k := range keys {
		fs = append(fs, m.observers[k]...)
	}
	m.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// handle serves a message from the front end on the widget's comm.
func (m *model) handle(msg comm.Message) {
	frontEnd.Store(true)
	method, _ := msg.Data["method"].(string)
	switch method {
	case "update":
		state, _ := msg.Data["state"].(map[string]any)
		paths, _ := msg.Data["buffer_paths"].([]any)
		joinBuffers(state, paths, msg.Buffers)
		m.mu.Lock()
		changed, early := m.arrived[msg.ID]
		delete(m.arrived, msg.ID)
		m.mu.Unlock()
		if !early || msg.ID == "" {
			m.apply(state)
			return
		}
		// Stored when it arrived; now its turn in the queue has come for the echo and
		// the callbacks.
		m.echo(state)
		m.notify(changed)
	case "request_state":
		m.mu.Lock()
		all := make(map[string]any, len(m.state))
		for k, v := range m.state {
			all[k] = v
		}
		m.mu.Unlock()
		m.send("update", all)
	case "custom":
		content, _ := msg.Data["content"].(map[string]any)
		m.mu.Lock()
		fs := append([]func(map[string]any){}, m.custom...)
		m.mu.Unlock()
		for _, f := range fs {
			f(content)
		}
	}
}

// apply takes a state update from the front end: it echoes it to every front end
// (protocol 2.1's echo_update, so other views of the widget follow and the sender knows
// the kernel's order), stores it and runs the observers.
func (m *model) apply(state map[string]any) {
	m.echo(state)
	m.notify(m.store(state))
}

// arrive takes in an update as soon as the kernel receives it (comm.Comm.OnArrive), so
// that Go reads the new value even while a cell runs; the echo and the callbacks wait for
// the message's turn in the shell queue (handle).
func (m *model) arrive(msg comm.Message) {
	if method, _ := msg.Data["method"].(string); method != "update" || msg.ID == "" {
		return
	}
	frontEnd.Store(true)
	src, _ := msg.Data["state"].(map[string]any)
	state := make(map[string]any, len(src)) // handle decodes its own copy
	for k, v := range src {
		state[k] = v
	}
	paths, _ := msg.Data["buffer_paths"].([]any)
	joinBuffers(state, paths, msg.Buffers)
	changed := m.store(state)
	m.mu.Lock()
	if m.arrived == nil {
		m.arrived = map[string][]string{}
	}
	m.arrived[msg.ID] = changed
	m.mu.Unlock()
}

// echo sends an echo_update of state (without the keys that are never echoed).
func (m *model) echo(state map[string]any) {
	echo := map[string]any{}
	m.mu.Lock()
	for k, v := range state {
		if !m.noEcho[k] {
			echo[k] = v
		}
	}
	m.mu.Unlock()
	if len(echo) > 0 {
		m.send("echo_update", echo)
	}
}

// store writes state from the front end into the model and returns the keys it changed.
func (m *model) store(state map[string]any) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var changed []string
	for k, v := range state {
		if strings.HasPrefix(k, "_") && strings.HasSuffix(k, "_module") || k == "_model_name" || k == "_view_name" {
			continue // fixed at creation
		}
		if !sameValue(m.state[k], v) {
			changed = append(changed, k)
		}
		m.state[k] = v
	}
	return changed
}

func (m *model) isClosed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.closed
}

func (m *model) markClosed() {
	m.mu.Lock()
	m.closed = true
	m.mu.Unlock()
	modelsMu.Lock()
	delete(models, m.id)
	modelsMu.Unlock()
}

// Close removes the widget: its views disappear from the front ends, and later changes
// are no longer sent. A widget lives until it is closed (or the kernel stops), as in
// ipywidgets.
func (m *model) Close() { m.close() }

// close closes the widget's comm: its views in the front ends disappear.
func (m *model) close() {
	if m.comm != nil {
		_ = m.comm.Close(comm.Message{})
	}
	m.markClosed()
}

// modelOf returns the model behind a widget of this package.
func modelOf(w Widget) (*model, error) {
	if w == nil {
		return nil, fmt.Errorf("widgets: nil widget")
	}
	modelsMu.Lock()
	m := models[w.ModelID()]
	modelsMu.Unlock()
	if m == nil {
		return nil, fmt.Errorf("widgets: %s is closed or not a widget of this package", w.ModelID())
	}
	return m, nil
}

// ref is how state refers to another widget.
func ref(w Widget) string { return "IPY_MODEL_" + w.ModelID() }

// Context returns the context of the callback (or cell) running now: it is cancelled when
// the user interrupts the kernel, so a callback passes it to long operations. (The
// session's ctx is the last cell's, which an interrupt during a callback does not cancel.)
func Context() context.Context { return comm.Context() }

// FrontEnd reports whether a front end with an ipywidgets 8 widget manager (JupyterLab,
// Notebook 7, VS Code) has connected to this kernel, so widgets will be drawn.
func FrontEnd() bool { return frontEnd.Load() }

func init() {
	// A widget manager asks for every widget's state at once when it connects (or the
	// page reloads) through the control comm (control protocol 1.0).
	comm.RegisterTarget(controlTarget, func(c *comm.Comm, _ comm.Message) {
		frontEnd.Store(true)
		c.OnMsg(func(msg comm.Message) {
			if method, _ := msg.Data["method"].(string); method == "request_states" {
				_ = c.Send(allStates())
			}
		})
	})
}

// allStates is the update_states message: every open widget's full state.
func allStates() comm.Message {
	modelsMu.Lock()
	list := make([]*model, 0, len(models))
	for _, m := range models {
		if m.comm != nil {
			list = append(list, m)
		}
	}
	modelsMu.Unlock()
	states := map[string]any{}
	for _, m := range list {
		m.mu.Lock()
		st := make(map[string]any, len(m.state))
		for k, v := range m.state {
			st[k] = v
		}
		m.mu.Unlock()
		states[m.id] = map[string]any{"model_name": st["_model_name"], "model_module": st["_model_module"],
			"model_module_version": st["_model_module_version"], "state": st}
	}
	paths := []any{}
	var bufs [][]byte
	for id, s := range states {
		entry := s.(map[string]any)
		entry["state"] = stripBuffers(entry["state"], []any{id}, func(path []any, b []byte) {
			paths = append(paths, path)
			bufs = append(bufs, b)
		})
	}
	return comm.Message{Data: map[string]any{"method": "update_states", "states": states, "buffer_paths": paths}, Buffers: bufs}
}

// SetLayout sets CSS properties of the widget's box, such as "width": "400px",
// "height", "margin", "padding", "border" or "justify-content" (a LayoutModel of
// @jupyter-widgets/base); an empty value unsets one. Later calls add to earlier ones.
func (m *model) SetLayout(css map[string]string) {
	state := map[string]any{}
	for k, v := range css {
		key := strings.ReplaceAll(strings.TrimSpace(k), "-", "_")
		if v == "" {
			state[key] = nil
		} else {
			state[key] = v
		}
	}
	m.mu.Lock()
	l := m.layout
	m.mu.Unlock()
	if l != nil {
		l.set(state)
		return
	}
	l = newModel(baseModule, baseVersion, "LayoutModel", "LayoutView", state)
	m.mu.Lock()
	m.layout = l
	m.mu.Unlock()
	m.set(map[string]any{"layout": "IPY_MODEL_" + l.id})
}
