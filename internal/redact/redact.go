// Package redact hides passwords in text Sluice prints: DSNs in every form libpq and JDBC
// accept, and the value of PGPASSWORD. Every path that shows a DSN, an environment
// variable, an error or a log line goes through it, so there is one list of forms to keep.
package redact

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strings"
)

// Mask is what a password is replaced with.
const Mask = "xxxxx"

// MinSecretLen is the shortest PGPASSWORD value String replaces in free text: a shorter
// value would blank ordinary words (the variable itself is always hidden by Env).
const MinSecretLen = 4

var (
	// scheme://user:password@host: the password runs to the last '@' of the token, so
	// an unencoded '/', '@' or ':' in it is hidden too.
	userinfoRE = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://[^\s:/@]*:)\S*@`)
	// ?password=… and &password=… in a URL's query (JDBC URLs included).
	queryRE = regexp.MustCompile(`(?i)([?&]password=)[^&\s#]*`)
	// key/value password=…, the value bare or single-quoted with backslash escapes (an
	// unterminated quote hides the rest of the text).
	keyValueRE = regexp.MustCompile(`(?i)((?:^|[\s,;(\x60'"])password\s*=\s*)(?:'(?:[^'\\]|\\.)*(?:'|\\?$)|\S+)`)
	// "password": "…" in JSON.
	jsonRE = regexp.MustCompile(`(?i)("password"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	// names of environment variables that hold secrets.
	secretNameRE = regexp.MustCompile(`(?i)(PASS|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|SESSION_?KEY|SIGNATURE)`)
)

// String returns s with every password it recognises replaced by Mask: URL userinfo,
// password= query parameters, key/value password=… (quoted or not), JSON "password"
// members, and the current value of PGPASSWORD wherever it appears.
func String(s string) string {
	if s == "" {
		return s
	}
	if pw := os.Getenv("PGPASSWORD"); len(pw) >= MinSecretLen {
		s = Secret(s, pw)
	}
	s = userinfoRE.ReplaceAllString(s, "${1}"+Mask+"@")
	s = queryRE.ReplaceAllString(s, "${1}"+Mask)
	s = keyValueRE.ReplaceAllString(s, "${1}"+Mask)
	return jsonRE.ReplaceAllString(s, `${1}"`+Mask+`"`)
}

// Secret returns s with secret replaced by Mask, in the forms it may be printed in: as
// is, percent-encoded, libpq-quoted, and each piece of it between '/', '@', ':', '?' or
// '#' of at least MinSecretLen bytes (a parser that split the password there may print a
// piece alone).
func Secret(s, secret string) string {
	if secret == "" {
		return s
	}
	forms := []string{secret, url.PathEscape(secret), url.QueryEscape(secret), url.UserPassword("", secret).String()[1:],
		strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(secret)}
	for _, f := range forms {
		if f != "" {
			s = strings.ReplaceAll(s, f, Mask)
		}
	}
	pieces := strings.FieldsFunc(secret, func(r rune) bool { return strings.ContainsRune("/@:?#", r) })
	if len(pieces) > 1 {
		for _, p := range pieces {
			if len(p) >= MinSecretLen {
				s = strings.ReplaceAll(s, p, Mask)
			}
		}
	}
	return s
}

// DSN returns msg, a message about dsn, with dsn's password hidden even where a parser
// printed it mangled, and every recognised form redacted.
func DSN(msg, dsn string) string {
	return String(Secret(msg, PasswordOf(dsn)))
}

// PasswordOf returns the password dsn holds (decoded), or "" when it holds none: the URL
// userinfo (up to the last '@' of the URL, so unencoded '/', '@' and ':' belong to it), else
// a password query parameter, else a key/value password.
func PasswordOf(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest := dsn[i+3:]
		if j := strings.IndexFunc(rest, isSpace); j >= 0 {
			rest = rest[:j]
		}
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
				return unescape(pw)
			}
		}
		if q := strings.IndexByte(rest, '?'); q >= 0 {
			for _, kv := range strings.Split(rest[q+1:], "&") {
				if k, v, _ := strings.Cut(kv, "="); strings.EqualFold(k, "password") {
					return unescape(v)
				}
			}
		}
		return ""
	}
	m := keyValueRE.FindStringSubmatchIndex(dsn)
	if m == nil {
		return ""
	}
	v := dsn[m[3]:m[1]]
	if !strings.HasPrefix(v, "'") {
		return v
	}
	v = strings.TrimSuffix(v[1:], "'")
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// SecretName reports whether an environment variable named name holds a secret.
func SecretName(name string) bool {
	return name != "PWD" && name != "OLDPWD" && secretNameRE.MatchString(name)
}

// Env returns the value of environment variable name as it may be shown: Mask when the
// name says it holds a secret, otherwise the value with passwords redacted.
func Env(name, value string) string {
	if value != "" && SecretName(name) {
		return Mask
	}
	return String(value)
}

// Writer returns a writer that redacts each write to w with String. A password split
// across two writes is not recognised: give it whole lines or messages.
func Writer(w io.Writer) io.Writer { return writer{w} }

type writer struct{ w io.Writer }

func (w writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.w, String(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Lines returns ss with each string redacted with String, in a new slice.
func Lines(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = String(s)
	}
	return out
}

// Handler wraps h so that the message and every string attribute of each record are
// redacted before h sees them.
func Handler(h slog.Handler) slog.Handler { return handler{h} }

type handler struct{ h slog.Handler }

func (r handler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(attr(a))
		return true
	})
	return r.h.Handle(ctx, out)
}

func (r handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = attr(a)
	}
	return handler{r.h.WithAttrs(red)}
}

func (r handler) WithGroup(name string) slog.Handler { return handler{r.h.WithGroup(name)} }

// attr redacts a's value: strings, errors and other values by their text, groups member by member.
func attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, String(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, m := range g {
			red[i] = attr(m)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		if v.Any() == nil {
			return a
		}
		return slog.String(a.Key, String(v.String()))
	default:
		return slog.Attr{Key: a.Key, Value: v}
	}
}
