package widgets

import (
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// Output is an output area: what Go prints or displays inside Capture shows there
// instead of under the cell (the front end routes the messages of the request being
// handled into it, as ipywidgets' Output does).
type Output struct{ *model }

// NewOutput returns an empty output area.
func NewOutput() *Output {
	o := &Output{newModel(outputModule, outputVersion, "OutputModel", "OutputView", map[string]any{
		"msg_id": "", "outputs": []any{}, "_dom_classes": []any{}, "tabbable": nil, "tooltip": nil})}
	o.noEcho = map[string]bool{"outputs": true, "msg_id": true}
	o.text = func() string { return "Output()" }
	return o
}

// Capture runs f with its output (printed text, display.Show, errors) shown in the output
// area. Outside a kernel f runs as usual.
func (o *Output) Capture(f func()) {
	id := comm.ParentID()
	if id == "" || o.comm == nil {
		f()
		return
	}
	o.set(map[string]any{"msg_id": id})
	defer o.set(map[string]any{"msg_id": ""})
	f()
}

// Clear empties the output area.
func (o *Output) Clear() {
	o.Capture(func() { _ = display.Clear(false) })
}

// Box lays out widgets in a row (NewHBox) or a column (NewVBox).
type Box struct {
	*model
	children []Widget
}

// NewHBox returns a row of children.
func NewHBox(children ...Widget) *Box { return newBox("HBoxModel", "HBoxView", children) }

// NewVBox returns a column of children.
func NewVBox(children ...Widget) *Box { return newBox("VBoxModel", "VBoxView", children) }

func newBox(modelName, viewName string, children []Widget) *Box {
	kids := append([]Widget{}, children...)
	b := &Box{model: control(modelName, viewName, map[string]any{"children": refs(kids), "box_style": "",
		"_dom_classes": []any{}, "tabbable": nil, "tooltip": nil}), children: kids}
	b.text = func() string {
		return strings.TrimSuffix(modelName, "Model") + fmt.Sprintf("(%d children)", len(b.Children()))
	}
	return b
}

func refs(ws []Widget) []any {
	out := make([]any, len(ws))
	for i, w := range ws {
		out[i] = ref(w)
	}
	return out
}

// Children returns the widgets in the box.
func (b *Box) Children() []Widget {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Widget{}, b.children...)
}

// SetChildren replaces the widgets in the box.
func (b *Box) SetChildren(children ...Widget) {
	kids := append([]Widget{}, children...)
	b.mu.Lock()
	b.children = kids
	b.mu.Unlock()
	b.set(map[string]any{"children": refs(kids)})
}

// Interactive is what Interact returns: the controls above the output of the function.
type Interactive struct {
	*Box
	out *Output
	run func()
}

// Output returns the output area the function's output shows in.
func (in *Interactive) Output() *Output { return in.out }

// Update runs the function again, as a change of a control does.
func (in *Interactive) Update() { in.run() }

// Interact shows controls above an output area and runs f once now and again after each
// change of a control, replacing what the output area shows with what f prints and
// displays, and with f's result when it returns one (unless nil). f takes either no
// arguments (it reads the controls itself) or one per control, of the control's value
// type in order (int for IntSlider and IntText; float64 for FloatSlider, FloatText and
// FloatProgress; string for Dropdown, RadioButtons, Text and Textarea; bool for Checkbox
// and ToggleButton; time.Time for DatePicker). A panic in f is
// shown in the output area. Make the result the cell's value (or pass it to
// display.Show) to show it.
func Interact(f any, controls ...Widget) *Interactive {
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		panic(fmt.Sprintf("widgets.Interact: the first argument must be a function, not %T", f))
	}
	ft := fv.Type()
	ms := make([]*model, len(controls))
	for i, c := range controls {
		m, err := modelOf(c)
		if err != nil {
			panic("widgets.Interact: " + err.Error())
		}
		if m.value == nil {
			panic(fmt.Sprintf("widgets.Interact: control %d (%s) has no value to watch", i+1, m.name))
		}
		ms[i] = m
	}
	if ft.IsVariadic() || (ft.NumIn() != 0 && ft.NumIn() != len(ms)) || ft.NumOut() > 1 {
		panic(fmt.Sprintf("widgets.Interact: the function (%s) must take no arguments or one per control (%d) and return at most one value", ft, len(ms)))
	}
	for i := 0; i < ft.NumIn(); i++ {
		vt := reflect.TypeOf(ms[i].value())
		if !vt.AssignableTo(ft.In(i)) {
			panic(fmt.Sprintf("widgets.Interact: argument %d of the function is %s, but control %d (%s) holds a %s", i+1, ft.In(i), i+1, ms[i].name, vt))
		}
	}
	out := NewOutput()
	in := &Interactive{Box: NewVBox(append(append([]Widget{}, controls...), out)...), out: out}
	in.text = func() string {
		names := make([]string, len(ms))
		for i, m := range ms {
			names[i] = m.String()
		}
		return "Interact(" + strings.Join(names, ", ") + ")"
	}
	first := true
	in.run = func() {
		out.Capture(func() {
			if !first {
				// Replace the last run's output when this one shows something. (Not on the
				// first run: a front end without widgets would clear the cell instead.)
				_ = display.Clear(true)
			}
			first = false
			defer func() {
				if p := recover(); p != nil {
					fmt.Fprintf(os.Stderr, "panic in the Interact function: %v\n", p)
				}
			}()
			args := make([]reflect.Value, ft.NumIn())
			for i := range args {
				args[i] = reflect.ValueOf(ms[i].value())
			}
			res := fv.Call(args)
			if len(res) == 1 && !(isNilable(res[0].Kind()) && res[0].IsNil()) {
				_ = display.Show(res[0].Interface())
			}
		})
	}
	for _, m := range ms {
		m.observe(m.valueKey, in.run)
	}
	in.run()
	return in
}

func isNilable(k reflect.Kind) bool {
	switch k {
	case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}

// Link keeps the values of two controls equal, in the front end (a jslink, which works
// even while a cell runs) and in Go, until it is closed (Close).
type Link struct{ *model }

// NewLink links the values of a and b, starting from a's. Both must be controls with a
// value of the same kind (two sliders, two text boxes…).
func NewLink(a, b Widget) *Link {
	ma, err := modelOf(a)
	if err == nil && ma.value == nil {
		err = fmt.Errorf("%s has no value", ma.name)
	}
	var mb *model
	if err == nil {
		mb, err = modelOf(b)
	}
	if err == nil && mb.value == nil {
		err = fmt.Errorf("%s has no value", mb.name)
	}
	if err != nil {
		panic("widgets.NewLink: " + err.Error())
	}
	l := &Link{control("LinkModel", "", map[string]any{
		"source": []any{ref(a), ma.valueKey}, "target": []any{ref(b), mb.valueKey}})}
	l.text = func() string { return "Link(" + ma.name + ", " + mb.name + ")" }
	mb.set(map[string]any{mb.valueKey: ma.get(ma.valueKey)})
	ma.observe(ma.valueKey, func() {
		if !l.isClosed() {
			mb.set(map[string]any{mb.valueKey: ma.get(ma.valueKey)})
		}
	})
	mb.observe(mb.valueKey, func() {
		if !l.isClosed() {
			ma.set(map[string]any{ma.valueKey: mb.get(mb.valueKey)})
		}
	})
	return l
}
