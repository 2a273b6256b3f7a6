package qs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

// A password with an unencoded '/' makes the URL parser take its tail for a host or a
// database name: Open refuses such a DSN with a fix, and neither the password nor a piece
// of it appears in the error.
func TestOpenUnencodedPasswordHidden(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	for _, c := range []struct{ dsn, want string }{
		{"postgres://u:Sl4sh/Mid@Tail9@127.0.0.1:1/db?connect_timeout=2", "%2F"},
		{"postgres://u:1234/Tail9@127.0.0.1:1/db?connect_timeout=2", "%2F"},
		{"postgres://u:Pq@Rs/Tail9:xy@127.0.0.1:1/db?connect_timeout=2", "%2F"},
		{"postgres://u:Sl4sh:Mid@Tail9@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", "%40"},
		{"postgres://u:Sl4sh:Mid@ab@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", "%40"},
		{"postgres://u@127.0.0.1:1/db?sslmode=disable&password=Sl4sh/Mid@Tail9&connect_timeout=2", ""},
		{"host=127.0.0.1 port=1 password='Sl4sh/Mid@Tail9 \\' x' connect_timeout=2", ""},
	} {
		_, err := qs.Open(context.Background(), c.dsn, qs.Options{})
		if err == nil {
			t.Fatalf("%s: connected to port 1", c.dsn)
		}
		msg := err.Error()
		for _, s := range []string{"Sl4sh", "Mid", "Tail9", "1234", "Rs/", "xy@", "ab@"} {
			if strings.Contains(msg, s) {
				t.Errorf("Open(%q) error leaks %q: %s", c.dsn, s, msg)
			}
		}
		if !strings.Contains(msg, c.want) {
			t.Errorf("Open(%q) error = %s, want it to say %q", c.dsn, msg, c.want)
		}
	}
}
