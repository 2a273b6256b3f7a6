package catalog

import "github.com/sluice-dev/sluice/internal/progress"

// startProgress begins the progress of a multi-batch load (an updating bar in a
// notebook, an occasional line on a terminal, drawn by display); quiet ones show nothing.
func startProgress(title string, total int64, quiet bool) progress.Bar {
	if quiet {
		return progress.Silent
	}
	return progress.Start(title, total)
}
