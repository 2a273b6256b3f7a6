//go:build linux

package jupyterlab

import (
	"strings"
	"testing"
	"time"
)

// widgetsReport is what widgets.mjs prints.
type widgetsReport struct {
	Before, After, Reloaded struct {
		Readout     string `json:"readout"`
		SliderWidth int    `json:"sliderWidth"`
		Sliders     int    `json:"sliders"`
		Text        string `json:"text"`
		Images      []struct {
			Natural int `json:"natural"`
			Width   int `json:"width"`
		} `json:"images"`
		Outputs int `json:"outputs"`
	}
	BeforeShot     string `json:"beforeShot"`
	AfterShot      string `json:"afterShot"`
	GoValue        string `json:"goValue"`
	ProgressWidget bool   `json:"progressWidget"`
	ProgressHTML   string `json:"progressHTML"`
	ProgressFinal  struct {
		Mimes []string `json:"mimes"`
		Shown []string `json:"shown"`
		Text  string   `json:"text"`
	} `json:"progressFinal"`
	Gallery struct {
		Widgets  int      `json:"widgets"`
		Errors   []string `json:"errors"`
		Readouts []string `json:"readouts"`
		Inputs   []string `json:"inputs"`
	} `json:"gallery"`
	Stop struct {
		Text  string `json:"text"`
		Label string `json:"label"`
	} `json:"stop"`
	Console []consoleEntry `json:"console"`
}

// TestWidgetsInJupyterLab runs ipywidgets 8 on the Sluice kernel in JupyterLab 4: an
// Interact over an IntSlider draws a bar chart in an output widget; playwright moves the
// slider with the keyboard from 3 to 7, and the chart is re-drawn with 7 bars and the Go
// variable the slider's OnChange callback sets reads 7. A display progress bar is drawn
// as a widget while its loop runs and leaves plain HTML when done. The browser reports
// nothing outside allowlist.txt. Screenshots are kept under artifacts/.
func TestWidgetsInJupyterLab(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the JupyterLab widgets test in -short mode")
	}
	srv, _ := serveNotebook(t, "widgets.ipynb", []string{
		"import (\n\t\"fmt\"\n\t\"time\"\n\n\t\"github.com/sluice-dev/sluice/display\"\n\t\"github.com/sluice-dev/sluice/widgets\"\n)",
		"n := widgets.NewIntSlider(\"bars\", 1, 10, 3)\nn.SetLayout(map[string]string{\"width\": \"500px\"})\nlast := n.Value()\nn.OnChange(func(v int) { last = v })\n" +
			"widgets.Interact(func(k int) any {\n\tfmt.Printf(\"drawn with %d bars\\n\", k)\n" +
			"\tlabels, values := make([]string, k), make([]float64, k)\n" +
			"\tfor i := range labels {\n\t\tlabels[i] = fmt.Sprintf(\"c%d\", i+1)\n\t\tvalues[i] = float64((i + 1) * (i + 1))\n\t}\n" +
			"\treturn display.BarChart(labels, values, display.ChartOptions{Title: fmt.Sprintf(\"%d bars\", k)})\n}, n)",
		"fmt.Sprintf(\"last = %d\", last)",
		"p := display.NewProgress(\"work\", 40)\nfor i := 0; i < 40; i++ {\n\ttime.Sleep(50 * time.Millisecond)\n\tp.Add(1)\n}\np.Done()",
		// Every kind of widget the package makes, for the gallery check.
		"a, b := widgets.NewFloatSlider(\"a\", 0, 1, 0.25), widgets.NewFloatSlider(\"b (linked)\", 0, 1, 0.75)\n" +
			"widgets.NewLink(a, b)\n" +
			"widgets.NewVBox(\n" +
			"\twidgets.NewHBox(a, b),\n" +
			"\twidgets.NewHBox(widgets.NewText(\"name\", \"Ada\"), widgets.NewCheckbox(\"check\", true), widgets.NewButton(\"Run\").SetStyle(\"primary\")),\n" +
			"\twidgets.NewHBox(widgets.NewDropdown(\"color\", []string{\"red\", \"green\"}, \"green\"), widgets.NewDatePicker(\"day\", time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC))),\n" +
			"\twidgets.NewHBox(widgets.NewRadioButtons(\"size\", []string{\"S\", \"M\", \"L\"}, \"M\"), widgets.NewTextarea(\"notes\", \"two\\nlines\", 3), widgets.NewToggleButton(\"on\", true)),\n" +
			"\twidgets.NewHBox(widgets.NewIntText(\"n\", 7), widgets.NewFloatText(\"x\", 2.5), widgets.NewFloatProgress(\"done\", 0, 1, 0.6).SetStyle(\"success\")),\n" +
			"\twidgets.NewTab([]string{\"one\", \"two\"}, widgets.NewLabel(\"first tab\"), widgets.NewHTML(\"<b>second</b> tab\")),\n" +
			")",
		// A running cell reads a check box the user ticks; a button's callback runs after it.
		"stop := widgets.NewCheckbox(\"stop\", false)\nclicks := widgets.NewLabel(\"not clicked\")\n" +
			"btn := widgets.NewButton(\"click me\")\nbtn.OnClick(func() { clicks.SetValue(\"clicked\") })\n" +
			"display.Show(widgets.NewHBox(stop, btn, clicks))\nstart := time.Now()\n" +
			"for !stop.Value() && time.Since(start) < time.Minute {\n\ttime.Sleep(20 * time.Millisecond)\n}\n" +
			"fmt.Println(\"loop ended, stop =\", stop.Value())",
	})
	var r widgetsReport
	runDriver(t, srv, 10*time.Minute, &r, "widgets.mjs", srv.base, srv.token, artifactsDir(t), "widgets.ipynb")
	t.Logf("screenshots: %s, %s", r.BeforeShot, r.AfterShot)
	t.Logf("before: %+v", r.Before)
	t.Logf("after: %+v", r.After)

	if r.Before.Sliders != 1 || r.Before.Readout != "3" {
		t.Errorf("the Interact shows %d sliders reading %q, want one reading 3", r.Before.Sliders, r.Before.Readout)
	}
	if r.Before.SliderWidth < 490 || r.Before.SliderWidth > 510 {
		t.Errorf("the slider with layout width 500px is %d px wide", r.Before.SliderWidth)
	}
	t.Logf("after a reload: %+v", r.Reloaded)
	if r.Reloaded.Readout != "7" || !strings.Contains(r.Reloaded.Text, "drawn with 7 bars") || len(r.Reloaded.Images) != 1 {
		t.Errorf("after saving and reloading the page the Interact shows %+v, want the slider at 7 and its chart (restored from the kernel's update_states)", r.Reloaded)
	}
	for _, s := range []struct {
		when, text string
		facts      []struct {
			Natural int `json:"natural"`
			Width   int `json:"width"`
		}
	}{{"before", r.Before.Text, r.Before.Images}, {"after", r.After.Text, r.After.Images}} {
		if len(s.facts) != 1 || s.facts[0].Natural == 0 || s.facts[0].Width < 100 {
			t.Errorf("%s moving the slider the output widget shows images %+v, want one visible chart", s.when, s.facts)
		}
	}
	if !strings.Contains(r.Before.Text, "drawn with 3 bars") {
		t.Errorf("before moving the slider the output widget reads %q", r.Before.Text)
	}
	if r.After.Readout != "7" || !strings.Contains(r.After.Text, "drawn with 7 bars") || strings.Contains(r.After.Text, "drawn with 3 bars") {
		t.Errorf("after four steps right the slider reads %q and the output widget %q, want 7 and only the re-drawn chart",
			r.After.Readout, r.After.Text)
	}
	if r.GoValue != "last = 7" {
		t.Errorf("the Go variable set by OnChange shows %q, want last = 7", r.GoValue)
	}
	if !r.ProgressWidget {
		t.Errorf("display.NewProgress was not drawn as a widget while it ran; its output held:\n%s", r.ProgressHTML)
	}
	if f := r.ProgressFinal; len(f.Mimes) != 1 || f.Mimes[0] != "text/html,text/plain" || !strings.Contains(f.Text, "done") {
		t.Errorf("the finished progress bar left outputs %q shown as %q (%q), want one plain HTML output reading done", f.Mimes, f.Shown, f.Text)
	}
	t.Logf("gallery: %+v", r.Gallery)
	if r.Gallery.Widgets < 20 || len(r.Gallery.Errors) > 0 {
		t.Errorf("the gallery cell shows %d widget views, errors %q", r.Gallery.Widgets, r.Gallery.Errors)
	}
	for _, want := range []string{"0.25", "Ada", "7", "2.5"} {
		if !has(r.Gallery.Readouts, want) && !has(r.Gallery.Inputs, want) {
			t.Errorf("the gallery shows no %q (readouts %q, inputs %q)", want, r.Gallery.Readouts, r.Gallery.Inputs)
		}
	}
	if !strings.Contains(r.Stop.Text, "loop ended, stop = true") {
		t.Errorf("a cell looping until the check box is ticked shows %q after the click, want it to have seen the tick", r.Stop.Text)
	}
	if r.Stop.Label != "clicked" {
		t.Errorf("after clicking the button its callback's label reads %q", r.Stop.Label)
	}
	checkConsole(t, r.Console)
}
