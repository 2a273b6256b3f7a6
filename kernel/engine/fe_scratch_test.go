package engine

import (
	"log/slog"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	e, _ := New(Options{Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	for _, c := range []string{
		"import \"github.com/sluice-dev/sluice/display\"\ndisplay.BarChart([]string{\"a\", \"b\"}, []float64{1, 2}, display.ChartOptions{Title: \"t\"})",
		"type Badge struct{ Name string }\nfunc (b Badge) HTML() string { return \"<b>\" + b.Name + \"</b>\" }",
		"h := display.NewHandle()\nh.Show(Badge{\"one\"})",
	} {
		o := run(t, e, c)
		t.Logf("%s\n=> res=%v err=%v\nout=%q errout=%q", c, o.res, o.err, o.stdout, o.stderr)
	}
}
