package engine

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// TestIfaceDev runs the program in $SLUICE_IFACE_DEV as one cell (a development aid;
// with $SLUICE_IFACE_DUMP=1 it logs the lowered source). It does nothing otherwise.
func TestIfaceDev(t *testing.T) {
	path := os.Getenv("SLUICE_IFACE_DEV")
	if path == "" {
		t.Skip("SLUICE_IFACE_DEV not set")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{}
	if os.Getenv("SLUICE_IFACE_DUMP") == "1" {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var out strings.Builder
	cells := []string{string(b)}
	if os.Getenv("SLUICE_IFACE_SPLIT") != "" {
		cells = strings.Split(string(b), "\n//----\n")
	}
	for _, c := range cells {
		_, err = e.Execute(context.Background(), c, &kernel.CellIO{Stdout: &out, Stderr: &out})
		if err != nil {
			t.Logf("error: %v", err)
			break
		}
	}
	t.Logf("output:\n%s", out.String())
}
