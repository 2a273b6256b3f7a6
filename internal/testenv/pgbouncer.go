package testenv

import (
	"os/exec"
	"testing"
)

// Pgbouncer returns the path of Debian's pgbouncer (on PATH, else /usr/sbin/pgbouncer,
// where the package installs it outside a normal user's PATH), or skips/fails.
func Pgbouncer(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"pgbouncer", "/usr/sbin/pgbouncer"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	Missing(t, "pgbouncer (Debian's pgbouncer package)")
	return ""
}
