package testnet

import (
	"net"
	"strconv"
	"testing"
)

func TestFreePort(t *testing.T) {
	p := FreePort(t)
	if p <= 0 || p > 65535 {
		t.Fatalf("port %d", p)
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
	if err != nil {
		t.Fatalf("the port FreePort gave cannot be bound: %v", err)
	}
	l.Close()
}
