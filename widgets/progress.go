package widgets

import (
	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// display's progress bars are drawn as widgets (a bar and its state line) where a front
// end with an ipywidgets 8 widget manager is connected.
func init() { display.SetLiveBars(newLiveBar) }

// liveBar is a display.LiveBar: a FloatProgress and a Label in a row.
type liveBar struct {
	bar   *FloatProgress
	label *Label
	box   *Box
}

func newLiveBar(title string) display.LiveBar {
	if !FrontEnd() || comm.ParentID() == "" {
		return nil
	}
	l := &liveBar{bar: NewFloatProgress("", 0, 1, 0), label: NewLabel(title)}
	l.box = NewHBox(l.bar, l.label)
	return l
}

func (l *liveBar) View() (string, any) {
	return MIMEWidgetView, l.box.Bundle().Data[MIMEWidgetView]
}

func (l *liveBar) Update(frac float64, line string) {
	if frac < 0 {
		l.bar.set(map[string]any{"value": 1.0, "bar_style": "info"})
	} else {
		l.bar.set(map[string]any{"value": frac})
	}
	l.label.SetValue(line)
}

func (l *liveBar) Close() {
	l.box.close()
	l.label.close()
	l.bar.close()
}
