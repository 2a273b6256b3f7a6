// Package testnet gives tests what they need of the network: a free loopback port for
// a server they start (jupyter-lab, the classic Notebook, pgbouncer, a kernel's sockets).
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
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
