package display

import "testing"

func TestFormatCountLabels(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{1234, "1,234"}, {0.319, "0.319"}, {0.25, "0.25"}, {-0.0002, "0"}, {0.0002, "0"}, {-0.5, "-0.5"},
	} {
		if got := formatCount(tc.in); got != tc.want {
			t.Errorf("formatCount(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
