package comm

// What the kernel calls when a front end sends a comm message. Each returns what the
// kernel must know to answer; the handlers run on the caller's goroutine, and a panic
// in one propagates to the caller (the kernel reports it).

// HandleOpen opens the comm a front end asked for with a comm_open to target. It reports
// false, opening nothing, when no target of that name is registered: the kernel then
// answers with a comm_close, as the protocol asks.
func HandleOpen(id, target string, m Message) bool {
	mu.Lock()
	open := targets[target]
	if open == nil {
		mu.Unlock()
		return false
	}
	c := &Comm{id: id, target: target}
	comms[id] = c
	mu.Unlock()
	open(c, m)
	return true
}

// HandleMsg delivers a comm_msg to the comm's OnMsg function. It reports false when no
// comm of that id is open.
func HandleMsg(id string, m Message) bool {
	c := lookup(id)
	if c == nil {
		return false
	}
	c.mu.Lock()
	f := c.onMsg
	c.mu.Unlock()
	if f != nil {
		f(m)
	}
	return true
}

// Arrive passes a comm_msg that has just been received to the comm's OnArrive function,
// before the message is queued for HandleMsg. It reports false when no comm of that id
// is open.
func Arrive(id string, m Message) bool {
	c := lookup(id)
	if c == nil {
		return false
	}
	c.mu.Lock()
	f := c.onArrive
	c.mu.Unlock()
	if f != nil {
		f(m)
	}
	return true
}

// HandleClose closes the comm the front end closed and calls its OnClose function. It
// reports false when no comm of that id is open.
func HandleClose(id string, m Message) bool {
	c := lookup(id)
	if c == nil {
		return false
	}
	c.markClosed()
	forget(c)
	c.mu.Lock()
	f := c.onClose
	c.mu.Unlock()
	if f != nil {
		f(m)
	}
	return true
}

// Comms returns the open comms (id → target name), only those of target unless it is "".
func Comms(target string) map[string]string {
	mu.Lock()
	defer mu.Unlock()
	out := map[string]string{}
	for id, c := range comms {
		if target == "" || c.target == target {
			out[id] = c.target
		}
	}
	return out
}

// Lookup returns the open comm with id, or nil.
func Lookup(id string) *Comm { return lookup(id) }

func lookup(id string) *Comm {
	mu.Lock()
	defer mu.Unlock()
	return comms[id]
}
