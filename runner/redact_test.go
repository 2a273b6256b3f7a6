package runner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A cell that prints a DSN and one that fails with a DSN in its error: the run's log, the
// error output kept in the executed notebook and the error the run returns show no password.
func TestRunRedactsPasswords(t *testing.T) {
	in := goNotebook(t, false,
		`fmt.Println("using postgres://u:Runn3rLog@h/db")`,
		`n, err := strconv.Atoi("postgres://u@h/db?sslmode=disable&password=Runn3rErr")`+"\n_ = n")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	opts := sluiceOpts(t, out)
	log := &lockedBuffer{}
	opts.Log, opts.LogOutput = log, true
	_, err := Run(context.Background(), in, opts)
	if err == nil {
		t.Fatal("the failing cell did not fail the run")
	}
	nb := readOut(t, out)
	var errOut strings.Builder
	for _, o := range cellByID(t, nb, "g1").Outputs {
		if o["output_type"] == "error" {
			errOut.WriteString(o["evalue"].(string))
			for _, l := range o["traceback"].([]any) {
				errOut.WriteString("\n" + l.(string))
			}
		}
	}
	for what, text := range map[string]string{"log": log.String(), "error output": errOut.String(), "returned error": err.Error()} {
		for _, pw := range []string{"Runn3rLog", "Runn3rErr"} {
			if strings.Contains(text, pw) {
				t.Errorf("the %s shows %s:\n%s", what, pw, text)
			}
		}
	}
	if !strings.Contains(errOut.String(), "password=xxxxx") || !strings.Contains(log.String(), "postgres://u:xxxxx@h/db") {
		t.Errorf("the redacted values are missing:\nerror output: %s\nlog: %s", errOut.String(), log.String())
	}
}
