package qs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sluice-dev/sluice/table"
)

// ResultBudget bounds what fetching a whole result into memory (Query, Run with no limit,
// %sql -o) may keep: a fetch that passes either bound stops with *ResultTooLargeError
// instead of growing the process until it dies. Zero in a field means no bound on it.
// Streams (Rows) and fetches with a row limit are not bounded: they keep little.
type ResultBudget struct {
	Rows  int64 // rows kept
	Bytes int64 // about the memory the kept values take (8 bytes a number, 16 + length a string…)
}

// Environment variables that set the default budget: a number of rows, and a size in
// bytes (a plain number or with a unit: 500MB, 2GiB); 0 means no bound.
const (
	EnvMaxResultRows  = "SLUICE_MAX_RESULT_ROWS"
	EnvMaxResultBytes = "SLUICE_MAX_RESULT_BYTES"
)

// DefaultMaxResultRows is the row budget when SLUICE_MAX_RESULT_ROWS is not set.
const DefaultMaxResultRows = 10_000_000

// maxDefaultBytes caps the default byte budget (a quarter of the memory, at most this).
const maxDefaultBytes = 1 << 30

type budgetKey struct{}

// WithResultBudget returns a context under which whole-result fetches keep at most what
// b allows (instead of the default budget, DefaultResultBudget).
func WithResultBudget(ctx context.Context, b ResultBudget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// DefaultResultBudget is the budget from SLUICE_MAX_RESULT_ROWS and SLUICE_MAX_RESULT_BYTES,
// else 10 million rows and a quarter of the memory available to the process (the
// machine's, or its cgroup's limit when lower), at most 1 GiB. A variable that does not parse is ignored (its default applies).
func DefaultResultBudget() ResultBudget {
	b := ResultBudget{Rows: DefaultMaxResultRows, Bytes: defaultBytes()}
	if v := strings.TrimSpace(os.Getenv(EnvMaxResultRows)); v != "" {
		if n, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64); err == nil && n >= 0 {
			b.Rows = n
		}
	}
	if v := strings.TrimSpace(os.Getenv(EnvMaxResultBytes)); v != "" {
		if n, err := ParseSize(v); err == nil {
			b.Bytes = n
		}
	}
	return b
}

// budgetOf returns the budget ctx carries, else the default one.
func budgetOf(ctx context.Context) ResultBudget {
	if b, ok := ctx.Value(budgetKey{}).(ResultBudget); ok {
		return b
	}
	return DefaultResultBudget()
}

var memOnce = sync.OnceValue(func() int64 {
	mem := int64(0)
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				mem = kb << 10
				break
			}
		}
		f.Close()
	}
	if n := cgroupMemoryMax(); n > 0 && (mem == 0 || n < mem) {
		mem = n
	}
	return mem
})

// cgroupMemoryMax returns the memory limit of this process's cgroup (v2 memory.max, else
// v1 memory.limit_in_bytes), or 0 when there is none or it cannot be read.
func cgroupMemoryMax() int64 {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0
	}
	read := func(path string) int64 {
		lim, err := os.ReadFile(path)
		if err != nil {
			return 0
		}
		n, _ := strconv.ParseInt(strings.TrimSpace(string(lim)), 10, 64) // "max": no limit
		return n
	}
	for _, line := range strings.Split(string(b), "\n") {
		// "0::/path" (v2) or "4:memory:/path" (v1).
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if parts[0] == "0" && parts[1] == "" {
			if n := read("/sys/fs/cgroup" + parts[2] + "/memory.max"); n > 0 {
				return n
			}
		}
		for _, c := range strings.Split(parts[1], ",") {
			if c == "memory" {
				if n := read("/sys/fs/cgroup/memory" + parts[2] + "/memory.limit_in_bytes"); n > 0 {
					return n
				}
			}
		}
	}
	return 0
}

func defaultBytes() int64 {
	if m := memOnce(); m > 0 && m/4 < maxDefaultBytes {
		return m / 4
	}
	return maxDefaultBytes
}

// ParseSize parses a size in bytes: a plain number, or a number with a unit (KB, MB, GB,
// TB: powers of 1000; KiB, MiB, GiB, TiB: powers of 1024; case ignored).
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
		{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("%q is not a size (write bytes, or 500MB, 2GiB…)", s)
	}
	return int64(f * float64(mult)), nil
}

// ErrResultTooLarge is what a fetch that passed its ResultBudget returns (as
// *ResultTooLargeError, which says which bound and how to raise it).
var ErrResultTooLarge = errors.New("the result is too large to fetch into memory")

// ResultTooLargeError says that a whole-result fetch stopped at its budget; nothing of the
// result is returned.
type ResultTooLargeError struct {
	Budget ResultBudget
	Rows   int64 // rows read when it stopped
	Bytes  int64 // their estimated size
	ByRows bool  // the row bound stopped it (else the byte bound)
}

func (e *ResultTooLargeError) Error() string {
	if e.ByRows {
		return fmt.Sprintf("%v: it has more than %s rows, the budget (%s); add LIMIT to the query (or aggregate, or stream it with Rows), or raise the budget with %s=N (0: no bound)",
			ErrResultTooLarge, table.FormatInt(e.Budget.Rows), EnvMaxResultRows, EnvMaxResultRows)
	}
	return fmt.Sprintf("%v: it passed the budget of %s (%s) after %s rows; add LIMIT to the query (or aggregate, or stream it with Rows), or raise the budget with %s=SIZE (e.g. 4GiB; 0: no bound)",
		ErrResultTooLarge, table.FormatBytes(e.Budget.Bytes), EnvMaxResultBytes, table.FormatInt(e.Rows), EnvMaxResultBytes)
}

func (e *ResultTooLargeError) Unwrap() error { return ErrResultTooLarge }

// valueBytes estimates the memory one decoded value of d's column takes.
func (d *decoder) valueBytes(raw []byte) int64 {
	switch d.kind {
	case table.KindInt, table.KindFloat:
		return 8
	case table.KindBool:
		return 1
	case table.KindTime:
		return 24
	case table.KindString:
		if d.oid == pgtype.UUIDOID {
			return 16 + 36
		}
		return 16 + int64(len(raw))
	}
	return 16 + 2*int64(len(raw))
}
