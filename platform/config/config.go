// Package config is the one place Sluice reads its configuration from the environment:
// the state directory (SLUICE_HOME), the storage root (SLUICE_STORAGE) and the paths of
// the sandbox's state files. Every other package asks here rather than reading variables.
package config

import (
	"os"
	"path/filepath"
)

// Home returns the state directory: $SLUICE_HOME, else $XDG_DATA_HOME/sluice, else
// ~/.local/share/sluice. It does not create the directory.
func Home() string {
	if h := os.Getenv("SLUICE_HOME"); h != "" {
		return h
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "sluice")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		home = os.TempDir()
	}
	return filepath.Join(home, ".local", "share", "sluice")
}

// StorageRoot returns the blob-storage root URL: $SLUICE_STORAGE, else
// file://<Home>/storage.
func StorageRoot() string {
	if s := os.Getenv("SLUICE_STORAGE"); s != "" {
		return s
	}
	return "file://" + filepath.ToSlash(filepath.Join(Home(), "storage"))
}

// SandboxDir returns the directory the sandbox keeps its DuckDB files and its state files
// (port, pid, password — each mode 0600) in: <Home>/sandbox.
func SandboxDir() string { return filepath.Join(Home(), "sandbox") }

// DSN returns $SLUICE_DSN, the configured query service, or "" when unset.
func DSN() string { return os.Getenv("SLUICE_DSN") }
