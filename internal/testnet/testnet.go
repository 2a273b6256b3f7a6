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
// tests that start servers on it fail clearly then. A kernel's five ports come from
// kernel/wire's LoopbackConnection.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
