package magics

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

func init() {
	mustRegister(Magic{Name: "sql", Line: true, Cell: true, Run: sqlMagic, Complete: sqlComplete,
		Summary: "run SQL on the query service (bound {{parameters}}, saved CTEs, connections)",
		Help:    sqlHelp()})
}

var dsnURLRE = regexp.MustCompile(`^postgres(ql)?://\S+$`)

func sqlMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	o, err := parseSQLArgs(inv.Args, inv.Body)
	if err != nil {
		return nil, err
	}
	st := stateFor(env)
	did := false // whether an administrative option did something
	if o.file != "" {
		data, err := os.ReadFile(expandHome(o.file))
		if err != nil {
			return nil, &Error{Name: "IOError", Value: "--file: " + err.Error(), Err: err}
		}
		if strings.TrimSpace(o.sql) != "" {
			o.sql += ";\n"
		}
		o.sql += string(data)
	}
	if w := strings.TrimSpace(o.sql); o.connect == "" && dsnURLRE.MatchString(w) {
		o.connect, o.sql = w, "" // %sql postgres://… connects, as in jupysql
	}

	if len(o.config) > 0 {
		did = true
		if err := st.configure(o.config); err != nil {
			return nil, err
		}
	}
	if o.close != "" {
		did = true
		if err := qs.RegistryOf(ctx).CloseAlias(o.close); err != nil {
			return nil, &Error{Name: "UsageError", Value: "--close: " + aliasError(qs.RegistryOf(ctx), o.close, err), Err: err}
		}
		say(env, "Closed connection %s.", o.close)
	}
	if o.connect != "" {
		did = true
		dsn, err := expandDSN(ctx, env, o.connect)
		if err != nil {
			return nil, err
		}
		c, err := qs.Connect(ctx, dsn, o.alias, qs.Options{SimpleProtocol: o.simple})
		if err != nil {
			return nil, &Error{Name: "ConnectionError", Value: redact.DSN(err.Error(), dsn), Err: err}
		}
		name := o.alias
		if name == "" {
			name = c.Redacted()
		}
		proto := ""
		if o.simple {
			proto = ", simple protocol"
		}
		say(env, "Connected to %s (%s%s) as %s.", c.Redacted(), c.Dialect(), proto, name)
	}
	if o.use != "" {
		did = true
		if err := qs.RegistryOf(ctx).Use(o.use); err != nil {
			return nil, &Error{Name: "UsageError", Value: "--use: " + aliasError(qs.RegistryOf(ctx), o.use, err), Err: err}
		}
		say(env, "Using connection %s.", o.use)
	}
	if o.snippets {
		return st.snippetTable(), nil
	}
	if o.connections {
		return connectionsTable(qs.RegistryOf(ctx)), nil
	}
	if len(o.config) > 0 && strings.TrimSpace(o.sql) == "" {
		return st.configText(), nil
	}

	sqlText := strings.TrimSpace(o.sql)
	if sqlText == "" && !o.tables && o.columns == "" {
		if did {
			return nil, nil
		}
		if o.save != "" || o.dryRun || o.out != "" || o.scalar {
			return nil, usageErrorf("no SQL to run: write it after the options or in the cell body")
		}
		c, alias, err := client(ctx, o.conn)
		if err != nil {
			return nil, err
		}
		return textResult(describeConnection(qs.RegistryOf(ctx), c, alias)), nil
	}

	if o.tables || o.columns != "" {
		c, _, err := client(ctx, o.conn)
		if err != nil {
			return nil, err
		}
		// Listed as the session sees them: its TEMP tables and search_path count.
		sctx := withNotices(ctx, env)
		var t *table.Table
		if o.tables {
			t, err = c.Session().Tables(sctx)
		} else {
			t, err = c.Session().Columns(sctx, o.columns)
		}
		if err != nil {
			return nil, sqlError(ctx, err, 0, 0, nil, 0)
		}
		t.Limit = -1
		if o.out != "" {
			if err := store(env, o.out, t); err != nil {
				return nil, err
			}
		}
		return t, nil
	}

	if o.local {
		return st.runLocal(ctx, env, o, sqlText)
	}
	return st.runSQL(ctx, env, o, sqlText)
}

// say writes a line to the cell's stdout.
func say(env *Env, format string, args ...any) {
	if env != nil && env.Stdout != nil {
		fmt.Fprintf(env.Stdout, format+"\n", args...)
	}
}

// warn writes a line to the cell's stderr.
func warn(env *Env, format string, args ...any) {
	if env != nil && env.Stderr != nil {
		fmt.Fprintf(env.Stderr, format+"\n", args...)
	}
}
