package magics

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// client returns the connection a cell runs on: alias when given, else the current one
// (opening the default on first use).
func client(ctx context.Context, alias string) (*qs.Client, string, error) {
	reg := qs.RegistryOf(ctx)
	if alias != "" {
		c, err := reg.Get(alias)
		if err != nil {
			return nil, "", &Error{Name: "UsageError", Value: "-c " + aliasError(reg, alias, err), Err: err}
		}
		return c, alias, nil
	}
	c, err := qs.Current(ctx)
	if err != nil {
		return nil, "", &Error{Name: "ConnectionError", Value: redact.String(err.Error()) +
			" (set SLUICE_DSN or run %sql --connect DSN)", Err: err}
	}
	for _, ci := range reg.List() {
		if ci.Current {
			return c, ci.Alias, nil
		}
	}
	return c, qs.DefaultAlias, nil
}

// aliasError explains an alias unknown to reg, suggesting near ones.
func aliasError(reg *qs.Registry, alias string, err error) string {
	var names []string
	for _, ci := range reg.List() {
		names = append(names, ci.Alias)
	}
	msg := fmt.Sprintf("no connection called %q", alias)
	if near := nearest(alias, names, 2); len(near) > 0 {
		msg += "; did you mean " + orList(near) + "?"
	} else if len(names) > 0 {
		msg += " (connections: " + strings.Join(names, ", ") + ")"
	} else {
		msg += " (no connections are open; %sql --connect DSN --alias NAME opens one)"
	}
	return msg
}

// describeConnection says which service a connection of reg reaches, without secrets.
func describeConnection(reg *qs.Registry, c *qs.Client, alias string) string {
	source := ""
	for _, ci := range reg.List() {
		if ci.Alias == alias {
			source = ci.Source
		}
	}
	s := fmt.Sprintf("Connected to %s (%s) as %s", c.Redacted(), c.Dialect(), alias)
	if source != "" {
		s += " · from " + source
	}
	if c.Options().SimpleProtocol {
		s += " · simple protocol"
	}
	if c.Session().InTransaction() {
		s += " · transaction open (COMMIT or ROLLBACK ends it)"
	}
	return s
}

// connectionsTable lists the connections registered in reg.
func connectionsTable(reg *qs.Registry) any {
	list := reg.List()
	if len(list) == 0 {
		return textResult("No connections are open. %sql connects to the default one; %sql --connect DSN opens another.")
	}
	var cur []bool
	var alias, dsn, dialect, source []string
	for _, ci := range list {
		cur = append(cur, ci.Current)
		alias = append(alias, ci.Alias)
		dsn = append(dsn, redact.String(ci.DSN))
		dialect = append(dialect, ci.Dialect)
		src := ci.Source
		if ci.Simple {
			src += " (simple protocol)"
		}
		source = append(source, src)
	}
	t := table.New(table.BoolColumn("current", cur), table.StringColumn("alias", alias),
		table.StringColumn("dsn", dsn), table.StringColumn("dialect", dialect), table.StringColumn("source", source))
	t.Limit = -1
	return t
}

// expandDSN resolves --connect's value: {{expr}} evaluates a Go expression, $NAME reads
// an environment variable, anything else is the DSN itself.
func expandDSN(ctx context.Context, env *Env, v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}"):
		x, err := evalParam(ctx, env, v[2:len(v)-2], v)
		if err != nil {
			return "", err
		}
		s, ok := x.(string)
		if !ok {
			return "", usageErrorf("--connect %s: want a string DSN, got %T", v, x)
		}
		return s, nil
	case strings.HasPrefix(v, "$") && isGoIdent(strings.Trim(v[1:], "{}")):
		name := strings.Trim(v[1:], "{}")
		s, ok := os.LookupEnv(name)
		if !ok || s == "" {
			return "", usageErrorf("--connect %s: environment variable %s is not set", v, name)
		}
		return s, nil
	}
	return v, nil
}
