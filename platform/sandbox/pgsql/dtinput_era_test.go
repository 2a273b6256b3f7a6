package pgsql

import "testing"

func TestEraDateTime(t *testing.T) {
	for _, c := range []struct{ in, kind, want string }{
		{"Mar 15 44 BC", "date", "-0043-03-15"},
		{"March 15, 0044 BC", "date", "-0043-03-15"},
		{"15-Mar-0044 BC", "date", "-0043-03-15"},
		{"Mar 15 44 BC 10:00", "timestamp", "-0043-03-15 10:00:00"},
		{"0044-03-15 BC 10:00", "timestamp", "-0043-03-15 10:00:00"},
		{"Mar 15 44", "date", "2044-03-15"},
		{"Mar 15 70", "date", "1970-03-15"},
		{"Mar 15 144", "date", "0144-03-15"},
		{"10000-01-01 BC", "date", `date out of range: "10000-01-01 BC"`},
		{"4714-11-23 BC", "date", `date out of range: "4714-11-23 BC"`},
		{"Feb 29 44 BC", "date", `date/time field value out of range: "Feb 29 44 BC"`},
		{"Feb 29 45 BC", "date", "-0044-02-29"},
		{"0044-03-15 BC", "date", "-0043-03-15"},
		{"2024-03-15", "date", "2024-03-15"},
	} {
		got, ok := NormalizeDateTime(c.in, c.kind)
		if !ok || got != c.want {
			t.Errorf("NormalizeDateTime(%q, %s) = %q, %v; want %q", c.in, c.kind, got, ok, c.want)
		}
	}
}
