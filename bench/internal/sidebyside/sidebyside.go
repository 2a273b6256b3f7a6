// Package sidebyside holds what the side-by-side benchmark commands (bench/anchors,
// bench/ml/nb04) share: the PyPI environment's Python they compare against, the median
// they report of alternated repetitions, and the load average they print with it.
package sidebyside

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// VenvPython is the PyPI environment's python3: explicit (a command's -venv flag) when
// set, else $SLUICE_VENV/bin/python3, else .venv/bin/python3 under the working directory
// (the repository's root, where `go run ./bench/...` runs).
func VenvPython(explicit string) string {
	if explicit != "" {
		return explicit
	}
	if v := os.Getenv("SLUICE_VENV"); v != "" {
		return filepath.Join(v, "bin", "python3")
	}
	p, err := filepath.Abs(filepath.Join(".venv", "bin", "python3"))
	if err != nil {
		return filepath.Join(".venv", "bin", "python3")
	}
	return p
}

// Median is the median of xs (0 for none); xs is left as it is.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Loadavg is the machine's 1, 5 and 15-minute load averages ("?" where unknown).
func Loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
