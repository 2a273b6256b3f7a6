package sidebyside

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	xs := []float64{3, 1, 2}
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{5}, 5}, {xs, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %g, want %g", c.in, got, c.want)
		}
	}
	if xs[0] != 3 || xs[1] != 1 {
		t.Errorf("Median sorted its argument: %v", xs)
	}
}

func TestVenvPython(t *testing.T) {
	t.Setenv("SLUICE_VENV", "/opt/venv")
	if got := VenvPython("/x/python"); got != "/x/python" {
		t.Errorf("explicit: %s", got)
	}
	if got := VenvPython(""); got != "/opt/venv/bin/python3" {
		t.Errorf("SLUICE_VENV: %s", got)
	}
	t.Setenv("SLUICE_VENV", "")
	if got := VenvPython(""); !filepath.IsAbs(got) || !strings.HasSuffix(got, filepath.Join(".venv", "bin", "python3")) {
		t.Errorf("default: %s", got)
	}
}

func TestLoadavg(t *testing.T) {
	if got := Loadavg(); got != "?" && len(strings.Fields(got)) != 3 {
		t.Errorf("Loadavg() = %q", got)
	}
}
