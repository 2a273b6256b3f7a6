package sandbox_test

import "testing"

// TestPsqlTablespacesAndRoleSettings runs psql's \db and \drds on both servers: the
// tablespaces pg_default and pg_global without a location, no per-role settings.
func TestPsqlTablespacesAndRoleSettings(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	for _, cmd := range []string{`\db`, `\db+ pg_default`, `\drds`} {
		want, werr := psqlDSN(t, pgDSN, "-c", cmd)
		got, gerr := psqlDSN(t, srv.DSN(), "-c", cmd)
		want, got = normalisePsql(want), normalisePsql(got)
		if (werr == nil) != (gerr == nil) || want != got {
			t.Errorf("psql %s differs\n--- PostgreSQL (%v):\n%s\n--- sandbox (%v):\n%s", cmd, werr, want, gerr, got)
		}
	}
}
