package widgets

import (
	"fmt"
	"math"
	"strconv"
)

// describe is the state every control with a description starts with.
func describe(description string, state map[string]any) map[string]any {
	st := map[string]any{"description": description, "description_allow_html": false, "disabled": false,
		"_dom_classes": []any{}, "tabbable": nil, "tooltip": nil}
	for k, v := range state {
		st[k] = v
	}
	return st
}

func control(modelName, viewName string, state map[string]any) *model {
	return newModel(controlsModule, controlsVersion, modelName, viewName, state)
}

// num reads a JSON number from the state.
func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	}
	return 0
}

// IntSlider is a slider over integers.
type IntSlider struct{ *model }

// NewIntSlider returns a slider from min to max (step 1) set to value (clamped).
func NewIntSlider(description string, min, max, value int) *IntSlider {
	if max < min {
		min, max = max, min
	}
	value = clampInt(value, min, max)
	s := &IntSlider{control("IntSliderModel", "IntSliderView", describe(description, map[string]any{
		"value": value, "min": min, "max": max, "step": 1, "orientation": "horizontal", "readout": true,
		"readout_format": "d", "continuous_update": true, "behavior": "drag-tap"}))}
	s.valueKey, s.value = "value", func() any { return s.Value() }
	s.text = func() string { return fmt.Sprintf("IntSlider(%q, value=%d)", description, s.Value()) }
	return s
}

// Value returns the slider's value.
func (s *IntSlider) Value() int { return int(math.Round(num(s.get("value")))) }

// SetValue moves the slider to v (clamped to its range).
func (s *IntSlider) SetValue(v int) {
	s.set(map[string]any{"value": clampInt(v, int(num(s.get("min"))), int(num(s.get("max"))))})
}

// SetStep sets the step between values; it returns s.
func (s *IntSlider) SetStep(step int) *IntSlider { s.set(map[string]any{"step": step}); return s }

// SetContinuous sets whether the value changes while the handle is dragged (true) or
// only when it is released; it returns s.
func (s *IntSlider) SetContinuous(on bool) *IntSlider {
	s.set(map[string]any{"continuous_update": on})
	return s
}

// OnChange calls f with the new value after each change.
func (s *IntSlider) OnChange(f func(v int)) { s.observe("value", func() { f(s.Value()) }) }

func clampInt(v, lo, hi int) int { return min(max(v, lo), hi) }

// FloatSlider is a slider over floating-point numbers.
type FloatSlider struct{ *model }

// NewFloatSlider returns a slider from min to max set to value (clamped), with a step of
// a hundredth of the range.
func NewFloatSlider(description string, min, max, value float64) *FloatSlider {
	if max < min {
		min, max = max, min
	}
	step := (max - min) / 100
	if step <= 0 {
		step = 0.1
	}
	s := &FloatSlider{control("FloatSliderModel", "FloatSliderView", describe(description, map[string]any{
		"value": math.Min(math.Max(value, min), max), "min": min, "max": max, "step": step,
		"orientation": "horizontal", "readout": true, "readout_format": ".2f", "continuous_update": true,
		"behavior": "drag-tap"}))}
	s.valueKey, s.value = "value", func() any { return s.Value() }
	s.text = func() string { return fmt.Sprintf("FloatSlider(%q, value=%g)", description, s.Value()) }
	return s
}

// Value returns the slider's value.
func (s *FloatSlider) Value() float64 { return num(s.get("value")) }

// SetValue moves the slider to v (clamped to its range).
func (s *FloatSlider) SetValue(v float64) {
	s.set(map[string]any{"value": math.Min(math.Max(v, num(s.get("min"))), num(s.get("max")))})
}

// SetStep sets the step between values; it returns s.
func (s *FloatSlider) SetStep(step float64) *FloatSlider {
	s.set(map[string]any{"step": step})
	return s
}

// SetContinuous: see IntSlider.SetContinuous.
func (s *FloatSlider) SetContinuous(on bool) *FloatSlider {
	s.set(map[string]any{"continuous_update": on})
	return s
}

// OnChange calls f with the new value after each change.
func (s *FloatSlider) OnChange(f func(v float64)) { s.observe("value", func() { f(s.Value()) }) }

// Dropdown chooses one of a list of strings.
type Dropdown struct {
	*model
	options []string
}

// NewDropdown returns a dropdown over options with value selected (the first option
// when value is not among them).
func NewDropdown(description string, options []string, value string) *Dropdown {
	return newChoice("Dropdown", description, options, value, nil)
}

// newChoice makes a single-selection widget (Dropdown, RadioButtons) over options.
func newChoice(kind, description string, options []string, value string, extra map[string]any) *Dropdown {
	opts := append([]string{}, options...)
	labels := make([]any, len(opts))
	index := any(nil)
	for i, o := range opts {
		labels[i] = o
		if o == value && index == nil {
			index = i
		}
	}
	if index == nil && len(opts) > 0 {
		index = 0
	}
	state := map[string]any{"_options_labels": labels, "index": index}
	for k, v := range extra {
		state[k] = v
	}
	d := &Dropdown{model: control(kind+"Model", kind+"View", describe(description, state)), options: opts}
	d.valueKey, d.value = "index", func() any { return d.Value() }
	d.text = func() string { return fmt.Sprintf("%s(%q, value=%q)", kind, description, d.Value()) }
	return d
}

// Index returns the position of the selected option, or -1 when none is.
func (d *Dropdown) Index() int {
	v := d.get("index")
	if v == nil {
		return -1
	}
	i := int(num(v))
	if i < 0 || i >= len(d.options) {
		return -1
	}
	return i
}

// Value returns the selected option, or "" when none is.
func (d *Dropdown) Value() string {
	if i := d.Index(); i >= 0 {
		return d.options[i]
	}
	return ""
}

// SetValue selects option v; it fails when v is not an option.
func (d *Dropdown) SetValue(v string) error {
	for i, o := range d.options {
		if o == v {
			d.set(map[string]any{"index": i})
			return nil
		}
	}
	return fmt.Errorf("widgets: %q is not an option of the dropdown (options: %q)", v, d.options)
}

// OnChange calls f with the newly selected option.
func (d *Dropdown) OnChange(f func(v string)) { d.observe("index", func() { f(d.Value()) }) }

// Text is a one-line text box.
type Text struct{ *model }

// NewText returns a text box holding value.
func NewText(description, value string) *Text {
	t := &Text{control("TextModel", "TextView", describe(description, map[string]any{
		"value": value, "placeholder": "\u200b", "continuous_update": true}))}
	t.valueKey, t.value = "value", func() any { return t.Value() }
	t.text = func() string { return fmt.Sprintf("Text(%q, value=%q)", description, t.Value()) }
	return t
}

// Value returns the text.
func (t *Text) Value() string { s, _ := t.get("value").(string); return s }

// SetValue replaces the text.
func (t *Text) SetValue(v string) { t.set(map[string]any{"value": v}) }

// SetPlaceholder sets the grey text shown while the box is empty; it returns t.
func (t *Text) SetPlaceholder(p string) *Text { t.set(map[string]any{"placeholder": p}); return t }

// SetContinuous sets whether the value changes as the user types (true) or only on Enter
// and when the box loses focus; it returns t.
func (t *Text) SetContinuous(on bool) *Text { t.set(map[string]any{"continuous_update": on}); return t }

// OnChange calls f with the new text after each change.
func (t *Text) OnChange(f func(v string)) { t.observe("value", func() { f(t.Value()) }) }

// OnSubmit calls f with the text when the user presses Enter.
func (t *Text) OnSubmit(f func(v string)) {
	t.onCustom(func(c map[string]any) {
		if c["event"] == "submit" {
			f(t.Value())
		}
	})
}

// Checkbox is a boolean check box.
type Checkbox struct{ *model }

// NewCheckbox returns a check box, checked when value is true.
func NewCheckbox(description string, value bool) *Checkbox {
	c := &Checkbox{control("CheckboxModel", "CheckboxView", describe(description, map[string]any{
		"value": value, "indent": true}))}
	c.valueKey, c.value = "value", func() any { return c.Value() }
	c.text = func() string { return fmt.Sprintf("Checkbox(%q, value=%t)", description, c.Value()) }
	return c
}

// Value reports whether the box is checked.
func (c *Checkbox) Value() bool { b, _ := c.get("value").(bool); return b }

// SetValue checks or unchecks the box.
func (c *Checkbox) SetValue(v bool) { c.set(map[string]any{"value": v}) }

// OnChange calls f with the new value after each change.
func (c *Checkbox) OnChange(f func(v bool)) { c.observe("value", func() { f(c.Value()) }) }

// Button is a push button.
type Button struct{ *model }

// NewButton returns a button labelled description.
func NewButton(description string) *Button {
	b := &Button{control("ButtonModel", "ButtonView", map[string]any{"description": description,
		"disabled": false, "button_style": "", "icon": "", "tooltip": nil, "_dom_classes": []any{}, "tabbable": nil})}
	b.text = func() string { return fmt.Sprintf("Button(%q)", description) }
	return b
}

// OnClick calls f each time the button is clicked.
func (b *Button) OnClick(f func()) {
	b.onCustom(func(c map[string]any) {
		if c["event"] == "click" {
			f()
		}
	})
}

// SetStyle sets the button's predefined style: "primary", "success", "info", "warning",
// "danger" or ""; it returns b.
func (b *Button) SetStyle(style string) *Button {
	b.set(map[string]any{"button_style": style})
	return b
}

// SetDisabled greys the button out (or enables it again); it returns b.
func (b *Button) SetDisabled(on bool) *Button { b.set(map[string]any{"disabled": on}); return b }

// Label shows a line of text.
type Label struct{ *model }

// NewLabel returns a label showing text.
func NewLabel(text string) *Label {
	l := &Label{control("LabelModel", "LabelView", describe("", map[string]any{"value": text, "placeholder": "\u200b"}))}
	l.text = func() string { return l.Value() }
	return l
}

// Value returns the label's text.
func (l *Label) Value() string { s, _ := l.get("value").(string); return s }

// SetValue replaces the label's text.
func (l *Label) SetValue(text string) { l.set(map[string]any{"value": text}) }

// HTML shows an HTML fragment.
type HTML struct{ *model }

// NewHTML returns a widget showing the HTML fragment html.
func NewHTML(html string) *HTML {
	h := &HTML{control("HTMLModel", "HTMLView", describe("", map[string]any{"value": html, "placeholder": "\u200b"}))}
	h.text = func() string { return h.Value() }
	return h
}

// Value returns the HTML shown.
func (h *HTML) Value() string { s, _ := h.get("value").(string); return s }

// SetValue replaces the HTML shown.
func (h *HTML) SetValue(html string) { h.set(map[string]any{"value": html}) }

// FloatProgress is a progress bar.
type FloatProgress struct{ *model }

// NewFloatProgress returns a bar from min to max at value.
func NewFloatProgress(description string, min, max, value float64) *FloatProgress {
	p := &FloatProgress{control("FloatProgressModel", "ProgressView", describe(description, map[string]any{
		"value": value, "min": min, "max": max, "bar_style": "", "orientation": "horizontal"}))}
	p.valueKey, p.value = "value", func() any { return p.Value() }
	p.text = func() string {
		return "FloatProgress(" + strconv.Quote(description) + ", value=" + strconv.FormatFloat(p.Value(), 'g', -1, 64) + ")"
	}
	return p
}

// Value returns the bar's value.
func (p *FloatProgress) Value() float64 { return num(p.get("value")) }

// SetValue sets the bar's value.
func (p *FloatProgress) SetValue(v float64) { p.set(map[string]any{"value": v}) }

// SetStyle sets the bar's style: "success", "info", "warning", "danger" or ""; it
// returns p.
func (p *FloatProgress) SetStyle(style string) *FloatProgress {
	p.set(map[string]any{"bar_style": style})
	return p
}
