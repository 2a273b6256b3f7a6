//go:build unix

package testnet

import (
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServerStart starts Python's http.server through Server and reads a file it serves.
func TestServerStart(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	port := FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	Server{Name: "http.server", Path: py, Args: []string{"-m", "http.server", "--bind", "127.0.0.1", fmt.Sprint(port)},
		Dir: dir, Log: filepath.Join(t.TempDir(), "server.log"), Ready: base, Within: 30 * time.Second, Grace: 5 * time.Second}.Start(t)
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Directory listing") {
		t.Errorf("GET %s: %d\n%s", base, resp.StatusCode, b)
	}
}
