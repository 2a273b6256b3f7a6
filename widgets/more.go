package widgets

import (
	"fmt"
	"math"
	"strings"
)

// RadioButtons chooses one of a list of strings, all shown at once. It has the methods
// of Dropdown.
type RadioButtons struct{ *Dropdown }

// NewRadioButtons returns radio buttons over options with value selected (the first
// option when value is not among them), stacked vertically.
func NewRadioButtons(description string, options []string, value string) *RadioButtons {
	return &RadioButtons{newChoice("RadioButtons", description, options, value, map[string]any{"orientation": "vertical"})}
}

// Textarea is a text box of several lines.
type Textarea struct{ *Text }

// NewTextarea returns a text area holding value, rows lines high (0: the front end's
// default). It has the methods of Text.
func NewTextarea(description, value string, rows int) *Textarea {
	var r any
	if rows > 0 {
		r = rows
	}
	t := &Text{control("TextareaModel", "TextareaView", describe(description, map[string]any{
		"value": value, "placeholder": "\u200b", "continuous_update": true, "rows": r}))}
	t.valueKey, t.value = "value", func() any { return t.Value() }
	t.text = func() string { return fmt.Sprintf("Textarea(%q, %d characters)", description, len(t.Value())) }
	return &Textarea{t}
}

// IntText is a box for an integer.
type IntText struct{ *model }

// NewIntText returns a box holding value.
func NewIntText(description string, value int) *IntText {
	w := &IntText{control("IntTextModel", "IntTextView", describe(description, map[string]any{
		"value": value, "step": 1, "continuous_update": false}))}
	w.valueKey, w.value = "value", func() any { return w.Value() }
	w.text = func() string { return fmt.Sprintf("IntText(%q, value=%d)", description, w.Value()) }
	return w
}

// Value returns the number in the box.
func (w *IntText) Value() int { return int(math.Round(num(w.get("value")))) }

// SetValue puts v in the box.
func (w *IntText) SetValue(v int) { w.set(map[string]any{"value": v}) }

// OnChange calls f with the new value after each change.
func (w *IntText) OnChange(f func(v int)) { w.observe("value", func() { f(w.Value()) }) }

// FloatText is a box for a number.
type FloatText struct{ *model }

// NewFloatText returns a box holding value.
func NewFloatText(description string, value float64) *FloatText {
	w := &FloatText{control("FloatTextModel", "FloatTextView", describe(description, map[string]any{
		"value": value, "step": nil, "continuous_update": false}))}
	w.valueKey, w.value = "value", func() any { return w.Value() }
	w.text = func() string { return fmt.Sprintf("FloatText(%q, value=%g)", description, w.Value()) }
	return w
}

// Value returns the number in the box.
func (w *FloatText) Value() float64 { return num(w.get("value")) }

// SetValue puts v in the box.
func (w *FloatText) SetValue(v float64) { w.set(map[string]any{"value": v}) }

// OnChange calls f with the new value after each change.
func (w *FloatText) OnChange(f func(v float64)) { w.observe("value", func() { f(w.Value()) }) }

// ToggleButton is a button that stays pressed (true) until pressed again.
type ToggleButton struct{ *Checkbox }

// NewToggleButton returns a toggle button, pressed when value is true. It has the methods
// of Checkbox.
func NewToggleButton(description string, value bool) *ToggleButton {
	c := &Checkbox{control("ToggleButtonModel", "ToggleButtonView", describe(description, map[string]any{
		"value": value, "button_style": "", "icon": ""}))}
	c.valueKey, c.value = "value", func() any { return c.Value() }
	c.text = func() string { return fmt.Sprintf("ToggleButton(%q, value=%t)", description, c.Value()) }
	return &ToggleButton{c}
}

// Tab shows one of its children at a time, under a row of titled tabs.
type Tab struct{ *Box }

// NewTab returns tabs titled titles over children (missing titles are empty).
func NewTab(titles []string, children ...Widget) *Tab {
	kids := append([]Widget{}, children...)
	ts := make([]any, len(kids))
	for i := range ts {
		ts[i] = ""
		if i < len(titles) {
			ts[i] = titles[i]
		}
	}
	var selected any
	if len(kids) > 0 {
		selected = 0
	}
	b := &Box{model: control("TabModel", "TabView", map[string]any{"children": refs(kids), "titles": ts,
		"selected_index": selected, "box_style": "", "_dom_classes": []any{}, "tabbable": nil, "tooltip": nil}), children: kids}
	b.text = func() string {
		names := make([]string, len(ts))
		for i, t := range ts {
			names[i] = fmt.Sprint(t)
		}
		return "Tab(" + strings.Join(names, ", ") + ")"
	}
	return &Tab{b}
}

// Selected returns the index of the tab shown, or -1.
func (t *Tab) Selected() int {
	v := t.get("selected_index")
	if v == nil {
		return -1
	}
	return int(num(v))
}

// Select shows tab i.
func (t *Tab) Select(i int) { t.set(map[string]any{"selected_index": i}) }
