package wire

import (
	"net"
	"path/filepath"
	"strconv"
	"testing"
)

// TestLoopbackConnection: five distinct ports a server can bind, a key that signs, and a
// connection file that reads back the same.
func TestLoopbackConnection(t *testing.T) {
	ci, err := LoopbackConnection()
	if err != nil {
		t.Fatal(err)
	}
	ports := []int{ci.ShellPort, ci.IOPubPort, ci.StdinPort, ci.ControlPort, ci.HBPort}
	seen := map[int]bool{}
	for _, p := range ports {
		if seen[p] {
			t.Fatalf("port %d twice in %v", p, ports)
		}
		seen[p] = true
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			t.Fatalf("port %d cannot be bound: %v", p, err)
		}
		defer l.Close()
	}
	if ci.Transport != "tcp" || ci.IP != "127.0.0.1" || ci.Key == "" {
		t.Errorf("connection %+v", ci)
	}
	if _, err := ci.Signer(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "kernel.json")
	if err := WriteConnectionFile(file, ci); err != nil {
		t.Fatal(err)
	}
	back, err := ReadConnectionFile(file)
	if err != nil || back != ci {
		t.Fatalf("read back %+v, %v; wrote %+v", back, err, ci)
	}
	if other, _ := LoopbackConnection(); other.Key == ci.Key {
		t.Error("two connections share a key")
	}
}
