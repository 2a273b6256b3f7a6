package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// duckDBPath returns the path of dir's database file to hand the DuckDB driver, and an
// open directory to keep until the database is closed (nil when none is needed).
//
// duckdb-go parses its DSN as a URL but opens the raw text before the first '?', so no
// escaping serves both: a path holding '%' fails to parse ("invalid URL escape") and
// '#' turns the options into a fragment (silently ignored). A directory whose path
// holds either is opened and handed to the driver as /proc/self/fd/N, whose name holds
// neither (DuckDB resolves it to the real path itself). A '?' is refused: the driver
// would cut the path there, and DuckDB itself names the write-ahead log by inserting
// ".wal" before the first '?'.
func duckDBPath(dir string) (string, *os.File, error) {
	path := filepath.Join(dir, DBFile)
	if strings.Contains(path, "?") {
		return "", nil, fmt.Errorf("sandbox: the data directory %q holds '?', under which DuckDB cannot keep a database; use another directory", dir)
	}
	if !strings.ContainsAny(path, "%#") {
		return path, nil, nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return "", nil, fmt.Errorf("sandbox: data directory: %w", err)
	}
	alias := fmt.Sprintf("/proc/self/fd/%d", d.Fd())
	if st, err := os.Stat(alias); err != nil || !st.IsDir() {
		d.Close()
		return "", nil, fmt.Errorf("sandbox: the data directory %q holds %% or #, which the DuckDB driver cannot open on this system; use another directory", dir)
	}
	return filepath.Join(alias, DBFile), d, nil
}
