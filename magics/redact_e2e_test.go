package magics_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

// redactSecrets are the pieces of the passwords below that no output may hold.
var redactSecrets = []string{"Hunter2Pw", "Sl4sh", "Mid", "Tail9", "Sp4ce", "PgEnvS3cret", "Wh0Url", "ab@"}

// TestRedactionThroughEngine runs %env, %who and %sql --connect through the real engine
// with DSNs in the forms that used to leak, and checks every output the notebook would
// keep (text, HTML, stdout, the error) for the passwords and their tails.
func TestRedactionThroughEngine(t *testing.T) {
	t.Setenv("PGPASSWORD", "PgEnvS3cret")
	t.Setenv("SLUICE_T_QUERY_DSN", "postgres://u@h/db?password=Hunter2Pw")
	t.Setenv("SLUICE_T_JDBC", "jdbc:postgresql://h/db?user=u&sslmode=disable&password=Hunter2Pw")
	t.Setenv("SLUICE_T_KV", `host=h password='Sp4ce \'q\' Tail9' user=u`)
	t.Setenv("SLUICE_T_SLASH", "postgres://u:Sl4sh/Mid@Tail9@h/db")
	t.Setenv("SLUICE_T_BADKV", "host=127.0.0.1 port=notaport password='Sl4sh/Mid@Tail9'")
	t.Setenv("SLUICE_T_NOTE", "the password is PgEnvS3cret")
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var seen []string
	run := func(code string) error {
		t.Helper()
		out, errb := &strings.Builder{}, &strings.Builder{}
		res, err := e.Execute(context.Background(), code, &kernel.CellIO{Stdout: out, Stderr: errb})
		all := code + "\n" + out.String() + errb.String()
		if res != nil {
			for mime, v := range display.Render(res).Data {
				all += fmt.Sprintf("\n%s: %v", mime, v)
			}
		}
		if err != nil {
			all += "\nerror: " + err.Error()
		}
		for _, s := range redactSecrets {
			if strings.Contains(all[len(code):], s) {
				t.Errorf("cell %q shows %q:\n%s", code, s, all[len(code):])
			}
		}
		seen = append(seen, all[len(code):])
		return err
	}
	mustRun := func(code string) {
		t.Helper()
		if err := run(code); err != nil {
			t.Fatalf("cell %q: %v", code, err)
		}
	}
	mustRun("%env")
	for _, name := range []string{"SLUICE_T_QUERY_DSN", "SLUICE_T_JDBC", "SLUICE_T_KV", "SLUICE_T_SLASH", "SLUICE_T_NOTE", "PGPASSWORD"} {
		mustRun("%env " + name)
	}
	mustRun("%env SLUICE_T_SET=postgres://u:Sl4sh/Mid@Tail9@h/db?password=Hunter2Pw")
	if got := os.Getenv("SLUICE_T_SET"); got != "postgres://u:Sl4sh/Mid@Tail9@h/db?password=Hunter2Pw" {
		t.Errorf("%%env set %q", got)
	}
	os.Unsetenv("SLUICE_T_SET")
	mustRun(`dsn := "postgres://u@h/db?password=Hunter2Pw"` + "\n" +
		`jdbc := "jdbc:postgresql://h/db?user=u&password=Hunter2Pw"` + "\n" +
		`kv := "host=h password='Sp4ce \\'x\\' Tail9'"` + "\n" +
		`url := "postgres://u:Wh0Url@h/db"` + "\n" +
		`note := "PGPASSWORD is PgEnvS3cret"`)
	mustRun("%who")
	mustRun("%who string")
	for _, dsn := range []string{
		"postgres://u:Sl4sh/Mid@Tail9@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u:Sl4sh/Tail9@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u:Mid@Sl4sh/Tail9:x@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u:Sl4sh:Mid@Tail9@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u@127.0.0.1:1/db?connect_timeout=2&password=Sl4sh/Mid@Tail9",
		"postgres://u:Mid:Sl4sh@ab@127.0.0.1:1/db?connect_timeout=2",
		"$SLUICE_T_BADKV",
	} {
		if err := run("%sql --connect " + dsn); err == nil {
			t.Errorf("%%sql --connect %s succeeded", dsn)
		}
	}
	// The checks above can fail: the values did reach the outputs, redacted.
	joined := strings.Join(seen, "\n")
	for _, want := range []string{"password=xxxxx", "postgres://u:xxxxx@", "SLUICE_T_NOTE", "text/html", "sslmode=disable&amp;password=xxxxx", "%2F", "%40"} {
		if !strings.Contains(joined, want) {
			t.Errorf("outputs lack %q:\n%s", want, joined)
		}
	}
}
