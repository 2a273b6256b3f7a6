package display

import (
	"math"
	"testing"
	"time"
)

func TestFormatNumbers(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{FormatInt(0), "0"},
		{FormatInt(999), "999"},
		{FormatInt(1000), "1,000"},
		{FormatInt(1064337), "1,064,337"},
		{FormatInt(-1234567), "-1,234,567"},
		{FormatFloat(1234.5678), "1,234.57"},
		{FormatFloat(0.123456789), "0.123457"},
		{FormatFloat(-0.5), "-0.5"},
		{FormatFloat(3), "3"},
		{FormatFloat(1e20), "1e+20"},
		{FormatFloat(math.NaN()), "NaN"},
		{FormatFloat(math.Inf(-1)), "-∞"},
		{FormatBytes(1536), "1.5 KiB"},
		{FormatBytes(10), "10 B"},
		{FormatDuration(1500 * time.Millisecond), "1.5s"},
		{FormatDuration(125 * time.Second), "2m05s"},
		{formatTick(2500000, 0), "2,500,000"},
		{formatTick(25000000, 0), "25M"},
		{formatTick(0.25, 2), "0.25"},
		{formatTick(-3.5e12, 0), "-3.5T"},
		{formatTick(1.25e9, 0), "1.25B"},
		{compactNumber(2.5e9), "2.5B"},
		{compactNumber(1.04e6), "1M"},
		{compactNumber(250400), "250k"},
		{compactNumber(12345), "12.3k"},
		{compactNumber(1234), "1,234"},
		{compactNumber(2.25), "2.2"},
		{compactNumber(-0.125), "-0.12"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestFormatTime(t *testing.T) {
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "2024-01-02"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02 03:04:05 UTC"},
		{time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC), "2024-01-02 03:04:05.000006 UTC"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", -5*3600)), "2024-01-02 03:04:05 -05:00"},
	} {
		if got := FormatTime(tc.in); got != tc.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	ticks := niceTicks{}.Ticks(0, 1064337)
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if len(labels) < 4 || len(labels) > 9 {
		t.Fatalf("want 4-9 labelled ticks, got %v", labels)
	}
	if labels[1] != "200,000" {
		t.Errorf("labels = %v, want steps of 200,000 with separators", labels)
	}
}

func TestTimeTicksAreCalendarAligned(t *testing.T) {
	lo := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := lo.AddDate(0, 0, 69)
	ticks := timeTicks{loc: time.UTC, layout: "2006-01-02"}.Ticks(float64(lo.Unix()), float64(hi.Unix()))
	var labels []string
	for _, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		labels = append(labels, tk.Label)
		d := time.Unix(int64(tk.Value), 0).UTC()
		if d.Hour() != 0 || d.Weekday() != time.Monday {
			t.Errorf("tick %s is not a Monday midnight", d)
		}
	}
	if len(labels) < 4 || len(labels) > 8 {
		t.Errorf("labels = %v", labels)
	}
	// Two years of data get month or year labels.
	hi = lo.AddDate(2, 0, 0)
	for _, tk := range (timeTicks{loc: time.UTC, layout: "2006-01"}).Ticks(float64(lo.Unix()), float64(hi.Unix())) {
		if d := time.Unix(int64(tk.Value), 0).UTC(); tk.Label != "" && d.Day() != 1 {
			t.Errorf("long-range tick %s is not a month start", d)
		}
	}
}
