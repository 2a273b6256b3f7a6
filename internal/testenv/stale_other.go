//go:build !unix

package testenv

// removeStaleBinaries does nothing where a process cannot be probed by signal 0.
func removeStaleBinaries() {}
