package engine

import (
	"go/token"
	"go/types"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel/engine/gostd"
	"github.com/sluice-dev/sluice/kernel/engine/typedata"
)

type (
	interpProgram = interp.Program
	interpPanic   = interp.Panic
)

// newImporter returns the importer the front end checks cells with: the embedded type
// information of every package cells can import. It is shared by all engines of the
// process: packages are decoded once.
func newImporter() types.ImporterFrom {
	sharedOnce.Do(func() { shared = typedata.Importer(token.NewFileSet()) })
	return shared
}

var (
	sharedOnce sync.Once
	shared     types.ImporterFrom
)

func init() {
	stdFiles = gostd.Files
}
