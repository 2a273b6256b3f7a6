package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"sql", "sql", 0},
		{"sq", "sql", 1},        // insert
		{"sqll", "sql", 1},      // delete
		{"sqk", "sql", 1},       // replace
		{"timeit", "tiemit", 2}, // a swap is two edits
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"café", "cafe", 1},    // runes, not bytes (é is two bytes)
		{"größe", "grosse", 3}, // ö→o, ß→s, one s more
	}
	for _, c := range cases {
		if got := Levenshtein(c.a, c.b); got != c.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Levenshtein(c.b, c.a); got != c.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (symmetric)", c.b, c.a, got, c.want)
		}
	}
}
