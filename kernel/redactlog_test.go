package kernel

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// redactLogBuffer is a bytes.Buffer safe for the kernel's goroutines.
type redactLogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *redactLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *redactLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// The kernel's log quotes what clients send: a password in it is redacted, whatever
// logger the kernel was given.
func TestKernelLogRedactsPasswords(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	buf := &redactLogBuffer{}
	c := startKernel(t, &scriptEngine{}, Options{Logger: slog.New(slog.NewTextHandler(buf, nil))})
	c.send(c.shell, "postgres://u:K3rnelLog@h/db?password=K3rnelQuery", map[string]any{})
	c.call(false, wire.KernelInfoRequest, nil)
	deadline := time.Now().Add(testTimeout)
	for !strings.Contains(buf.String(), "unknown message type") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	log := buf.String()
	if !strings.Contains(log, "postgres://u:xxxxx@h/db?password=xxxxx") {
		t.Fatalf("the log lacks the redacted message type:\n%s", log)
	}
	if strings.Contains(log, "K3rnelLog") || strings.Contains(log, "K3rnelQuery") {
		t.Fatalf("the log shows a password:\n%s", log)
	}
}
