package magics

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseSQLArgs(t *testing.T) {
	o, err := parseSQLArgs(`df << --limit 5 -c prod --with a,b -w c --timeout 2.5`, "SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	if o.out != "df" || o.limit != 5 || o.conn != "prod" || strings.Join(o.with, ",") != "a,b,c" || o.timeout != 2500*time.Millisecond || o.sql != "SELECT 1" {
		t.Fatalf("parsed %+v", o)
	}
	o, err = parseSQLArgs(`--connect "host=h password='a b'" --alias x --simple`, "")
	if err != nil || o.connect != "host=h password='a b'" || o.alias != "x" || !o.simple {
		t.Fatalf("connect: %+v %v", o, err)
	}
	o, err = parseSQLArgs(`-o n --scalar SELECT count(*) FROM t WHERE s = '-c x'`, "")
	if err != nil || o.out != "n" || !o.scalar || o.sql != "SELECT count(*) FROM t WHERE s = '-c x'" {
		t.Fatalf("line SQL: %+v %v", o, err)
	}
	o, err = parseSQLArgs(`--limit=0 -- -1 AS neg`, "")
	if err != nil || o.limit != 0 || o.sql != "-1 AS neg" {
		t.Fatalf("--: %+v %v", o, err)
	}
	for args, want := range map[string]string{
		"--limt 5":           "did you mean --limit?",
		"--limit x":          "want a number",
		"-o 1x":              "not a Go variable",
		"--save a-b":         "plain identifier",
		"--no-execute":       "only goes with --save",
		"--alias a":          "go with --connect",
		"--timeout soon":     "duration",
		"--dry-run=yes":      "takes no value",
		"--columns":          "needs a value",
		"a << -o b SELECT 1": "both -o b and a <<",
	} {
		_, err := parseSQLArgs(args, "")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseSQLArgs(%q) = %v, want %q", args, err, want)
		}
	}
}

func TestSQLDryRunSendsNothing(t *testing.T) {
	env, s, _, errb := testEnv()
	s.Set("since", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s.Set("kinds", []string{"web.formFilledOut", "commerce.purchases"})
	s.Set("col", "eventType")
	mustHandle(t, env, "%%sql --save buyers --no-execute\nSELECT user_id FROM events WHERE {{col|ident}} = 'commerce.purchases'")
	res := mustHandle(t, env, "%%sql --dry-run --with buyers\n"+
		"SELECT {{col|ident}}, count(*) FROM events\nWHERE ts > {{since}} AND {{col|ident}} IN {{kinds|in}} AND user_id IN (SELECT user_id FROM buyers) AND note <> '{{since}}'\nGROUP BY 1;\n"+
		"SELECT $$ {{not a param}} $$::text")
	got := textOf(res)
	want, err := os.ReadFile("testdata/dryrun.golden")
	if err != nil {
		t.Fatal(err)
	}
	golden := strings.TrimSuffix(string(want), "\n")
	if got != golden {
		t.Fatalf("dry run:\n%s\n--- want ---\n%s", got, golden)
	}
	if !strings.Contains(errb.String(), "inside quotes is left as text") {
		t.Fatalf("no warning about the quoted template: %q", errb.String())
	}
}

func TestSQLConfigAndUsage(t *testing.T) {
	env, _, _, _ := testEnv()
	if got := textOf(mustHandle(t, env, "%sql --config displaylimit=5 --config timeout=30s")); !strings.HasPrefix(got, "displaylimit=5\ntimeout=30s\nmaxrows=") {
		t.Fatalf("config = %q", got)
	}
	st := stateFor(env)
	if st.displayLimit != 5 || st.timeout != 30*time.Second {
		t.Fatalf("state %+v", st)
	}
	_, _, err := Handle(context.Background(), env, "%sql --config colour=red")
	var me *Error
	if !errors.As(err, &me) || !strings.Contains(me.Value, "unknown setting") {
		t.Fatalf("bad config: %v", err)
	}
	_, _, err = Handle(context.Background(), env, "%sql -c nosuchalias SELECT 1")
	if !errors.As(err, &me) || !strings.Contains(me.Value, `no connection called "nosuchalias"`) {
		t.Fatalf("unknown alias: %v", err)
	}
	if h := textOf(mustHandle(t, env, "%sql?")); !strings.Contains(h, "--dry-run") || !strings.Contains(h, "{{expr|in}}") {
		t.Fatalf("%%sql? help: %s", h)
	}
}
