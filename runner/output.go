package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// StdoutPath is the output path that sends the executed notebook to standard output
// (papermill's convention).
const StdoutPath = "-"

// checkOutput refuses, before anything runs, an output path the run could not write or
// must not replace: anything that exists and is not a regular file (a device such as
// /dev/null, a FIFO, a socket, a directory, a symbolic link), or a directory in which
// no file can be created (a read-only file system, a parent that is a file). It creates
// the missing directories of path, as the final write would.
func checkOutput(path string) error {
	if err := checkReplaceable(path); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	probe, err := os.CreateTemp(dir, "."+filepath.Base(path)+".probe-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// checkReplaceable returns an error unless path is absent or a regular file: a rename
// over anything else would replace a device node, a FIFO or a link with a plain file.
func checkReplaceable(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode().IsRegular():
		return nil
	}
	what := "not a regular file"
	switch m := fi.Mode(); {
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
		if target, err := os.Readlink(path); err == nil {
			what += " to " + target
		}
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return fmt.Errorf("%s is %s: sluice run writes the output notebook only where there is no file or a regular one (use --output - for standard output)", path, what)
}
