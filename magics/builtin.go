package magics

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/table"
)

func init() {
	mustRegister(Magic{Name: "lsmagic", Line: true, Run: lsmagic,
		Summary: "list the magics there are",
		Help:    "%lsmagic\n\nLists every line magic (%name) and cell magic (%%name) with a one-line summary."})
	mustRegister(Magic{Name: "help", Line: true, Run: helpMagic,
		Summary: "show a magic's help",
		Help:    "%help NAME\n\nShows the help text of the magic NAME (with or without % signs). %NAME? does the same."})
	mustRegister(Magic{Name: "time", Line: true, Cell: true, Run: timeMagic,
		Summary: "run Go (or a magic) and print the wall time",
		Help: "%time STATEMENT\n%%time\nBODY\n\nRuns the Go statement or expression (or a magic line such as %sql …), prints\n" +
			"\"Wall time: …\" and shows the value. The cell form times the whole body, which may\n" +
			"itself start with a magic."})
	mustRegister(Magic{Name: "env", Line: true, Run: envMagic,
		Summary: "list, get or set environment variables",
		Help: "%env              list the environment (secrets and DSN passwords redacted)\n" +
			"%env NAME         show one variable\n%env NAME=value   set a variable (also %env NAME value)"})
	mustRegister(Magic{Name: "who", Line: true, Run: whoMagic,
		Summary: "list the session's variables with their types",
		Help: "%who [TYPE…]\n\nLists the variables the session's cells defined, with their Go types and values\n" +
			"(DSN passwords and variables named like secrets are shown as xxxxx).\n" +
			"With TYPE arguments, only variables of those types (e.g. %who int *table.Table)."})
	mustRegister(Magic{Name: "reset", Line: true, Run: resetMagic,
		Summary: "forget every variable the cells defined",
		Help:    "%reset\n\nForgets every name the session's cells defined (open connections stay open)."})
	mustRegister(Magic{Name: "html", Cell: true, Run: htmlMagic,
		Summary: "render the cell as HTML",
		Help:    "%%html\nBODY\n\nShows the cell body as HTML."})
	mustRegister(Magic{Name: "markdown", Cell: true, Run: markdownMagic,
		Summary: "render the cell as Markdown",
		Help:    "%%markdown\nBODY\n\nShows the cell body as Markdown."})
	mustRegister(Magic{Name: "writefile", Cell: true, Run: writefileMagic,
		Summary: "write the cell body to a file",
		Help:    "%%writefile [-a] PATH\nBODY\n\nWrites the cell body to PATH (creating or overwriting it); -a appends instead."})
	mustRegister(Magic{Name: "cd", Line: true, Run: cdMagic,
		Summary: "change the working directory",
		Help:    "%cd [DIR]\n\nChanges the kernel's working directory to DIR (~ expands to the home directory;\nno DIR means home; - means the previous directory) and prints the new one."})
	mustRegister(Magic{Name: "sh", Cell: true, Run: shMagic,
		Summary: "run the cell as a shell script (output streamed)",
		Help: "%%sh\nSCRIPT\n\n!COMMAND\n\nRuns the script (or one command line) with bash (sh when bash is missing). Output is\n" +
			"streamed line by line as it comes; a non-zero exit status fails the cell; an\n" +
			"interrupt stops the whole process group."})
}

func lsmagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	var md, txt strings.Builder
	md.WriteString("| magic | what it does |\n| --- | --- |\n")
	txt.WriteString("Available magics (%help NAME for details):\n")
	for _, m := range Magics() {
		var forms []string
		if m.Line {
			forms = append(forms, "%"+m.Name)
		}
		if m.Cell {
			forms = append(forms, "%%"+m.Name)
		}
		f := strings.Join(forms, ", ")
		fmt.Fprintf(&md, "| `%s` | %s |\n", strings.Join(forms, "`, `"), m.Summary)
		fmt.Fprintf(&txt, "  %-22s %s\n", f, m.Summary)
	}
	fmt.Fprintf(&md, "| `!command` | run a shell command (like %%%%sh) |\n")
	fmt.Fprintf(&txt, "  %-22s %s\n", "!command", "run a shell command (like %%sh)")
	return markdownResult{md: md.String(), text: strings.TrimRight(txt.String(), "\n")}, nil
}

func helpMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	name := strings.Trim(strings.TrimSpace(inv.Args), "%?")
	if name == "" {
		return lsmagic(ctx, env, inv)
	}
	m, ok := Lookup(name)
	if !ok {
		e := unknownMagic(name, false)
		if s := Suggest(name, true); len(s) > 0 && !strings.Contains(e.Value, "did you mean") {
			e.Value += "; did you mean " + orList(s) + "?"
		}
		return nil, e
	}
	return helpOf(m), nil
}

// helpOf returns a magic's help as the cell's result.
func helpOf(m Magic) any {
	text := m.Help
	if text == "" {
		text = m.Summary
	}
	return textResult(text)
}

func timeMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	code := inv.Args
	if inv.Cell {
		code = inv.Body
	}
	if strings.TrimSpace(code) == "" {
		return nil, usageErrorf("%%time needs something to run: %%time EXPR, or %%%%time on a cell's first line")
	}
	start := time.Now()
	var v any
	var err error
	if IsMagic(code) {
		v, err = run(ctx, env, code)
	} else {
		v, err = evalGo(ctx, env, code)
	}
	el := time.Since(start)
	if env.Stdout != nil {
		fmt.Fprintf(env.Stdout, "Wall time: %s\n", formatDuration(el))
	}
	return v, err
}

// formatDuration renders d with three significant digits in a readable unit.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	case d < time.Minute:
		return fmt.Sprintf("%.3g s", d.Seconds())
	default:
		return d.Round(time.Second).String()
	}
}

func envMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	args := strings.TrimSpace(inv.Args)
	if args == "" {
		vars := os.Environ()
		sort.Strings(vars)
		var names, vals []string
		for _, kv := range vars {
			k, v, _ := strings.Cut(kv, "=")
			names = append(names, k)
			vals = append(vals, redact.Env(k, v))
		}
		t := table.New(table.StringColumn("name", names), table.StringColumn("value", vals))
		t.Limit = len(names)
		return t, nil
	}
	name, value, set := strings.Cut(args, "=")
	if !set || strings.ContainsAny(strings.TrimSpace(name), " \t") {
		// "%env NAME value": the value may hold '=' itself (a DSN's ?sslmode=disable).
		set = false
		if f := strings.Fields(args); len(f) > 1 {
			name, value, set = f[0], strings.TrimSpace(args[len(f[0]):]), true
		}
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t\x00") {
		return nil, usageErrorf("%%env: %q is not a variable name; use %%env NAME=value", name)
	}
	if set {
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		}
		if err := os.Setenv(name, value); err != nil {
			return nil, &Error{Name: "UsageError", Value: fmt.Sprintf("%%env: set %s: %v", name, err), Err: err}
		}
		if env.Stdout != nil {
			fmt.Fprintf(env.Stdout, "env: %s=%s\n", name, redact.Env(name, value))
		}
		return nil, nil
	}
	v, ok := os.LookupEnv(name)
	if !ok {
		return nil, &Error{Name: "KeyError", Value: fmt.Sprintf("environment variable %s is not set", name)}
	}
	return textResult(redact.Env(name, v)), nil
}

func whoMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	if env.Session == nil {
		return nil, usageErrorf("%%who: no session")
	}
	want := strings.Fields(inv.Args)
	var names, types, vals []string
	for _, v := range env.Session.Vars() {
		if len(want) > 0 && !matchType(v.Type, want) {
			continue
		}
		names = append(names, v.Name)
		types = append(types, v.Type)
		vals = append(vals, redact.Env(v.Name, v.Value))
	}
	if len(names) == 0 {
		if len(want) > 0 {
			return textResult("No variables of type " + strings.Join(want, " or ") + "."), nil
		}
		return textResult("No variables defined."), nil
	}
	t := table.New(table.StringColumn("name", names), table.StringColumn("type", types), table.StringColumn("value", vals))
	t.Limit = len(names)
	return t, nil
}

var pkgQualRE = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*\.`)

// matchType reports whether type t is one of want, also matching with package
// qualifiers left out ("*Table" matches "*table.Table").
func matchType(t string, want []string) bool {
	short := pkgQualRE.ReplaceAllString(t, "")
	for _, w := range want {
		if t == w || short == w {
			return true
		}
	}
	return false
}

func resetMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	if env.Session == nil {
		return nil, usageErrorf("%%reset: no session")
	}
	n := len(env.Session.Vars())
	if err := env.Session.Reset(); err != nil {
		return nil, &Error{Name: "ResetError", Value: "%reset: " + err.Error(), Err: err}
	}
	if env.Stdout != nil {
		fmt.Fprintf(env.Stdout, "Session reset: %d variable(s) forgotten.\n", n)
	}
	return nil, nil
}

func htmlMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	return htmlResult(inv.Body), nil
}

func markdownMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	return markdownResult{md: inv.Body}, nil
}

func writefileMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	args, err := splitArgs(inv.Args)
	if err != nil {
		return nil, usageErrorf("%%%%writefile: %v", err)
	}
	appendMode := false
	var path string
	for _, a := range args {
		switch {
		case a == "-a" || a == "--append":
			appendMode = true
		case strings.HasPrefix(a, "-") && a != "-":
			return nil, usageErrorf("%%%%writefile: unknown option %s (usage: %%%%writefile [-a] PATH)", a)
		case path != "":
			return nil, usageErrorf("%%%%writefile: one path only (got %q and %q); quote a path with spaces", path, a)
		default:
			path = a
		}
	}
	if path == "" {
		return nil, usageErrorf("%%%%writefile: missing PATH (usage: %%%%writefile [-a] PATH)")
	}
	path = expandHome(path)
	body := inv.Body
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	verb := "Writing"
	if _, err := os.Stat(path); err == nil {
		verb = "Overwriting"
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendMode {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		verb = "Appending to"
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, &Error{Name: "IOError", Value: "%%writefile: " + err.Error(), Err: err}
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return nil, &Error{Name: "IOError", Value: "%%writefile: " + err.Error(), Err: err}
	}
	if err := f.Close(); err != nil {
		return nil, &Error{Name: "IOError", Value: "%%writefile: " + err.Error(), Err: err}
	}
	if env.Stdout != nil {
		fmt.Fprintf(env.Stdout, "%s %s\n", verb, path)
	}
	return nil, nil
}

var (
	cdMu   sync.Mutex
	prevWD string
)

func cdMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	args, err := splitArgs(inv.Args)
	if err != nil {
		return nil, usageErrorf("%%cd: %v", err)
	}
	if len(args) > 1 {
		return nil, usageErrorf("%%cd: one directory only (got %d arguments); quote a path with spaces", len(args))
	}
	cdMu.Lock()
	defer cdMu.Unlock()
	dir := "~"
	if len(args) == 1 {
		dir = args[0]
	}
	if dir == "-" {
		if prevWD == "" {
			return nil, usageErrorf("%%cd -: no previous directory")
		}
		dir = prevWD
	}
	dir = expandHome(dir)
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		return nil, &Error{Name: "IOError", Value: "%cd: " + err.Error(), Err: err}
	}
	prevWD = old
	wd, _ := os.Getwd()
	if env.Stdout != nil {
		fmt.Fprintln(env.Stdout, wd)
	}
	return nil, nil
}

// expandHome replaces a leading ~ with the home directory.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[1:])
		}
	}
	return p
}
