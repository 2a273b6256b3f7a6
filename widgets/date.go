package widgets

import (
	"fmt"
	"time"
)

// DatePicker chooses a calendar date.
type DatePicker struct{ *model }

// NewDatePicker returns a date picker set to the date of value (none when value is the
// zero time).
func NewDatePicker(description string, value time.Time) *DatePicker {
	d := &DatePicker{control("DatePickerModel", "DatePickerView", describe(description, map[string]any{
		"value": dateJSON(value), "min": nil, "max": nil, "step": 1}))}
	d.valueKey, d.value = "value", func() any { return d.Value() }
	d.text = func() string {
		return fmt.Sprintf("DatePicker(%q, value=%s)", description, d.Value().Format(time.DateOnly))
	}
	return d
}

// Value returns the chosen date (at midnight UTC), or the zero time when none is.
func (d *DatePicker) Value() time.Time {
	m, ok := d.get("value").(map[string]any)
	if !ok {
		return time.Time{}
	}
	return time.Date(int(num(m["year"])), time.Month(int(num(m["month"]))+1), int(num(m["date"])), 0, 0, 0, 0, time.UTC)
}

// SetValue chooses the date of t (none when t is the zero time).
func (d *DatePicker) SetValue(t time.Time) { d.set(map[string]any{"value": dateJSON(t)}) }

// OnChange calls f with the new date after each change.
func (d *DatePicker) OnChange(f func(t time.Time)) { d.observe("value", func() { f(d.Value()) }) }

// dateJSON is ipywidgets' serialisation of a date: year, month from 0, day of month.
func dateJSON(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return map[string]any{"year": t.Year(), "month": int(t.Month()) - 1, "date": t.Day()}
}
