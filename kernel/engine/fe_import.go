package engine

import (
	"go/token"
	"go/types"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel/engine/gostd"
	"github.com/sluice-dev/sluice/kernel/engine/typedata"
)

type (
	interpProgram = interp.Program
	interpPanic   = interp.Panic
)

// newImporter returns the importer the front end checks cells with: the embedded type
// information of every package cells can import.
func newImporter() types.ImporterFrom {
	return typedata.Importer(token.NewFileSet())
}

func init() {
	stdFiles = gostd.Files
}
