package pgsql

import (
	"strings"
	"testing"
)

func TestNormalizeInterval(t *testing.T) {
	for in, want := range map[string]string{
		"1 day -02:00:00":      "0 months 1 days -7200000000 microseconds",
		"-3 days +04:05:06.5":  "0 months -3 days 14706500000 microseconds",
		"1 year 2 mons":        "14 months 0 days 0 microseconds",
		"@ 1 hour ago":         "0 months 0 days -3600000000 microseconds",
		"P1Y2M3DT4H5M6S":       "14 months 3 days 14706000000 microseconds",
		"PT1.5S":               "0 months 0 days 1500000 microseconds",
		"P1W":                  "0 months 7 days 0 microseconds",
		"P0001-02-03T04:05:06": "14 months 3 days 14706000000 microseconds",
		"1-2":                  "14 months 0 days 0 microseconds",
		"-1-2":                 "-14 months 0 days 0 microseconds",
		"3 4:05:06":            "0 months 3 days 14706000000 microseconds",
		"00:00:01.5":           "0 months 0 days 1500000 microseconds",
		"-00:00:01.5":          "0 months 0 days -1500000 microseconds",
		"1.5 days":             "0 months 1 days 43200000000 microseconds",
		"1.5 months":           "1 months 15 days 0 microseconds",
		"0.5 years":            "6 months 0 days 0 microseconds",
		"1.5 weeks":            "0 months 10 days 43200000000 microseconds",
		"10min":                "0 months 0 days 600000000 microseconds",
	} {
		if got, ok := NormalizeInterval(in); !ok || got != want {
			t.Errorf("NormalizeInterval(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"abc", "", "@", "1 fortnight", "P", "P1H", "1 2 3"} {
		if got, ok := NormalizeInterval(in); ok {
			t.Errorf("NormalizeInterval(%q) = %q, want refusal", in, got)
		}
	}
	for in, want := range map[string]bool{"P1Y2M3DT4H5M6S": true, "1-2": true, "@ 1 hour ago": true, "5": false, "-1.5": false, "hello": false, "1 day": false, "-2 hours 30 minutes": false, "p1d": true, "1 mons": true} {
		if got := suspectLiteral(in); got != want {
			t.Errorf("suspectLiteral(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNormalizeDateTimeBC(t *testing.T) {
	for _, c := range [][3]string{
		{"0044-03-15 BC", "date", "-0043-03-15"},
		{"0001-01-01 bc", "date", "0000-01-01"},
		{"0044-03-15 10:00:00 BC", "timestamp", "-0043-03-15 10:00:00"},
		{"0044-03-15 10:00:00+00 BC", "timestamptz", "-0043-03-15 10:00:00+00"},
		{"0044-03-15 AD", "date", "0044-03-15"},
		{"0001-02-29 BC", "date", "0000-02-29"},
	} {
		if got, ok := NormalizeDateTime(c[0], c[1]); !ok || got != c[2] {
			t.Errorf("NormalizeDateTime(%q, %s) = %q, %v; want %q", c[0], c[1], got, ok, c[2])
		}
	}
}

func TestDateTimeCastRewrites(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT INTERVAL '1' DAY":                    "'0 months 1 days 0 microseconds'::interval",
		"SELECT INTERVAL '1.5' DAY":                  "'0 months 1 days 0 microseconds'::interval",
		"SELECT '1 day -02:00:00'::interval":         "'0 months 1 days -7200000000 microseconds'::interval",
		"SELECT '0044-03-15 BC'::date":               "'-0043-03-15'::date",
		"SELECT x::timestamptz(0) FROM t":            "epoch_us(x::timestamptz)",
		"SELECT x::time(6) FROM t":                   "SELECT x::time FROM t",
		"SELECT INTERVAL '1 day', '1 day'::interval": "SELECT INTERVAL '1 day', '1 day'::interval",
	} {
		if got := Translate(in).SQL; !strings.Contains(got, want) {
			t.Errorf("Translate(%q) = %q, want it to hold %q", in, got, want)
		}
	}
}
