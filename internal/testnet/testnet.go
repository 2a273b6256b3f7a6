// Package testnet gives tests what they need to serve on loopback: a free port, and a
// server process started, waited for and stopped with the test (jupyter-lab, the
// classic Notebook).
package testnet

import (
	"net"
	"testing"
)

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago: the port of a
// listener it opened and closed. Another process may take it before the caller binds it;
// tests that start servers on it fail clearly then.
func FreePort(t testing.TB) int {
	t.Helper()
	return FreePorts(t, 1)[0]
}

// FreePorts returns n distinct ports as FreePort does, for a server that binds several
// (a kernel's five sockets): all n listeners are open until the last is chosen, so no
// port comes twice.
func FreePorts(t testing.TB, n int) []int {
	t.Helper()
	ports := make([]int, n)
	held := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("free port: %v", err)
		}
		held = append(held, l)
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}
