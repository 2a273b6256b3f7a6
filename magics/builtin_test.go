package magics

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

func TestLsmagicAndHelp(t *testing.T) {
	env, _, _, _ := testEnv()
	txt := textOf(mustHandle(t, env, "%lsmagic"))
	for _, want := range []string{"%sql, %%sql", "%sqlplot", "%time, %%time", "%env", "%who", "%%writefile", "!command"} {
		if !strings.Contains(txt, want) {
			t.Errorf("%%lsmagic lacks %q:\n%s", want, txt)
		}
	}
	if h := textOf(mustHandle(t, env, "%help writefile")); !strings.Contains(h, "-a appends") {
		t.Errorf("%%help writefile = %q", h)
	}
	if h := textOf(mustHandle(t, env, "%cd?")); !strings.Contains(h, "%cd [DIR]") {
		t.Errorf("%%cd? = %q", h)
	}
}

func TestUnknownMagicSuggests(t *testing.T) {
	env, _, _, _ := testEnv()
	cases := map[string]string{
		"%lsmagc":        "did you mean %lsmagic?",
		"%%markdwn\n# x": "did you mean %%markdown?",
		"%%wat\nbody":    "%lsmagic lists",
		"%%cd /tmp":      "%%cd is not a cell magic; write %cd",
	}
	for code, want := range cases {
		_, _, err := Handle(context.Background(), env, code)
		var me *Error
		if !errors.As(err, &me) || !strings.Contains(me.Value, want) {
			t.Errorf("Handle(%q) error = %v, want it to contain %q", code, err, want)
		}
	}
}

func TestLineMagicCellMixesGo(t *testing.T) {
	env, s, out, _ := testEnv()
	s.Set("x", 41)
	res := mustHandle(t, env, "var y int\n%env SLUICE_TEST_MIX=1\nx")
	if res != 41 {
		t.Fatalf("result = %v, want 41 (the value of the last Go line)", res)
	}
	if got := strings.Join(s.evals, "|"); got != "var y int|x" {
		t.Fatalf("evaluated %q, want the Go lines in order", got)
	}
	if !strings.Contains(out.String(), "env: SLUICE_TEST_MIX=1") {
		t.Fatalf("stdout %q", out.String())
	}
	os.Unsetenv("SLUICE_TEST_MIX")
	// A Go error stops the cell before later lines run.
	s.evals = nil
	_, _, err := Handle(context.Background(), env, "nosuchvar\n%env SLUICE_TEST_MIX=2")
	if err == nil || os.Getenv("SLUICE_TEST_MIX") != "" {
		t.Fatalf("err = %v; later magic ran: %q", err, os.Getenv("SLUICE_TEST_MIX"))
	}
}

func TestTime(t *testing.T) {
	env, s, out, _ := testEnv()
	s.Set("answer", 42)
	if res := mustHandle(t, env, "%time answer"); res != 42 {
		t.Fatalf("%%time answer = %v", res)
	}
	if !strings.Contains(out.String(), "Wall time: ") {
		t.Fatalf("no wall time in %q", out.String())
	}
	t.Setenv("SLUICE_TIME_T", "v")
	if res := mustHandle(t, env, "%%time\n%env SLUICE_TIME_T"); textOf(res) != "v" {
		t.Fatalf("%%%%time over a magic = %v", res)
	}
}

func TestEnvRedactsSecrets(t *testing.T) {
	env, _, _, _ := testEnv()
	t.Setenv("SLUICE_TEST_DSN", "postgres://ann:s3cret@db.example:5432/x")
	t.Setenv("SLUICE_TEST_TOKEN", "abc123")
	t.Setenv("SLUICE_TEST_KV", "host=h user=u password='p w' dbname=d")
	res := mustHandle(t, env, "%env")
	tab, ok := res.(*table.Table)
	if !ok {
		t.Fatalf("%%env returned %T", res)
	}
	vals := tab.Strings("value")
	all := strings.Join(vals, "\n")
	for _, secret := range []string{"s3cret", "abc123", "p w"} {
		if strings.Contains(all, secret) {
			t.Errorf("%%env shows secret %q", secret)
		}
	}
	if !strings.Contains(all, "postgres://ann:xxxxx@db.example:5432/x") {
		t.Errorf("redacted DSN missing from %%env")
	}
	if got := textOf(mustHandle(t, env, "%env SLUICE_TEST_DSN")); got != "postgres://ann:xxxxx@db.example:5432/x" {
		t.Errorf("%%env NAME = %q", got)
	}
	mustHandle(t, env, "%env SLUICE_TEST_SET=hello world")
	if os.Getenv("SLUICE_TEST_SET") != "hello world" {
		t.Errorf("%%env NAME=value did not set")
	}
	os.Unsetenv("SLUICE_TEST_SET")
	// The space form keeps an '=' inside the value.
	mustHandle(t, env, "%env SLUICE_TEST_SET postgres://h/db?sslmode=disable")
	if got := os.Getenv("SLUICE_TEST_SET"); got != "postgres://h/db?sslmode=disable" {
		t.Errorf("%%env NAME value with '=' in the value set %q", got)
	}
	os.Unsetenv("SLUICE_TEST_SET")
	if _, _, err := Handle(context.Background(), env, "%env SLUICE_NOT_SET_ANYWHERE"); err == nil {
		t.Error("unset variable must fail")
	}
}

func TestWhoAndReset(t *testing.T) {
	env, s, out, _ := testEnv()
	if got := textOf(mustHandle(t, env, "%who")); got != "No variables defined." {
		t.Fatalf("empty %%who = %q", got)
	}
	s.Set("n", 3)
	s.Set("tab", table.New())
	tab := mustHandle(t, env, "%who").(*table.Table)
	names := tab.Strings("name")
	types := tab.Strings("type")
	if strings.Join(names, ",") != "n,tab" || strings.Join(types, ",") != "int,*table.Table" {
		t.Fatalf("%%who = %v %v", names, types)
	}
	tab = mustHandle(t, env, "%who *Table").(*table.Table)
	if names := tab.Strings("name"); strings.Join(names, ",") != "tab" {
		t.Fatalf("%%who *Table = %v", names)
	}
	mustHandle(t, env, "%reset")
	if len(s.Vars()) != 0 || !strings.Contains(out.String(), "2 variable(s) forgotten") {
		t.Fatalf("reset left %v; out %q", s.Vars(), out.String())
	}
}

func TestHTMLMarkdown(t *testing.T) {
	env, _, _, _ := testEnv()
	b := display.Render(mustHandle(t, env, "%%html\n<b>hi</b>"))
	if b.Data["text/html"] != "<b>hi</b>" {
		t.Fatalf("html bundle %v", b.Data)
	}
	b = display.Render(mustHandle(t, env, "%%markdown\n# Title"))
	if b.Data["text/markdown"] != "# Title" {
		t.Fatalf("markdown bundle %v", b.Data)
	}
}

func TestWritefileAndCd(t *testing.T) {
	env, _, out, _ := testEnv()
	dir := t.TempDir()
	p := filepath.Join(dir, "a b.txt")
	mustHandle(t, env, "%%writefile '"+p+"'\nline 1")
	mustHandle(t, env, "%%writefile -a '"+p+"'\nline 2\n")
	data, err := os.ReadFile(p)
	if err != nil || string(data) != "line 1\nline 2\n" {
		t.Fatalf("file = %q, %v", data, err)
	}
	if !strings.Contains(out.String(), "Writing "+p) || !strings.Contains(out.String(), "Appending to "+p) {
		t.Fatalf("stdout %q", out.String())
	}
	if _, _, err := Handle(context.Background(), env, "%%writefile "+filepath.Join(dir, "no/such/dir/f")+"\nx"); err == nil {
		t.Fatal("writing into a missing directory must fail")
	}

	old, _ := os.Getwd()
	defer os.Chdir(old)
	mustHandle(t, env, "%cd "+dir)
	if wd, _ := os.Getwd(); wd != dir {
		t.Fatalf("cwd = %s, want %s", wd, dir)
	}
	mustHandle(t, env, "%cd -")
	if wd, _ := os.Getwd(); wd != old {
		t.Fatalf("cd - went to %s, want %s", wd, old)
	}
	if _, _, err := Handle(context.Background(), env, "%cd "+filepath.Join(dir, "missing")); err == nil {
		t.Fatal("cd into a missing directory must fail")
	}
}

// lineRecorder records each Write call separately, to check line-by-line streaming.
type lineRecorder struct {
	syncBuffer
	writes chan string
}

func (l *lineRecorder) Write(p []byte) (int, error) {
	l.writes <- string(p)
	return l.syncBuffer.Write(p)
}

func TestShellStreamsLines(t *testing.T) {
	env, _, _, errb := testEnv()
	rec := &lineRecorder{writes: make(chan string, 16)}
	env.Stdout = rec
	done := make(chan error, 1)
	go func() {
		_, _, err := Handle(context.Background(), env, "%%sh\necho one\necho oops >&2\nread -t 5 x < /dev/null; sleep 0.3; echo two")
		done <- err
	}()
	select {
	case w := <-rec.writes:
		if w != "one\n" {
			t.Fatalf("first write %q, want the first line alone", w)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first line was not streamed before the script ended")
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if rec.String() != "one\ntwo\n" || errb.String() != "oops\n" {
		t.Fatalf("stdout %q stderr %q", rec.String(), errb.String())
	}
	_, _, err := Handle(context.Background(), env, "!exit 3")
	var me *Error
	if !errors.As(err, &me) || !strings.Contains(me.Value, "status 3") {
		t.Fatalf("exit 3: %v", err)
	}
}

func TestShellInterruptKillsGroup(t *testing.T) {
	env, _, _, _ := testEnv()
	ctx, cancel := context.WithCancel(context.Background())
	pidFile := filepath.Join(t.TempDir(), "pid")
	go func() {
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(pidFile); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	_, _, err := Handle(ctx, env, "%%sh\n(trap '' INT; sleep 30) &\necho $! > "+pidFile+"\nwait")
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("err = %v", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("interrupt took %v", el)
	}
	data, _ := os.ReadFile(pidFile)
	pid := strings.TrimSpace(string(data))
	time.Sleep(100 * time.Millisecond)
	if _, err := os.Stat("/proc/" + pid); err == nil {
		st, _ := os.ReadFile("/proc/" + pid + "/stat")
		if !strings.Contains(string(st), ") Z ") {
			t.Fatalf("background child %s survived the interrupt: %s", pid, st)
		}
	}
}

// An earlier line magic's table is shown as the kernel shows a cell's table value: the
// same text as before and the HTML table beside it.
func TestEarlierLineResultRendersLikeACellValue(t *testing.T) {
	env, s, _, _ := testEnv()
	s.Set("region", "emea")
	var shown []display.Bundle
	env.Display = func(b display.Bundle) error { shown = append(shown, b); return nil }
	last := mustHandle(t, env, "%who\n%who string")
	tb, ok := last.(*table.Table)
	if !ok || len(shown) != 1 {
		t.Fatalf("last = %T, %d bundles shown", last, len(shown))
	}
	want := display.Render(tb)
	if shown[0].Data[display.MIMEText] != tb.String() || shown[0].Data[display.MIMEHTML] != want.Data[display.MIMEHTML] {
		t.Errorf("the first %%who showed %v, want %v", shown[0].Data, want.Data)
	}
	if !strings.Contains(shown[0].Data[display.MIMEHTML].(string), "emea") {
		t.Errorf("HTML table lacks the value: %v", shown[0].Data[display.MIMEHTML])
	}
}
