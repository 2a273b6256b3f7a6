package hostile

// Attacks on the kernel's ZeroMQ sockets (rows 1, 2 and 22 of the hardening table), run
// against the real binary with plain TCP connections that speak as much ZMTP as the
// attack needs: a huge frame header, silent connections, a subscriber that never reads.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

func init() {
	register(1, "huge frame header on shell and heartbeat", transportHugeFrame)
	register(2, "silent connection on every port", transportSilent)
	register(22, "IOPub subscriber that never reads", transportStalledSubscriber)
}

// ZMTP 3.0 as a raw peer speaks it.
var transportGreeting = func() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}()

func transportFrameHeader(flags byte, size uint64) []byte {
	if size > 255 {
		return binary.BigEndian.AppendUint64([]byte{flags | 0x02}, size)
	}
	return []byte{flags, byte(size)}
}

func transportReady(socketType string) []byte {
	body := append([]byte("\x05READY\x0bSocket-Type"), binary.BigEndian.AppendUint32(nil, uint32(len(socketType)))...)
	body = append(body, socketType...)
	return append(transportFrameHeader(0x04, uint64(len(body))), body...)
}

// transportDropped reads c until the kernel closes it; a connection still open after a
// generous bound fails the test.
func transportDropped(t *testing.T, c net.Conn, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("%s: the kernel kept the connection open", what)
	}
}

// transportHugeFrame is row 1: a ZMTP greeting, then a frame header announcing 2^63-1
// bytes or 1 TiB (in place of the handshake, or after it), on shell and heartbeat.
func transportHugeFrame(t *testing.T) {
	k := startKernel(t)
	for _, port := range []struct {
		name, peer string
		port       int
	}{{"shell", "DEALER", k.ci.ShellPort}, {"heartbeat", "REQ", k.ci.HBPort}} {
		for _, size := range []uint64{1<<63 - 1, 1 << 40} {
			for _, handshake := range []bool{false, true} {
				c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port.port))
				if err != nil {
					t.Fatal(err)
				}
				attack := append([]byte(nil), transportGreeting...)
				flags := byte(0x04) // a command where READY belongs
				if handshake {
					attack = append(attack, transportReady(port.peer)...)
					flags = 0x01
				}
				c.Write(append(attack, transportFrameHeader(flags, size)...))
				transportDropped(t, c, fmt.Sprintf("%s, %d bytes, handshake %t", port.name, size, handshake))
				c.Close()
			}
		}
	}
	k.survived()
	if !strings.Contains(k.log.String(), "zmtp guard") {
		t.Errorf("the kernel log does not mention the dropped connections:\n%s", k.log)
	}
}

// transportSilent is row 2: one raw TCP connection to each kernel port that sends
// nothing; a new client still gets kernel_info within the front end's usual timeout.
func transportSilent(t *testing.T) {
	k := startKernel(t)
	for _, p := range []int{k.ci.ShellPort, k.ci.IOPubPort, k.ci.StdinPort, k.ci.ControlPort, k.ci.HBPort} {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	// jupyter_client gives up after 20 s ("Kernel didn't respond in 20 seconds").
	if err := k.connect(20 * time.Second); err != nil {
		t.Fatalf("a new client with silent connections open: %v\nkernel log:\n%s", err, k.log)
	}
	k.survived()
}

// transportStalledSubscriber is row 22: a subscriber on IOPub that never reads while
// another client runs a cell printing 20 MB; the good client gets all of it and its reply.
func transportStalledSubscriber(t *testing.T) {
	k := startKernel(t)
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", k.ci.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	// Greeting, READY as a SUB, a subscription to everything; then it never reads.
	c.Write(append(append(append([]byte(nil), transportGreeting...), transportReady("SUB")...), 0, 1, 1))
	// A cell whose output reaches the stalled subscriber: once its subscription is in.
	for i := 0; ; i++ {
		if c := k.runWithin(`fmt.Println("warm-up")`, time.Minute); c.status != "ok" {
			t.Fatal("warm-up cell failed")
		}
		if i == 2 {
			break
		}
	}
	const lines, width = 20000, 1000 // 20 MB
	big := k.runWithin(fmt.Sprintf(`for i := 0; i < %d; i++ { fmt.Println(strings.Repeat("x", %d)) }`, lines, width-1), 2*time.Minute)
	st, out := big.status, big.stdout
	if st != "ok" {
		t.Fatalf("the 20 MB cell: %s", st)
	}
	if len(out) != lines*width || strings.Count(out, "\n") != lines {
		t.Fatalf("the good client got %d bytes in %d lines of output, want %d in %d", len(out), strings.Count(out, "\n"), lines*width, lines)
	}
	k.survived()
}
