package catalogtest

import "os"

func hasPostgres() bool { return os.Getenv("SLUICE_TEST_PG_DSN") != "" }
