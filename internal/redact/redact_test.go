package redact

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// The DSN forms libpq (and JDBC) accept, each with the text String must make of it and
// the secrets that must not survive.
var forms = []struct {
	name, in, want string
	secrets        []string
}{
	{"URL userinfo", "postgres://u:s3cret@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable", []string{"s3cret"}},
	{"postgresql scheme", "postgresql://u:s3cret@h/db", "postgresql://u:xxxxx@h/db", []string{"s3cret"}},
	{"no password", "postgresql://u@h/db", "postgresql://u@h/db", nil},
	{"host and port only", "postgres://localhost:5432/db", "postgres://localhost:5432/db", nil},
	{"?password=", "postgres://u@h/db?password=hunter2", "postgres://u@h/db?password=xxxxx", []string{"hunter2"}},
	{"&password= after others", "postgres://h/db?user=u&sslmode=disable&password=hunter2&connect_timeout=5", "postgres://h/db?user=u&sslmode=disable&password=xxxxx&connect_timeout=5", []string{"hunter2"}},
	{"PASSWORD= upper case", "postgres://h/db?PASSWORD=hunter2", "postgres://h/db?PASSWORD=xxxxx", []string{"hunter2"}},
	{"key/value", "host=h user=u password=s3cret dbname=d", "host=h user=u password=xxxxx dbname=d", []string{"s3cret"}},
	{"key/value first", "password=s3cret host=h", "password=xxxxx host=h", []string{"s3cret"}},
	{"key/value spaces around =", "host=h password = s3cret dbname=d", "host=h password = xxxxx dbname=d", []string{"s3cret"}},
	{"quoted with spaces", "host=h password='s3 cret word' dbname=d", "host=h password=xxxxx dbname=d", []string{"s3", "cret w"}},
	{"quoted with escaped quote", `password='it\'s a s3cret' host=h`, "password=xxxxx host=h", []string{"it", "s3cret"}},
	{"quoted with escaped backslash", `host=h password='tail\\' user=u`, "host=h password=xxxxx user=u", []string{"tail"}},
	{"unterminated quote", "host=h password='s3cret never ends", "host=h password=xxxxx", []string{"s3cret", "ends"}},
	{"JDBC", "jdbc:postgresql://h:5432/db?user=u&password=hunter2", "jdbc:postgresql://h:5432/db?user=u&password=xxxxx", []string{"hunter2"}},
	{"JDBC userinfo", "jdbc:postgresql://u:hunter2@h/db", "jdbc:postgresql://u:xxxxx@h/db", []string{"hunter2"}},
	{"unencoded /", "postgres://u:pa/ss2word@h/db", "postgres://u:xxxxx@h/db", []string{"pa/ss", "ss2word"}},
	{"unencoded @", "postgres://u:p@ss@word@h/db", "postgres://u:xxxxx@h/db", []string{"ss@word", "word@h"}},
	{"unencoded :", "postgres://u:pa:ss:word@h/db", "postgres://u:xxxxx@h/db", []string{"ss:word"}},
	{"unencoded / @ :", "postgres://u:a/b@c:d2sec@h:5432/db", "postgres://u:xxxxx@h:5432/db", []string{"d2sec", "a/b"}},
	{"percent-encoded", "postgres://u:p%40ss%2Fw0rd@h/db", "postgres://u:xxxxx@h/db", []string{"p%40ss", "w0rd"}},
	{"percent-encoded query", "postgres://u@h/db?password=p%26ss%3Dw0rd", "postgres://u@h/db?password=xxxxx", []string{"p%26ss", "w0rd"}},
	{"in a sentence", "see postgres://a:b@h and s3://k:s@bkt", "see postgres://a:xxxxx@h and s3://k:xxxxx@bkt", nil},
	{"in pgx backticks", "cannot parse `host=h password=s3cret port=x`: invalid port", "cannot parse `host=h password=xxxxx port=x`: invalid port", []string{"s3cret"}},
	{"JSON", `{"user":"u","password":"s3 \"cret"}`, `{"user":"u","password":"xxxxx"}`, []string{"s3", "cret"}},
	{"multi-host", "postgres://u:s3cret@h1:5432,h2:5433/db", "postgres://u:xxxxx@h1:5432,h2:5433/db", []string{"s3cret"}},
}

func TestString(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	for _, f := range forms {
		got := String(f.in)
		if got != f.want {
			t.Errorf("%s: String(%q) = %q, want %q", f.name, f.in, got, f.want)
		}
		for _, s := range f.secrets {
			if strings.Contains(got, s) {
				t.Errorf("%s: String(%q) = %q leaks %q", f.name, f.in, got, s)
			}
		}
	}
}

func TestPasswordOf(t *testing.T) {
	cases := map[string]string{
		"postgres://u:s3cret@h/db":                           "s3cret",
		"postgres://u:p%40ss@h/db":                           "p@ss",
		"postgres://u:pa/ss@wo:rd@h/db":                      "pa/ss@wo:rd",
		"postgres://u@h/db?sslmode=disable&password=hunter2": "hunter2",
		"jdbc:postgresql://h/db?user=u&password=p%26q":       "p&q",
		"postgres://u@h/db":                                  "",
		"host=h password=s3cret":                             "s3cret",
		`host=h password='it\'s a s\\ecret' user=u`:          `it's a s\ecret`,
		"host=h user=u":                                      "",
	}
	for in, want := range cases {
		if got := PasswordOf(in); got != want {
			t.Errorf("PasswordOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// A parser that split a password at '/' and printed pieces of it: DSN hides each piece.
func TestDSNHidesMangledPassword(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	dsn := "postgres://u:first/second@third@h/db"
	msg := "failed to connect to `user=u database=second@third@h/db`: hostname resolving error; also saw first and p%2Fq"
	got := DSN(msg, dsn)
	for _, s := range []string{"first", "second", "third"} {
		if strings.Contains(got, s) {
			t.Errorf("DSN(...) = %q leaks %q", got, s)
		}
	}
	if !strings.Contains(got, "hostname resolving error") {
		t.Errorf("DSN(...) = %q lost the reason", got)
	}
}

func TestPGPASSWORD(t *testing.T) {
	t.Setenv("PGPASSWORD", "Tr0ub/4dor&3")
	for _, in := range []string{
		"connect with Tr0ub/4dor&3 now",
		"escaped Tr0ub%2F4dor&3 in a path",
		"escaped Tr0ub%2F4dor%263 in a query",
	} {
		if got := String(in); strings.Contains(got, "Tr0ub") || strings.Contains(got, "4dor") || !strings.Contains(got, Mask) {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
	if got := Env("PGPASSWORD", "Tr0ub/4dor&3"); got != Mask {
		t.Errorf("Env(PGPASSWORD) = %q", got)
	}
	// Too short to hide in free text without blanking words; the variable itself is hidden.
	t.Setenv("PGPASSWORD", "ab")
	if got := String("about tables"); got != "about tables" {
		t.Errorf("a 2-byte PGPASSWORD blanked text: %q", got)
	}
	if got := Env("PGPASSWORD", "ab"); got != Mask {
		t.Errorf("Env(PGPASSWORD) = %q", got)
	}
}

func TestEnv(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	cases := []struct{ name, value, want string }{
		{"AWS_SECRET_ACCESS_KEY", "abc", Mask},
		{"GITHUB_TOKEN", "abc", Mask},
		{"PWD", "/home/u", "/home/u"},
		{"EMPTY_SECRET", "", ""},
		{"DATABASE_URL", "postgres://u@h/db?password=hunter2", "postgres://u@h/db?password=xxxxx"},
		{"SLUICE_DSN", "host=h password='a b'", "host=h password=xxxxx"},
		{"HOME", "/root", "/root"},
	}
	for _, c := range cases {
		if got := Env(c.name, c.value); got != c.want {
			t.Errorf("Env(%s, %q) = %q, want %q", c.name, c.value, got, c.want)
		}
	}
}

func TestHandler(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewTextHandler(&buf, nil))).With("dsn", "postgres://u:w1th@h/db")
	log.Info("connect to host=h password=m3ssage", "err", errors.New("bad postgres://u@h/db?password=err0r"),
		slog.Group("g", "text", "password='gr0 up'"), "n", 3)
	out := buf.String()
	for _, s := range []string{"w1th", "m3ssage", "err0r", "gr0", "up'"} {
		if strings.Contains(out, s) {
			t.Errorf("log leaks %q: %s", s, out)
		}
	}
	if !strings.Contains(out, "n=3") || !strings.Contains(out, "g.text=") {
		t.Errorf("log lost attributes: %s", out)
	}
}

func TestWriter(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	var buf bytes.Buffer
	w := Writer(&buf)
	n, err := w.Write([]byte("[kernel] connect postgres://u:wr1ter@h/db\n"))
	if err != nil || n != len("[kernel] connect postgres://u:wr1ter@h/db\n") {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got := buf.String(); got != "[kernel] connect postgres://u:xxxxx@h/db\n" {
		t.Errorf("wrote %q", got)
	}
	if got := Lines([]string{"password=l1nes", "ok"}); got[0] != "password=xxxxx" || got[1] != "ok" {
		t.Errorf("Lines = %q", got)
	}
}
