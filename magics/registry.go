package magics

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/sluice-dev/sluice/internal/textdist"
)

var (
	regMu    sync.RWMutex
	registry = map[string]Magic{}
)

// Register adds m to the registry of magics, replacing a magic of the same name. It
// fails when the name is not a word or the magic is neither a line nor a cell magic.
// The built-in magics register themselves at init; other packages may add their own.
func Register(m Magic) error {
	if !isWord(m.Name) {
		return fmt.Errorf("register magic %q: the name must be letters, digits and _", m.Name)
	}
	if !m.Line && !m.Cell {
		return fmt.Errorf("register magic %q: it must be a line magic, a cell magic or both", m.Name)
	}
	if m.Run == nil {
		return fmt.Errorf("register magic %q: Run is nil", m.Name)
	}
	regMu.Lock()
	defer regMu.Unlock()
	registry[m.Name] = m
	return nil
}

// mustRegister registers a built-in magic and panics on a programming error.
func mustRegister(m Magic) {
	if err := Register(m); err != nil {
		panic(err)
	}
}

// Lookup returns the magic called name (without % signs).
func Lookup(name string) (Magic, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	m, ok := registry[name]
	return m, ok
}

// Magics returns every registered magic sorted by name.
func Magics() []Magic {
	regMu.RLock()
	defer regMu.RUnlock()
	out := make([]Magic, 0, len(registry))
	for _, m := range registry {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Suggest returns up to three registered magic names close to name (by edit distance,
// or sharing a prefix), best first, each with the % signs the call would need.
func Suggest(name string, cell bool) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, m := range Magics() {
		if cell && !m.Cell || !cell && !m.Line {
			continue
		}
		d := textdist.Levenshtein(strings.ToLower(name), m.Name)
		if d <= max(1, len(name)/3) || (len(name) >= 2 && strings.HasPrefix(m.Name, strings.ToLower(name))) {
			cs = append(cs, cand{m.Name, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	prefix := "%"
	if cell {
		prefix = "%%"
	}
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, prefix+cs[i].name)
	}
	return out
}

// unknownMagic builds the error for a call of a magic that does not exist (or exists only
// in the other form).
func unknownMagic(name string, cell bool) *Error {
	form, sign := "line", "%"
	if cell {
		form, sign = "cell", "%%"
	}
	if m, ok := Lookup(name); ok {
		other := "%%"
		if m.Line {
			other = "%"
		}
		return &Error{Name: "UsageError", Value: fmt.Sprintf("%s%s is not a %s magic; write %s%s", sign, name, form, other, name)}
	}
	msg := fmt.Sprintf("unknown %s magic %s%s", form, sign, name)
	if s := Suggest(name, cell); len(s) > 0 {
		msg += "; did you mean " + orList(s) + "?"
	} else {
		msg += "; %lsmagic lists the magics there are"
	}
	return &Error{Name: "UnknownMagic", Value: msg}
}

// orList joins items as "a", "a or b", "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// nearest returns up to n of cands closest to name by case-insensitive edit distance,
// keeping only reasonably close ones.
func nearest(name string, cands []string, n int) []string {
	type cand struct {
		s string
		d int
	}
	low := strings.ToLower(name)
	var cs []cand
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c] {
			continue
		}
		seen[c] = true
		lc := strings.ToLower(c)
		d := textdist.Levenshtein(low, lc)
		if d <= max(2, len(name)/3) || strings.Contains(lc, low) || (len(lc) >= 3 && strings.Contains(low, lc)) {
			cs = append(cs, cand{c, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].s < cs[j].s
	})
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].s)
	}
	return out
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
