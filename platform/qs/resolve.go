package qs

import (
	"bufio"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/platform/config"
)

// Source names for Resolve.
const (
	SourceEnv      = "SLUICE_DSN"
	SourceJupySQL  = "~/.jupysql/connections.ini [default]"
	SourceDatabase = "DATABASE_URL"
	SourcePGEnv    = "PG* environment variables"
	SourceSandbox  = "sandbox"
)

// Resolve finds the default query service in this order: $SLUICE_DSN; the [default]
// section of ~/.jupysql/connections.ini; $DATABASE_URL; libpq's PGHOST/PGPORT/PGUSER/
// PGPASSWORD/PGDATABASE variables; else the local sandbox, which it starts (by running
// `sluice sandbox start`) when it is not running. It returns the DSN and where it came
// from.
func Resolve() (dsn string, source string, err error) {
	if d := config.DSN(); d != "" {
		return d, SourceEnv, nil
	}
	if d, err := jupysqlDefault(); err != nil {
		return "", "", err
	} else if d != "" {
		return d, SourceJupySQL, nil
	}
	if d := os.Getenv("DATABASE_URL"); d != "" {
		return d, SourceDatabase, nil
	}
	if d := pgEnvDSN(); d != "" {
		return d, SourcePGEnv, nil
	}
	d, err := EnsureSandbox()
	if err != nil {
		return "", "", err
	}
	return d, SourceSandbox, nil
}

// jupysqlDefault reads the [default] section of ~/.jupysql/connections.ini and builds
// a URL from jupysql's keys (drivername, username, password, host, port, database, query).
func jupysqlDefault() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", nil
	}
	path := filepath.Join(home, ".jupysql", "connections.ini")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	sections, err := parseINI(f)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	sec, ok := sections["default"]
	if !ok {
		return "", nil
	}
	return iniDSN(sec)
}

// parseINI reads a simple INI file: [sections] of key = value (or key: value) lines, with
// # and ; comments.
func parseINI(f *os.File) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	var cur map[string]string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' && strings.HasSuffix(line, "]") {
			cur = map[string]string{}
			out[strings.TrimSpace(line[1:len(line)-1])] = cur
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 || cur == nil {
			return nil, fmt.Errorf("line %d: expected key = value inside a [section]", n)
		}
		cur[strings.ToLower(strings.TrimSpace(line[:i]))] = strings.TrimSpace(line[i+1:])
	}
	return out, sc.Err()
}

// iniDSN builds a postgres URL from a jupysql connection section.
func iniDSN(sec map[string]string) (string, error) {
	driver := strings.ToLower(sec["drivername"])
	if driver != "" && !strings.HasPrefix(driver, "postgres") && !strings.HasPrefix(driver, "redshift") && !strings.HasPrefix(driver, "cockroach") {
		return "", fmt.Errorf("~/.jupysql/connections.ini [default]: drivername %q is not a PostgreSQL-wire service", sec["drivername"])
	}
	u := &url.URL{Scheme: "postgres"}
	if user := sec["username"]; user != "" {
		if pw, ok := sec["password"]; ok {
			u.User = url.UserPassword(user, pw)
		} else {
			u.User = url.User(user)
		}
	}
	host := sec["host"]
	if host == "" {
		host = "localhost"
	}
	if p := sec["port"]; p != "" {
		host += ":" + p
	}
	u.Host = host
	if db := sec["database"]; db != "" {
		u.Path = "/" + db
	}
	if q := sec["query"]; q != "" {
		// jupysql stores query as a Python dict literal: {'sslmode': 'require'}.
		vals := url.Values{}
		for _, m := range regexp.MustCompile(`['"]([^'"]+)['"]\s*:\s*['"]?([^'",}]+)['"]?`).FindAllStringSubmatch(q, -1) {
			vals.Set(m[1], strings.TrimSpace(m[2]))
		}
		u.RawQuery = vals.Encode()
	}
	return u.String(), nil
}

// pgEnvDSN returns a key=value DSN when any libpq connection variable is set; pgx reads
// the PG* variables itself when it parses the DSN, so the empty settings are left out.
func pgEnvDSN() string {
	for _, k := range []string{"PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"} {
		if os.Getenv(k) != "" {
			var parts []string
			for _, kv := range [][2]string{{"PGHOST", "host"}, {"PGPORT", "port"}, {"PGDATABASE", "dbname"}, {"PGUSER", "user"}} {
				if v := os.Getenv(kv[0]); v != "" {
					parts = append(parts, kv[1]+"="+quoteKV(v))
				}
			}
			return strings.Join(parts, " ")
		}
	}
	return ""
}

func quoteKV(v string) string {
	if v != "" && !strings.ContainsAny(v, ` '\`) {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// Redact returns dsn with any password (URL userinfo, ?password=, or password=key
// value) replaced by "xxxxx"; it is internal/redact's String, for cells.
func Redact(dsn string) string { return redact.String(dsn) }

// passwordOf returns the password dsn holds, decoded ("" when none).
func passwordOf(dsn string) string { return redact.PasswordOf(dsn) }

// checkURLAt refuses a URL DSN with an '@' other than the one that ends its user and
// password. A password holding an unencoded '/' ends the host early, and one holding an
// unencoded '@' moves the host's start: either way the parser would take a piece of the
// password for a host or database name and print it in its errors (libpq refuses these
// URLs too).
func checkURLAt(dsn string) error {
	i := strings.Index(dsn, "://")
	if i < 0 {
		return nil
	}
	rest := dsn[i+3:]
	end := strings.IndexAny(rest, "?#")
	if end < 0 {
		end = len(rest)
	}
	if j := strings.IndexByte(rest[:end], '/'); strings.Count(rest[:end], "@") > 1 ||
		j >= 0 && strings.Contains(rest[j:end], "@") {
		return errors.New("an '@' follows the user:password part: percent-encode '/' and '@' in the password (%2F, %40), and '@' in the database name (%40)")
	}
	return nil
}
