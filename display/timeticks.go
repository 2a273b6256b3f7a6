package display

import (
	"time"

	"gonum.org/v1/plot"
)

// timeTicks labels a Unix-seconds axis at calendar-aligned steps (seconds to years),
// about six labels across the range, with a minor mark between labels.
type timeTicks struct {
	loc    *time.Location
	layout string
}

var timeSteps = []time.Duration{
	time.Second, 5 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour,
}

// Ticks implements plot.Ticker.
func (tt timeTicks) Ticks(lo, hi float64) []plot.Tick {
	loc := tt.loc
	if loc == nil {
		loc = time.UTC
	}
	start := time.Unix(0, int64(lo*1e9)).In(loc)
	end := time.Unix(0, int64(hi*1e9)).In(loc)
	span := end.Sub(start)
	var marks []time.Time
	for _, step := range timeSteps {
		if span/step <= 7 {
			marks = stepMarks(start, end, step, loc)
			break
		}
	}
	if marks == nil { // months or years
		months := 1
		for _, m := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
			months = m
			if span.Hours()/24/30.44/float64(m) <= 7 {
				break
			}
		}
		t := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, loc)
		if months >= 12 {
			t = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, loc)
		}
		for ; !t.After(end); t = t.AddDate(0, months, 0) {
			if !t.Before(start) {
				marks = append(marks, t)
			}
		}
	}
	out := make([]plot.Tick, 0, 2*len(marks))
	for i, m := range marks {
		v := float64(m.UnixNano()) / 1e9
		out = append(out, plot.Tick{Value: v, Label: m.Format(tt.layout)})
		if i+1 < len(marks) {
			next := float64(marks[i+1].UnixNano()) / 1e9
			out = append(out, plot.Tick{Value: (v + next) / 2})
		}
	}
	if len(out) == 0 {
		return plot.TimeTicks{Format: tt.layout, Time: plot.UnixTimeIn(loc)}.Ticks(lo, hi)
	}
	return out
}

// stepMarks returns the multiples of step (aligned to local midnight for steps of a day
// or more, weeks starting on Monday) within [start, end].
func stepMarks(start, end time.Time, step time.Duration, loc *time.Location) []time.Time {
	var t time.Time
	if step >= 24*time.Hour {
		t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
		if step == 7*24*time.Hour || step == 14*24*time.Hour {
			for t.Weekday() != time.Monday {
				t = t.AddDate(0, 0, -1)
			}
		}
		days := int(step / (24 * time.Hour))
		var out []time.Time
		for ; !t.After(end); t = t.AddDate(0, 0, days) {
			if !t.Before(start) {
				out = append(out, t)
			}
		}
		return out
	}
	t = start.Truncate(step)
	var out []time.Time
	for ; !t.After(end); t = t.Add(step) {
		if !t.Before(start) {
			out = append(out, t)
		}
	}
	return out
}
