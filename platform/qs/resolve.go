package qs

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

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

var (
	kvPasswordRE  = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)
	urlPasswordRE = regexp.MustCompile(`(?i)([?&]password=)[^&\s]*`)
)

// Redact returns dsn with any password (URL userinfo, ?password=, or password=key
// value) replaced by "xxxxx".
func Redact(dsn string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if u.User != nil {
				if _, ok := u.User.Password(); ok {
					u.User = url.UserPassword(u.User.Username(), "xxxxx")
				}
			}
			s := u.String()
			return urlPasswordRE.ReplaceAllString(s, "${1}xxxxx")
		}
		// Unparseable URL: blank everything between "://" and the last "@".
		i := strings.Index(dsn, "://") + 3
		if j := strings.LastIndex(dsn, "@"); j > i {
			userinfo := dsn[i:j]
			if k := strings.Index(userinfo, ":"); k >= 0 {
				return dsn[:i] + userinfo[:k] + ":xxxxx" + dsn[j:]
			}
		}
		return urlPasswordRE.ReplaceAllString(dsn, "${1}xxxxx")
	}
	return kvPasswordRE.ReplaceAllString(dsn, "${1}xxxxx")
}

// scrub removes dsn's password from an error message.
func scrub(msg, dsn string) string {
	pw := passwordOf(dsn)
	if pw != "" {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
		msg = strings.ReplaceAll(msg, url.PathEscape(pw), "xxxxx")
		msg = strings.ReplaceAll(msg, url.QueryEscape(pw), "xxxxx")
	}
	return msg
}

func passwordOf(dsn string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if u.User != nil {
				if p, ok := u.User.Password(); ok {
					return p
				}
			}
			return u.Query().Get("password")
		}
		return ""
	}
	if m := kvPasswordRE.FindStringSubmatch(dsn); m != nil {
		return strings.Trim(m[2], "'")
	}
	return ""
}
