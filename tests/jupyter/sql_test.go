package jupyter

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

type cellMessages struct {
	IOPub []struct {
		Type    string         `json:"type"`
		Content map[string]any `json:"content"`
	} `json:"iopub"`
	Reply map[string]any `json:"reply"`
}

func (c cellMessages) types() []string {
	var ts []string
	for _, m := range c.IOPub {
		ts = append(ts, m.Type)
	}
	return ts
}

func (c cellMessages) first(typ string) map[string]any {
	for _, m := range c.IOPub {
		if m.Type == typ {
			return m.Content
		}
	}
	return nil
}

// runCells executes cells on the installed kernel through jupyter_client.
func runCells(t *testing.T, env []string, cells []map[string]any) []cellMessages {
	t.Helper()
	spec, _ := json.Marshal(cells)
	out := runScript(t, env, "sql_check.py", kernelName, string(spec))
	var res []cellMessages
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return res
}

// runScript runs one of this folder's jupyter_client scripts with the installed
// kernel's environment and returns its standard output; a failing script fails the
// test with its standard error.
func runScript(t *testing.T, env []string, script string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(testenv.Python(t, "jupyter_client"), append([]string{script}, args...)...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s: %v\n%s", script, err, msg)
	}
	return out
}

// TestSQLCellMessages checks what a front end receives for %%sql cells on the kernel:
// a result table as execute_result (HTML and text), an SQL error as one error message and
// an error reply carrying the SQLSTATE and caret, and an interrupted query cancelled within
// a second — on the sandbox the kernel starts itself and on PostgreSQL.
func TestSQLCellMessages(t *testing.T) {
	for _, backend := range []string{"sandbox", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			env := installed(t)
			sleep := "select pg_sleep(30)"
			if backend == "postgres" {
				env = append(env, "SLUICE_DSN="+testenv.PostgresDSN(t))
			} else {
				home := ""
				for _, e := range env {
					if strings.HasPrefix(e, "SLUICE_HOME=") {
						home = strings.TrimPrefix(e, "SLUICE_HOME=")
					}
				}
				bin := testenv.SluiceBinary(t)
				env = append(env, "SLUICE_BIN="+bin)
				t.Cleanup(func() {
					stop := exec.Command(bin, "sandbox", "stop")
					stop.Env = append(env, "SLUICE_HOME="+home)
					_ = stop.Run()
				})
			}
			res := runCells(t, env, []map[string]any{
				{"code": "%%sql\nselect 1 as n, 'a<b' as s"},
				{"code": "%%sql\nselect * from no_such_table"},
				{"code": "%%sql\n" + sleep, "interrupt_after": 1.0},
				{"code": "%%sql\nselect 2 as n"},
			})
			ok := res[0]
			if ok.Reply["status"] != "ok" {
				t.Fatalf("select: reply %v, messages %v", ok.Reply, ok.types())
			}
			result := ok.first("execute_result")
			if result == nil {
				t.Fatalf("select: no execute_result in %v", ok.types())
			}
			data := result["data"].(map[string]any)
			html, _ := data["text/html"].(string)
			text, _ := data["text/plain"].(string)
			if !strings.Contains(html, "<table") || !strings.Contains(html, "a&lt;b") || strings.Contains(html, "a<b") || !strings.Contains(text, "a<b") {
				t.Fatalf("select: table bundle html=%q text=%q", html, text)
			}
			if got := ok.types(); got[0] != "status" || got[1] != "execute_input" || got[len(got)-1] != "status" {
				t.Fatalf("select: message order %v", got)
			}

			bad := res[1]
			errs := 0
			for _, m := range bad.IOPub {
				if m.Type == "error" {
					errs++
				}
			}
			ev, _ := bad.Reply["evalue"].(string)
			tb, _ := json.Marshal(bad.Reply["traceback"])
			if bad.Reply["status"] != "error" || errs != 1 || !strings.Contains(ev+string(tb), "42P01") || !strings.Contains(string(tb), "^") {
				t.Fatalf("missing table: reply %v, %d error messages", bad.Reply, errs)
			}

			cancelled := res[2]
			if cancelled.Reply["status"] != "error" {
				t.Fatalf("interrupted query: reply %v", cancelled.Reply)
			}
			after := res[3]
			if after.Reply["status"] != "ok" || after.first("execute_result") == nil {
				t.Fatalf("connection not usable after the cancelled query: %v", after.Reply)
			}
		})
	}
}
